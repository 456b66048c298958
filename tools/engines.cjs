// The three browser engines, from Debian's packages, behind one small interface, each sending every
// request through the faked network edge (tools/edge-proxy.cjs) at `proxyPort`:
//   chromium  Debian's chromium, through Playwright
//   firefox   Debian's firefox-esr, through puppeteer-core over WebDriver BiDi
//   webkit    Debian's WebKitGTK MiniBrowser, through its WebKitWebDriver (W3C WebDriver) under xvfb-run
// Each tab is a fresh browser profile: nothing stored. A missing engine fails with the command that
// installs it; it is never skipped. Shared by the cross-engine tests and the soak.
const { spawn } = require('child_process')
const { existsSync } = require('fs')
const { request: httpRequest } = require('http')
const { createServer } = require('net')
const { CHROMIUM_ARGS, chromiumPath } = require('./local-network.cjs')

const ENGINES = ['chromium', 'firefox', 'webkit']

function need(path, engine, install) {
  if (!existsSync(path)) throw new Error(`${engine} not found at ${path}. Install it with: sudo apt-get install -y ${install}`)
  return path
}

const PHONE = { width: 390, height: 844 }

/** A Playwright page as a tab; closing it closes its context (a fresh browser profile). */
function playwrightTab(context, page) {
  return {
    goto: async (url) => void (await page.goto(url)),
    run: (fn, ...args) => page.evaluate(({ source, args }) => (0, eval)(`(${source})`)(...args), { source: fn.toString(), args }),
    close: () => context.close(),
  }
}

async function launchChromiumEngine(proxyPort) {
  const { chromium, devices } = require('playwright')
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    proxy: { server: `http://127.0.0.1:${proxyPort}`, bypass: '127.0.0.1,localhost' },
    args: CHROMIUM_ARGS,
  })
  return {
    name: 'chromium',
    version: browser.version(),
    async newTab(profile = 'desktop') {
      const phone = { ...devices['Pixel 7'], viewport: PHONE, screen: PHONE }
      const context = await browser.newContext({ ignoreHTTPSErrors: true, ...(profile === 'phone' ? phone : {}) })
      return playwrightTab(context, await context.newPage())
    },
    close: () => browser.close(),
  }
}

/** Firefox's own background traffic (remote settings, updates, captive portal checks) kept off the edge. */
const QUIET_FIREFOX = {
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'network.connectivity-service.enabled': false,
  'network.captive-portal-service.enabled': false,
  'app.normandy.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'browser.region.network.url': '',
  'extensions.update.enabled': false,
  'browser.search.update': false,
}

async function launchFirefoxEngine(proxyPort) {
  const puppeteer = require('puppeteer-core')
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: need(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', 'Firefox', 'firefox-esr'),
    headless: true,
    acceptInsecureCerts: true,
    // Release builds read the remote settings server only with this set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.no_proxies_on': '127.0.0.1,localhost',
      ...QUIET_FIREFOX,
    },
  })
  return {
    name: 'firefox',
    version: await browser.version(),
    async newTab(profile = 'desktop') {
      const context = await browser.createBrowserContext()
      const page = await context.newPage()
      if (profile === 'phone') await page.setViewport(PHONE)
      return {
        goto: async (url) => void (await page.goto(url)),
        run: (fn, ...args) => page.evaluate((source, list) => (0, eval)(`(${source})`)(...list), fn.toString(), args),
        close: () => context.close(),
      }
    },
    close: () => browser.close(),
  }
}

/** One WebDriver command, on a connection of its own (nothing kept open once the driver is gone). */
function webDriverRequest(url, method, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, agent: false, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} }, (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () => {
        try {
          resolve(JSON.parse(text))
        } catch (error) {
          reject(error)
        }
      })
    })
    request.on('error', reject)
    request.end(payload)
  })
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'
/** Safari on an iPhone, for WebKit's phone profile. */
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1'

async function launchWebkitEngine(proxyPort) {
  need('/usr/bin/WebKitWebDriver', 'WebKitWebDriver', 'webkit2gtk-driver')
  need(MINIBROWSER, 'MiniBrowser', 'webkit2gtk-driver')
  need('/usr/bin/xvfb-run', 'xvfb-run', 'xvfb')
  const port = await freePort()
  const driver = spawn('xvfb-run', ['-a', '/usr/bin/WebKitWebDriver', `--port=${port}`], { stdio: 'ignore', detached: true })
  const base = `http://127.0.0.1:${port}`
  const call = async (method, path, body) => {
    const json = await webDriverRequest(base + path, method, body)
    if (json.value?.error) throw new Error(`WebDriver ${path}: ${json.value.error}: ${json.value.message}`)
    return json.value
  }
  for (let tries = 0; ; tries++) {
    try {
      if ((await call('GET', '/status')).ready) break
    } catch (error) {
      if (tries > 100) throw new Error(`WebKitWebDriver did not start: ${String(error)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const sessions = new Set()
  let version = ''
  return {
    name: 'webkit',
    get version() {
      return version
    },
    async newTab(profile = 'desktop') {
      // Each tab is a session of its own: a fresh, ephemeral browser with nothing stored. The W3C proxy
      // capability is not honoured by WebKitGTK's driver, so MiniBrowser is given the proxy itself.
      const session = await call('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            acceptInsecureCerts: true,
            'webkitgtk:browserOptions': {
              binary: MINIBROWSER,
              args: [
                '--automation',
                `--proxy=http://127.0.0.1:${proxyPort}`,
                '--ignore-host=127.0.0.1,localhost',
                '--ignore-tls-errors',
                ...(profile === 'phone' ? [`--user-agent=${IPHONE_SAFARI}`] : []),
              ],
            },
          },
        },
      })
      const id = session.sessionId
      version = `MiniBrowser/WebKitGTK ${session.capabilities.browserVersion}`
      sessions.add(id)
      await call('POST', `/session/${id}/window/rect`, profile === 'phone' ? PHONE : { width: 1280, height: 900 })
      return {
        goto: async (url) => void (await call('POST', `/session/${id}/url`, { url })),
        run: async (fn, ...args) => {
          const script = `const done = arguments[arguments.length - 1]; const args = Array.prototype.slice.call(arguments, 0, -1);
            Promise.resolve().then(() => (${fn.toString()})(...args)).then((v) => done({ ok: true, v: v === undefined ? null : v }), (e) => done({ ok: false, e: String((e && e.stack) || e) }))`
          const result = await call('POST', `/session/${id}/execute/async`, { script, args })
          if (!result.ok) throw new Error(result.e)
          return result.v
        },
        close: async () => {
          sessions.delete(id)
          await call('DELETE', `/session/${id}`).catch(() => undefined)
        },
      }
    },
    close: async () => {
      for (const id of sessions) await call('DELETE', `/session/${id}`).catch(() => undefined)
      const exited = new Promise((resolve) => {
        driver.once('exit', resolve)
        setTimeout(resolve, 5000).unref()
      })
      try {
        process.kill(-driver.pid, 'SIGTERM')
      } catch {
        // Already gone.
      }
      await exited
      driver.unref()
    },
  }
}

/** Launches an engine whose every request goes through the edge proxy at `proxyPort`. */
function launchEngine(name, proxyPort) {
  return name === 'chromium' ? launchChromiumEngine(proxyPort) : name === 'firefox' ? launchFirefoxEngine(proxyPort) : launchWebkitEngine(proxyPort)
}

module.exports = { ENGINES, launchEngine, playwrightTab }
