/**
 * Real Chromium (Debian's, through Playwright) with the network edge faked: CleverTap's endpoints are
 * answered by FakeCleverTapServer, its CDN script is served from the installed package, Segment's API is
 * recorded, and any other outside request is aborted and reported as a violation.
 */
import { existsSync, readFileSync } from 'fs'
import { join } from 'path'
import type { Browser, BrowserContext, Page, Route } from 'playwright'
import { chromium } from 'playwright'
import { FakeCleverTapServer } from './clevertap-wire'
import type { StaticServer } from './static-server'
import { buildEsmApp, ROOT, startStaticServer } from './static-server'

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[]

export function chromiumPath(): string {
  const found = CANDIDATES.find((path) => existsSync(path))
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests. Install Debian\'s package (`sudo apt-get install chromium`) ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    )
  }
  return found
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export const CDN_SDK_URL = 'https://static.clevertap.com/js/clevertap.min.js'
const SDK_SOURCE = readFileSync(join(ROOT, 'node_modules/clevertap-web-sdk/clevertap.min.js'))

export interface SegmentCall {
  url: string
  body: any
}

export interface NetworkOptions {
  /** The CleverTap CDN script: served (default), served after a delay, or blocked like an ad blocker. */
  sdk?: 'serve' | 'block' | { delayMs: number }
  /** CleverTap's API: answered (default), never answered (blocked), or answered with an error status. */
  api?: 'answer' | 'block' | 'error' | { delayMs: number }
}

export interface Site {
  context: BrowserContext
  page: Page
  server: FakeCleverTapServer
  segment: SegmentCall[]
  /** Outside requests that were attempted and aborted; a test that expects none asserts it is empty. */
  violations: string[]
  /** Every request made to CleverTap's API, answered or not. */
  attempts: string[]
  network: NetworkOptions
}

/** A fresh browser context whose traffic leaves only for the local origin. */
export async function openSite(browser: Browser, origin: string, network: NetworkOptions = {}, server = new FakeCleverTapServer()): Promise<Site> {
  const context = await browser.newContext()
  const site: Site = { context, page: undefined as unknown as Page, server, segment: [], violations: [], attempts: [], network }
  await context.route('**/*', (route) => handle(route, site, origin))
  site.page = await context.newPage()
  return site
}

async function handle(route: Route, site: Site, origin: string): Promise<void> {
  const url = route.request().url()
  if (url.startsWith(origin + '/')) return route.continue()
  if (url.startsWith(CDN_SDK_URL)) {
    const sdk = site.network.sdk ?? 'serve'
    if (sdk === 'block') return route.abort('blockedbyclient')
    if (typeof sdk === 'object') await new Promise((resolve) => setTimeout(resolve, sdk.delayMs))
    return route.fulfill({ status: 200, contentType: 'application/javascript', body: SDK_SOURCE })
  }
  if (/^https:\/\/[a-z0-9-]+\.clevertap-prod\.com\//.test(url)) {
    site.attempts.push(url)
    const api = site.network.api ?? 'answer'
    if (typeof api === 'object') await new Promise((resolve) => setTimeout(resolve, api.delayMs))
    if (api === 'block') return route.abort('blockedbyclient')
    if (api === 'error') {
      site.server.receive(url)
      return route.fulfill({ status: 503, contentType: 'text/plain', body: 'unavailable' })
    }
    return route.fulfill({ status: 200, contentType: 'application/javascript', body: site.server.replyScript(url) })
  }
  if (url.startsWith('https://api.segment.io/')) {
    const body = route.request().postData()
    site.segment.push({ url, body: body ? JSON.parse(body) : undefined })
    return route.fulfill({ status: 200, contentType: 'application/json', body: '{}' })
  }
  site.violations.push(url)
  return route.abort('blockedbyclient')
}

/** Polls `check` until it returns a value, without fixed sleeps. */
export async function until<T>(check: () => T | undefined | false | Promise<T | undefined | false>, ms = 10_000, what = 'condition'): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export function segmentEvents(site: Site, type?: string): any[] {
  return site.segment.map((c) => c.body).filter((b) => b && (type === undefined || b.type === type))
}

export interface LocalSite {
  browser: Browser
  http: StaticServer
}

/**
 * One Chromium and one local server for a test file, closed after it. With `esmApp`, the ESM fixture app
 * is bundled first and served under /esm/.
 */
export function useChromium(options: { esmApp?: boolean } = {}): LocalSite {
  const env = {} as LocalSite
  beforeAll(async () => {
    const mounts = options.esmApp ? (await buildEsmApp()).mounts : undefined
    env.http = await startStaticServer(mounts)
    env.browser = await launchChromium()
  })
  afterAll(async () => {
    await env.browser?.close()
    await env.http?.close()
  })
  return env
}
