/**
 * The three browser engines, from Debian's packages, behind one small interface, all meeting the same
 * faked network edge (tools/edge-proxy.cjs, a local proxy that answers CleverTap and Segment):
 *   chromium  Debian's chromium, through Playwright
 *   firefox   Debian's firefox-esr, through puppeteer-core over WebDriver BiDi
 *   webkit    Debian's WebKitGTK MiniBrowser, through its WebKitWebDriver (W3C WebDriver) under xvfb-run
 * A missing engine fails with the command that installs it; it is never skipped.
 */
import { ChildProcess, spawn } from 'child_process'
import { existsSync } from 'fs'
import { request as httpRequest } from 'http'
import { createServer } from 'net'
import { FakeCleverTapServer } from './clevertap-wire'
import { buildEsmApp, MOUNTS, startStaticServer, StaticServer } from './static-server'
import { CHROMIUM_ARGS, chromiumPath } from '../../tools/local-network.cjs'
import type { NetworkOptions, SdkRelease } from '../../tools/local-network.cjs'
import { startEdgeProxy } from '../../tools/edge-proxy.cjs'

export type EngineName = 'chromium' | 'firefox' | 'webkit'
export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit']

/** `phone`: a 390 px wide window; in Chromium also touch, a mobile user agent and device scale. */
export type Profile = 'desktop' | 'phone'

export interface Tab {
  goto(url: string): Promise<void>
  /** Runs `fn` in the page (its source is sent, as Playwright does) with JSON arguments; resolves to its JSON result. */
  run<T>(fn: (...args: any[]) => T | Promise<T>, ...args: unknown[]): Promise<T>
  close(): Promise<void>
}

export interface Engine {
  name: EngineName
  version: string
  newTab(profile?: Profile): Promise<Tab>
  close(): Promise<void>
}

/**
 * The browsers' own background services (updates, remote settings). The proxy sees every request, the
 * browser's own included, and cannot tell them from the page's; these are refused like any outside
 * request, but kept apart from the page's violations.
 */
const BROWSER_SERVICES = /^https?:\/\/([a-z0-9-]+\.)*(googleapis\.com|gvt1\.com|google\.com|mozilla\.(com|net|org)|firefox\.com)\//

/** The local site and the faked outside world every engine talks to; `reset()` between tests. */
export interface Edge {
  origin: string
  proxyPort: number
  server: FakeCleverTapServer
  segment: unknown[]
  /** Requests for anything outside the local site, CleverTap and Segment: refused, and a test failure. */
  violations: string[]
  /** The browser's own background requests, refused. */
  browserTraffic: string[]
  attempts: string[]
  network: NetworkOptions
  reset(): void
  close(): Promise<void>
}

/** `release`: which CleverTap SDK release the edge serves at CleverTap's CDN URLs (npm's by default). */
export async function startEdge(release: SdkRelease = 'npm'): Promise<Edge> {
  const { mounts } = await buildEsmApp()
  const http: StaticServer = await startStaticServer({ ...MOUNTS, ...mounts })
  const edge = {
    origin: http.origin,
    proxyPort: 0,
    server: new FakeCleverTapServer(),
    segment: [] as unknown[],
    violations: [] as string[],
    browserTraffic: [] as string[],
    attempts: [] as string[],
    network: {} as NetworkOptions,
    reset() {
      edge.server = new FakeCleverTapServer()
      edge.segment = []
      edge.violations = []
      edge.attempts = []
      edge.network = {}
    },
    close: async () => {
      await proxy.close()
      await http.close()
    },
  }
  const proxy = await startEdgeProxy(http.origin, () => ({
    network: { ...edge.network, release },
    handlers: {
      clevertap: (url: string, json?: boolean) => edge.server.reply(url, json),
      attempt: (url: string) => edge.attempts.push(url),
      segment: (_url: string, body: unknown) => edge.segment.push(body),
      violation: (url: string) => (BROWSER_SERVICES.test(url) ? edge.browserTraffic : edge.violations).push(url),
    },
  }))
  edge.proxyPort = proxy.port
  return edge
}

function need(path: string, engine: string, install: string): string {
  if (!existsSync(path)) throw new Error(`${engine} not found at ${path}. Install it with: sudo apt-get install -y ${install}`)
  return path
}

const PHONE = { width: 390, height: 844 }

async function launchChromiumEngine(edge: Edge): Promise<Engine> {
  const { chromium, devices } = require('playwright') as typeof import('playwright')
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    proxy: { server: `http://127.0.0.1:${edge.proxyPort}`, bypass: '127.0.0.1,localhost' },
    args: CHROMIUM_ARGS,
  })
  return {
    name: 'chromium',
    version: browser.version(),
    async newTab(profile = 'desktop') {
      const phone = { ...devices['Pixel 7'], viewport: PHONE, screen: PHONE }
      const context = await browser.newContext({ ignoreHTTPSErrors: true, ...(profile === 'phone' ? phone : {}) })
      const page = await context.newPage()
      return {
        goto: async (url) => void (await page.goto(url)),
        run: (fn, ...args) => page.evaluate(({ source, args }) => (0, eval)(`(${source})`)(...args), { source: fn.toString(), args }),
        close: () => context.close(),
      }
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

async function launchFirefoxEngine(edge: Edge): Promise<Engine> {
  const puppeteer = require('puppeteer-core') as typeof import('puppeteer-core')
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
      'network.proxy.http_port': edge.proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': edge.proxyPort,
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
        run: (fn, ...args) => page.evaluate((source: string, list: unknown[]) => (0, eval)(`(${source})`)(...list), fn.toString(), args) as Promise<any>,
        close: () => context.close(),
      }
    },
    close: () => browser.close(),
  }
}

/** One WebDriver command, on a connection of its own (nothing kept open once the driver is gone). */
function webDriverRequest(url: string, method: string, body?: unknown): Promise<unknown> {
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'
/** Safari on an iPhone, for WebKit's phone profile. */
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1'

async function launchWebkitEngine(edge: Edge): Promise<Engine> {
  need('/usr/bin/WebKitWebDriver', 'WebKitWebDriver', 'webkit2gtk-driver')
  need(MINIBROWSER, 'MiniBrowser', 'webkit2gtk-driver')
  need('/usr/bin/xvfb-run', 'xvfb-run', 'xvfb')
  const port = await freePort()
  const driver: ChildProcess = spawn('xvfb-run', ['-a', '/usr/bin/WebKitWebDriver', `--port=${port}`], { stdio: 'ignore', detached: true })
  const base = `http://127.0.0.1:${port}`
  const call = async (method: string, path: string, body?: unknown) => {
    const json = (await webDriverRequest(base + path, method, body)) as { value: any }
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
  const sessions = new Set<string>()
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
                `--proxy=http://127.0.0.1:${edge.proxyPort}`,
                '--ignore-host=127.0.0.1,localhost',
                '--ignore-tls-errors',
                ...(profile === 'phone' ? [`--user-agent=${IPHONE_SAFARI}`] : []),
              ],
            },
          },
        },
      })
      const id: string = session.sessionId
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
        process.kill(-driver.pid!, 'SIGTERM')
      } catch {
        // Already gone.
      }
      await exited
      driver.unref()
    },
  }
}

export function launchEngine(name: EngineName, edge: Edge): Promise<Engine> {
  return name === 'chromium' ? launchChromiumEngine(edge) : name === 'firefox' ? launchFirefoxEngine(edge) : launchWebkitEngine(edge)
}
