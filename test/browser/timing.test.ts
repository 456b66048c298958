/**
 * Calls made before, while and after CleverTap loads, in real Chromium: each reaches CleverTap's wire
 * with what it carried when it was made, and CleverTap loads when `loadOn` says, whatever calls arrive.
 */
import { eventually, finishSite, openSite, Site, throughMarker, useChromium } from '../support/browser'

jest.setTimeout(60_000)

const env = useChromium({ esmApp: true })

async function open(path: string, network: Parameters<typeof openSite>[2] = {}): Promise<Site> {
  const site = await openSite(env.browser, env.http.origin, network)
  await site.page.goto(env.http.origin + path)
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  return site
}

const finish = finishSite

const paths = (site: Site) => site.server.pages().map((p) => new URL(p.data.cpg).pathname)

describe.each([
  ['script build', '/fixtures/umd.html'],
  ['ESM bundle', '/fixtures/esm.html'],
] as const)('%s: SPA pages', (_build, fixture) => {
  test.each`
    when                              | sdkDelayMs
    ${'before CleverTap has arrived'} | ${1500}
    ${'after CleverTap has loaded'}   | ${0}
  `('pages visited $when each reach CleverTap once, at their own URL and title', async ({ sdkDelayMs }) => {
    const site = await open(fixture, sdkDelayMs ? { sdk: { delayMs: sdkDelayMs } } : {})
    // The ESM bundle imports the SDK from its own chunk; it is held back by delaying that chunk instead.
    if (sdkDelayMs && fixture.includes('esm')) {
      await site.context.route('**/esm/npm-*.js', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, sdkDelayMs))
        await route.continue()
      })
    }
    await site.page.evaluate(() => (window as any).start({ pageEvent: true }))
    if (!sdkDelayMs) await site.page.waitForFunction(() => (window as any).plugin.isLoaded(), undefined, { timeout: 10_000 })
    const entries = await site.page.evaluate(() => history.length)
    await site.page.evaluate(async () => {
      const a = (window as any).analytics
      for (const name of ['a', 'b', 'c']) {
        history.pushState({ route: name }, '', `/shop/${name}?ref=${name}`)
        document.title = `Page ${name.toUpperCase()}`
        a.page('Shop', name)
      }
      await a
    })
    expect(await site.page.evaluate(() => (window as any).plugin.isLoaded())).toBe(!sdkDelayMs)
    const expected = sdkDelayMs ? ['/shop/a', '/shop/b', '/shop/c'] : [new URL(env.http.origin + fixture).pathname, '/shop/a', '/shop/b', '/shop/c']
    await eventually(() => paths(site).length >= expected.length, 15_000, 'page views')
    await eventually(() => site.server.events('Web Page Viewed').length >= 3, 10_000, 'page events')
    // Nothing more comes later.
    await throughMarker(site)
    expect(paths(site)).toEqual(expected)
    expect(site.server.pages().map((p) => new URL(p.data.cpg).search).slice(-3)).toEqual(['?ref=a', '?ref=b', '?ref=c'])
    expect(site.server.events('Web Page Viewed').map((e) => [new URL(e.evtData.url).pathname, e.evtData.title])).toEqual([
      ['/shop/a', 'Page A'],
      ['/shop/b', 'Page B'],
      ['/shop/c', 'Page C'],
    ])
    // The page is where the visitor left it: the location, its state and its history (three entries more).
    expect(await site.page.evaluate(() => [location.pathname + location.search, history.state, history.length])).toEqual(['/shop/c?ref=c', { route: 'c' }, entries + 3])
    await finish(site)
  })
})

test('the first page() after a route change is a page view of its own', async () => {
  const site = await open('/fixtures/umd.html')
  await site.page.evaluate(() => (window as any).start({}))
  await site.page.waitForFunction(() => (window as any).plugin.isLoaded(), undefined, { timeout: 10_000 })
  await site.page.evaluate(async () => {
    history.pushState({}, '', '/account')
    await (window as any).analytics.page()
  })
  await eventually(() => paths(site).length >= 2, 10_000, 'two page views')
  expect(paths(site)).toEqual(['/fixtures/umd.html', '/account'])
  await finish(site)
})

describe('loadOn', () => {
  /** When the engine and the SDK were requested, against the page's load event, in page time. */
  const timings = (site: Site) =>
    site.page.evaluate(() => {
      const resources = performance.getEntriesByType('resource').filter((r) => /clevertap\.min\.js|engine\.min\.js/.test(r.name))
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      return { load: navigation.loadEventStart, requests: resources.map((r) => r.startTime) }
    })

  async function slowLoadSite(): Promise<Site> {
    const site = await openSite(env.browser, env.http.origin)
    await site.context.route('**/slow/pixel.gif', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500))
      await route.fulfill({ status: 200, contentType: 'image/gif', body: Buffer.from('R0lGODlhAQABAAAAACw=', 'base64') })
    })
    await site.page.goto(env.http.origin + '/fixtures/slow-load.html', { waitUntil: 'commit' })
    await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
    return site
  }

  test.each(['idle', 'ready'])('%s: a page() at start-up is kept; CleverTap is not requested for it', async (loadOn) => {
    const site = await slowLoadSite()
    await site.page.evaluate((mode) => {
      ;(window as any).start({ loadOn: mode })
      ;(window as any).analytics.ready().then(() => ((window as any).readyAt = performance.now()))
      ;(window as any).analytics.page()
      ;(window as any).analytics.track('At Start-up')
    }, loadOn)
    await eventually(() => site.server.events('At Start-up')[0], 15_000, 'the start-up event')
    const { load, requests } = await timings(site)
    const readyAt: number = await site.page.evaluate(() => (window as any).readyAt)
    expect(requests).toHaveLength(2)
    // CleverTap waits for the load event (idle) or for analytics to be ready (ready), not for the calls.
    const after = loadOn === 'idle' ? load : readyAt
    expect(after).toBeGreaterThan(0)
    for (const start of requests) expect(start).toBeGreaterThanOrEqual(after)
    expect(paths(site)).toEqual(['/fixtures/slow-load.html'])
    await finish(site)
  })

  test('event: the first call starts CleverTap, before the load event', async () => {
    const site = await slowLoadSite()
    await site.page.evaluate(() => {
      ;(window as any).start({ loadOn: 'event' })
      ;(window as any).analytics.track('First Call')
    })
    await eventually(() => site.server.events('First Call')[0], 15_000, 'the first event')
    const { load, requests } = await timings(site)
    expect(requests).toHaveLength(2)
    for (const start of requests) expect(load === 0 || start < load).toBe(true)
    await finish(site)
  })
})

describe('alias after identify', () => {
  test.each`
    when                              | sdkDelayMs
    ${'before CleverTap has arrived'} | ${1000}
    ${'after CleverTap has loaded'}   | ${0}
  `('CleverTap learns the new id ($when)', async ({ sdkDelayMs }) => {
    const site = await open('/fixtures/umd.html', sdkDelayMs ? { sdk: { delayMs: sdkDelayMs } } : {})
    await site.page.evaluate(() => (window as any).start({}))
    if (!sdkDelayMs) await site.page.waitForFunction(() => (window as any).plugin.isLoaded(), undefined, { timeout: 10_000 })
    await site.page.evaluate(async () => {
      const a = (window as any).analytics
      a.identify('user-9', { plan: 'gold' })
      a.alias('user-9-new')
      a.track('After Alias')
      await a
    })
    await eventually(() => site.server.events('After Alias')[0], 10_000, 'the event after the alias')
    // The login, then the new id on the same profile (a profile push, not a second login).
    expect(site.server.profiles().map((p) => p.profile.Identity)).toEqual(['user-9', 'user-9-new'])
    expect(site.server.profiles()[1].isOUL).toBeUndefined()
    // The alias switched no profile: the event after it is on the same CleverTap ID.
    const alias = site.server.profiles()[1]
    const event = site.server.events('After Alias')[0]
    expect(event.guid).toBe(alias.guid)
    await finish(site)
  })
})
