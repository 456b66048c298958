/**
 * The apps in examples/, built from the packed package as their users build them (tools/example-sites.mjs):
 * Vite, the same code with esbuild, webpack 5, a Next.js App Router app, and a script-tag page. Each builds
 * without a warning and, in Chromium, does what its page promises: the page view at start-up, a sign-in,
 * an add-to-cart and a sign-out reach CleverTap's wire, on the right profiles, and the page shows
 * CleverTap's id for the device. The bundled ones keep CleverTap's SDK in a chunk of its own, fetched only
 * when CleverTap starts.
 */
import { ChildProcess, execFile, spawn } from 'child_process'
import { readdirSync, readFileSync, rmSync } from 'fs'
import { createServer } from 'net'
import { join } from 'path'
import { promisify } from 'util'
import type { Browser, BrowserContext } from 'playwright'
import { eventually, launchChromium, openSite, Site } from '../support/browser'
import { ROOT, StaticServer, startStaticServer } from '../support/static-server'

jest.setTimeout(240_000)

type Name = 'vite' | 'esbuild' | 'webpack' | 'nextjs' | 'script-tag'
interface ExampleSite {
  name: Name
  dir: string
  site: string
  package: string
  warnings: string[]
}

const WRITE_KEY = 'example-write-key'
const UMD = join(ROOT, 'node_modules/@segment/analytics-next/dist/umd')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

let sites: ExampleSite[] = []
let browser: Browser
const root = join(ROOT, `.tmp/examples-${process.pid}`)

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'tools/example-sites.mjs'), root], { maxBuffer: 16 * 1024 * 1024 })
  sites = JSON.parse(stdout) as ExampleSite[]
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  rmSync(root, { recursive: true, force: true })
})

const example = (name: Name) => sites.find((s) => s.name === name)!

/**
 * Segment's CDN and unpkg, played locally: the workspace's settings for the examples' write key (no
 * CleverTap destination in it), analytics.js as Segment's snippet loads it, and this package's files as
 * unpkg serves them from the packed package.
 */
async function playCdns(context: BrowserContext, packageDir: string) {
  await context.route('https://cdn.segment.com/**', (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === `/v1/projects/${WRITE_KEY}/settings`) {
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ integrations: { 'Segment.io': { apiKey: WRITE_KEY } }, metrics: { sampleRate: 0 } }) })
    }
    const file = path === `/analytics.js/v1/${WRITE_KEY}/analytics.min.js` ? 'standalone.js' : /^\/analytics-next\/bundles\/([\w.-]+)$/.exec(path)?.[1]
    if (!file) return route.fulfill({ status: 404, body: 'not found' })
    return route.fulfill({ contentType: 'application/javascript', body: readFileSync(join(UMD, file), 'utf8') })
  })
  await context.route('https://unpkg.com/**', (route) => {
    const file = new RegExp(`^/clevertap-segment-web@${pkg.version}/dist/([\\w.-]+)$`).exec(new URL(route.request().url()).pathname)?.[1]
    if (!file) return route.fulfill({ status: 404, body: 'not found' })
    return route.fulfill({ contentType: 'application/javascript', headers: { 'access-control-allow-origin': '*' }, body: readFileSync(join(packageDir, 'dist', file), 'utf8') })
  })
}

/** Where the example's site is served: a static server of its built files, or `next start`. */
async function serve(site: ExampleSite): Promise<{ origin: string; close(): Promise<void> }> {
  if (site.name !== 'nextjs') {
    const http: StaticServer = await startStaticServer({ '/': site.site })
    return { origin: http.origin, close: () => http.close() }
  }
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number }
      probe.close(() => resolve(free))
    })
  })
  const next: ChildProcess = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: site.dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  })
  const origin = `http://127.0.0.1:${port}`
  await eventually(async () => (await fetch(origin).then((r) => r.ok).catch(() => false)) || undefined, 30_000, 'next start answering')
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        next.once('exit', () => resolve())
        next.kill()
      }),
  }
}

/** Built JavaScript files, with whether each holds CleverTap's SDK (a string only its code has). */
function builtScripts(dir: string): Array<{ file: string; sdk: boolean }> {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.name === 'node_modules' || entry.name === 'cache' ? [] : entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)],
    )
  return walk(dir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file: file.slice(dir.length), sdk: readFileSync(file, 'utf8').includes('$WZRK_WR') }))
}

describe.each(['vite', 'esbuild', 'webpack', 'nextjs', 'script-tag'] as const)('%s', (name) => {
  test('builds from the packed package with not one warning', () => {
    expect(example(name).warnings).toEqual([])
  })

  test('in Chromium: the page view, a sign-in, an add-to-cart and a sign-out reach CleverTap, each on its profile', async () => {
    const built = example(name)
    const server = await serve(built)
    let site: Site | undefined
    try {
      site = await openSite(browser, server.origin)
      await playCdns(site.context, built.package)
      const errors: string[] = []
      site.page.on('pageerror', (error) => errors.push(String(error)))
      const fetched: string[] = []
      site.page.on('request', (request) => fetched.push(request.url()))
      await site.page.goto(server.origin + '/')

      // The page view at start-up, then the status the page shows once CleverTap is live.
      const s = site
      await eventually(() => s.server.pages()[0], 15_000, 'the page view')
      if (name !== 'script-tag') {
        const status = await eventually(async () => {
          const text = await s.page.textContent('#status')
          return text?.startsWith('live') ? text : undefined
        }, 15_000, 'the status')
        expect(status).toMatch(/^live, device \w+/)
      }

      await site.page.click('#sign-in')
      const login = await eventually(() => s.server.profiles().find((p) => p.profile.Identity === 'user-42'), 15_000, 'the login')
      expect(login.profile).toMatchObject({ Name: 'Ada Lovelace', Email: 'ada@example.com' })
      await eventually(async () => (await s.page.evaluate(() => localStorage.getItem('WZRK_X'))) !== null, 10_000, 'the login answered')
      await site.page.click('#add-to-cart')
      const added = await eventually(() => s.server.events('Product Added')[0], 15_000, 'the add-to-cart')
      expect(added.evtData).toMatchObject({ product_id: 'sku-1', name: 'Notebook', price: 12.5, quantity: 1 })
      const userProfile = site.server.requests.find((r) => r.data.type === 'profile' && r.data.profile?.Identity === 'user-42')!.replyGuid
      expect(added.guid).toBe(userProfile)

      // Signed out, the next add-to-cart starts a new profile.
      await site.page.click('#sign-out')
      await site.page.click('#add-to-cart')
      const anonymous = await eventually(() => s.server.events('Product Added')[1], 15_000, 'the add-to-cart after signing out')
      expect(anonymous.rc).toBe(true)
      expect(site.server.events('Product Added')).toHaveLength(2)

      if (name === 'nextjs') {
        // A route change in the App Router is a page view of its own.
        await site.page.click('#to-about')
        await eventually(() => s.server.pages().find((p) => new URL(String(p.data.cpg)).pathname === '/about'), 15_000, 'the page view of /about')
      }
      if (name === 'script-tag') {
        expect(fetched.filter((url) => url.startsWith('https://unpkg.com/'))).toEqual([
          `https://unpkg.com/clevertap-segment-web@${pkg.version}/dist/clevertap-segment-web.min.js`,
          `https://unpkg.com/clevertap-segment-web@${pkg.version}/dist/clevertap-segment-web.engine.min.js`,
        ])
      } else {
        // Bundled: nothing from CleverTap's CDN, and the SDK's chunk only after the page's own scripts.
        expect(fetched.filter((url) => url.includes('clevertap.min.js'))).toEqual([])
        const withSdk = builtScripts(name === 'nextjs' ? join(built.dir, '.next/static') : built.site).filter((s) => s.sdk)
        expect(withSdk).toHaveLength(1)
        const sdkIndex = fetched.findIndex((url) => url.endsWith(withSdk[0].file))
        expect(sdkIndex).toBeGreaterThan(fetched.findIndex((url) => url.endsWith('.js')))
      }
      expect(site.violations).toEqual([])
      expect(errors).toEqual([])
    } finally {
      await site?.context.close()
      await server.close()
    }
  })
})

test('the script-tag example pins the version this package is', () => {
  const html = readFileSync(join(ROOT, 'examples/script-tag/index.html'), 'utf8')
  const pinned = [...html.matchAll(/clevertap-segment-web@([\w.-]+)\//g)].map((m) => m[1])
  expect(pinned.length).toBeGreaterThan(0)
  expect(new Set(pinned)).toEqual(new Set([pkg.version]))
})
