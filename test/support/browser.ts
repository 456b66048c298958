/**
 * Real Chromium (Debian's, through Playwright) with the network edge faked: CleverTap's endpoints are
 * answered by FakeCleverTapServer, its CDN script is served from the installed package, Segment's API is
 * recorded, and any other outside request is aborted and reported as a violation.
 */
import type { Browser, BrowserContext, Page } from 'playwright'
import { FakeCleverTapServer } from './clevertap-wire'
import type { StaticServer } from './static-server'
import { buildEsmApp, startStaticServer } from './static-server'

import * as local from '../../tools/local-network.cjs'
import type { NetworkOptions } from '../../tools/local-network.cjs'

export type { NetworkOptions }

/** Debian's Chromium; fails with how to install it when there is none. */
export const launchChromium = (): Promise<Browser> => local.launchChromium()

export interface SegmentCall {
  url: string
  body: any
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
  await local.routeLocally(context, origin, network, {
    clevertap: (url, json) => server.reply(url, json),
    attempt: (url) => site.attempts.push(url),
    segment: (url, body) => site.segment.push({ url, body }),
    violation: (url) => site.violations.push(url),
  })
  site.page = await context.newPage()
  return site
}

import { eventually } from './poll'

export { eventually }

/**
 * CleverTap's documented snippet on the site's page, as a site moving to the plugin still has it: its stub
 * with the account and one event of the site's own, and the SDK's script from `src` (its CDN host, or the
 * cloudfront copy the snippet names).
 */
export async function addCleverTapSnippet(site: Site, src: string): Promise<void> {
  await site.page.evaluate((url) => {
    const w = window as any
    w.clevertap = { event: [], profile: [], account: [], onUserLogin: [], notifications: [], privacy: [] }
    w.clevertap.account.push({ id: 'TEST-R78-ZZZ-5Z7Z' })
    w.clevertap.event.push('Site Own Event', { from: 'snippet' })
    const script = document.createElement('script')
    script.async = true
    script.src = url
    document.head.appendChild(script)
  }, src)
}

/** The marker call `throughMarker` sends. */
export const MARKER = 'Marker'

/**
 * Sends a track call now and waits until CleverTap has it. The plugin hands calls to CleverTap in order
 * and CleverTap sends them in order, so whatever the page would still send before it has arrived too:
 * "nothing more arrives" is shown without a sleep.
 */
export async function throughMarker(site: Site, name = MARKER): Promise<void> {
  await site.page.evaluate((n) => (window as any).analytics.track(n), name)
  await eventually(() => site.server.events(name)[0], 15_000, `the marker "${name}" on CleverTap's wire`)
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

/** Opens a fixture page of the site and starts analytics with the plugin there (the harness's `start`). */
export async function startPage(site: Site, origin: string, options: Record<string, unknown> = {}, loadOptions: Record<string, unknown> = {}, path = '/fixtures/umd.html') {
  await site.page.goto(origin + path)
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  await site.page.evaluate(([o, l]) => (window as any).start(o, l), [options, loadOptions] as const)
}

/** Nothing left the machine, nothing was thrown into the page; closes the site. */
export async function finishSite(site: Site) {
  expect(site.violations).toEqual([])
  expect(await site.page.evaluate(() => (window as any).pageErrors)).toEqual([])
  await site.context.close()
}
