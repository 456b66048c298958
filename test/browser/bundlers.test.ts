/**
 * A site built from npm with Vite, webpack or esbuild, each with its defaults: it builds without a warning
 * about the package, keeps CleverTap's SDK in a lazy chunk of its own, and works in Chromium.
 */
import { execFile } from 'child_process'
import { readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import { promisify } from 'util'
import type { Browser } from 'playwright'
import { eventually, finishSite, launchChromium, openSite } from '../support/browser'
import { MOUNTS, ROOT, StaticServer, startStaticServer } from '../support/static-server'

jest.setTimeout(180_000)

interface BundledSite {
  name: 'vite' | 'webpack' | 'esbuild'
  dir: string
  warnings: string[]
}

let sites: BundledSite[] = []
let http: StaticServer
let browser: Browser
const root = join(ROOT, `.tmp/bundlers-${process.pid}`)

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'tools/bundled-sites.mjs'), root], { maxBuffer: 16 * 1024 * 1024 })
  sites = JSON.parse(stdout) as BundledSite[]
  http = await startStaticServer({ ...MOUNTS, ...Object.fromEntries(sites.map((s) => [`/bundlers/${s.name}/dist/`, s.dir])) })
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await http?.close()
})

/** Built JavaScript files, with whether each holds the CleverTap SDK (a string only its code has). */
function builtScripts(dir: string): Array<{ file: string; sdk: boolean; size: number }> {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)]))
  return walk(dir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const code = readFileSync(file, 'utf8')
      return { file: file.slice(dir.length + 1), sdk: code.includes('$WZRK_WR'), size: code.length }
    })
}

describe.each(['vite', 'webpack', 'esbuild'] as const)('%s', (name) => {
  const site = () => sites.find((s) => s.name === name)!

  test('builds with its defaults and not one warning (crypto, sizes, side effects)', () => {
    expect(site().warnings).toEqual([])
  })

  test("keeps CleverTap's SDK in a chunk of its own, which the page fetches only when CleverTap starts", async () => {
    const scripts = builtScripts(site().dir)
    const withSdk = scripts.filter((s) => s.sdk)
    expect(withSdk).toHaveLength(1)
    const page = await openSite(browser, http.origin)
    const fetched: string[] = []
    page.page.on('request', (request) => fetched.push(new URL(request.url()).pathname))
    await page.page.goto(`${http.origin}/bundlers/${name}/dist/index.html`)
    const event = await eventually(() => page.server.events('Bundled')[0], 15_000, 'the event on CleverTap')
    expect(event.evtData).toEqual({ bundler: name })
    // The entry the page loads first is not the SDK's chunk, and the SDK's chunk came later, by itself.
    const sdkPath = `/bundlers/${name}/dist/${withSdk[0].file}`
    const entryIndex = fetched.findIndex((path) => path.endsWith('.js'))
    expect(fetched[entryIndex]).not.toBe(sdkPath)
    expect(fetched.indexOf(sdkPath)).toBeGreaterThan(entryIndex)
    // Bundled, so nothing is fetched from CleverTap's CDN.
    expect(fetched.filter((path) => path.includes('clevertap.min.js'))).toEqual([])
    await finishSite(page)
  })
})
