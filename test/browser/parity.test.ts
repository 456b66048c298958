/**
 * The same user's data by every path: values that survive CleverTap's web SDK, page events that carry
 * the call's own properties, the cloud-mode compatible form, and regions that cannot send data nowhere.
 * All on CleverTap's decoded wire in Chromium.
 */
import { eventually, finishSite, openSite, Site, startPage, useChromium } from '../support/browser'

jest.setTimeout(60_000)

const env = useChromium()

/** When the calls are made: with CleverTap loaded, while it loads, or just before the visitor moves on. */
const WHEN = [
  ['after CleverTap has loaded', 'loaded'],
  ['while CleverTap loads', 'loading'],
  ['just before a navigation, before CleverTap arrived', 'navigation'],
] as const
type When = (typeof WHEN)[number][1]

/** analytics-next keeps its user and queue in storage, as on real sites, so calls can follow the visitor. */
const PERSISTENT = { disableClientPersistence: false }

/** A site started with `options`, where `calls` run at the moment `when` names; resolves once they are made. */
async function callsMade(when: When, options: Record<string, unknown>, calls: () => Promise<void>): Promise<Site> {
  const network = when === 'loaded' ? {} : { sdk: { delayMs: when === 'loading' ? 1500 : 5000 } }
  const site = await openSite(env.browser, env.http.origin, network)
  await startPage(site, env.http.origin, options, PERSISTENT)
  if (when === 'loaded') await site.page.waitForFunction(() => (window as any).plugin.isLoaded())
  await site.page.evaluate(calls)
  if (when === 'loading') expect(await site.page.evaluate(() => (window as any).plugin.isLoaded())).toBe(false)
  if (when === 'navigation') {
    expect(site.server.requests).toEqual([])
    site.network.sdk = 'serve'
    await startPage(site, env.http.origin, options, PERSISTENT)
  }
  return site
}

test.each(WHEN)("quotes and backslashes survive the SDK as look-alikes, and lists of objects arrive as one list per field (%s)", async (_label, when) => {
  const site = await callsMade(when, {}, async () => {
    const a = (window as any).analytics
    await a.identify('user-q', { name: "Ann O'Brien", motto: 'say "hi"' })
    await a.track('Pizza Ordered', {
      size: '12" pizza',
      folder: 'C:\\orders',
      products: [
        { product_id: 'p-1', quantity: 2, name: "Chef's special" },
        { product_id: 'p-2', quantity: 1 },
      ],
    })
  })
  const event = await eventually(() => site.server.events('Pizza Ordered')[0], 10_000, 'the event')
  expect(event.evtData).toEqual({
    size: '12\u201d pizza',
    folder: 'C:\uff3corders',
    products_product_id: ['p-1', 'p-2'],
    products_quantity: [2, 1],
    products_name: ['Chef\u2019s special'],
  })
  const login = await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'user-q'), 10_000, 'the login')
  expect(login.profile).toMatchObject({ Name: 'Ann O\u2019Brien', motto: 'say \u201dhi\u201d' })
  await finishSite(site)
})

test.each(WHEN)("with pageEvent the page event carries the page call's own properties (%s)", async (_label, when) => {
  const site = await callsMade(when, { pageEvent: true }, () => (window as any).analytics.page('Docs', 'Install', { section: 'npm', author: { team: 'web' } }))
  const event = await eventually(() => site.server.events('Web Page Viewed')[0], 10_000, 'the page event')
  expect(event.evtData).toMatchObject({ category: 'Docs', name: 'Install', section: 'npm', author_team: 'web', path: '/fixtures/umd.html' })
  await finishSite(site)
})

test.each(WHEN)('cloudModeCompatible sends keys, pages and screens as cloud mode does (%s)', async (_label, when) => {
  const site = await callsMade(when, { cloudModeCompatible: true }, async () => {
    const a = (window as any).analytics
    await a.identify('user-cloud', { planType: 'pro', 'Seat Count': 3 })
    await a.page('Pricing', { pageGroup: 'sales' })
    await a.screen('Cart', { itemCount: 2 })
    await a.track('Plan Chosen', { planType: 'pro' })
  })
  await eventually(() => ['Plan Chosen', 'Web Page Viewed', 'App Screen Viewed'].every((name) => site.server.events(name)[0]), 10_000, 'the track, page and screen')
  const login = await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'user-cloud'), 10_000, 'the login')
  expect(login.profile).toMatchObject({ plan_type: 'pro', seat_count: 3 })
  expect(site.server.events('Plan Chosen')[0].evtData).toEqual({ plan_type: 'pro' })
  expect(site.server.events('Web Page Viewed')[0].evtData).toMatchObject({ name: 'Pricing', page_group: 'sales' })
  expect(site.server.events('App Screen Viewed')[0].evtData).toEqual({ name: 'Cart', item_count: 2 })
  expect(site.server.events('Screen Viewed')).toEqual([])
  await finishSite(site)
})

test('a misspelt region sends nothing anywhere and says why; allowUnknownRegion sends to the region named', async () => {
  const refused = await openSite(env.browser, env.http.origin)
  const console: string[] = []
  refused.page.on('console', (message) => console.push(message.text()))
  await startPage(refused, env.http.origin, { region: 'india' })
  await refused.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.track('Lost In Transit')
  })
  await eventually(() => console.find((line) => line.includes('region "india" is not a CleverTap region')), 10_000, 'the region error')
  expect(refused.attempts).toEqual([])
  // Segment still has the call.
  await refused.page.evaluate(() => (window as any).analytics.ready())
  await finishSite(refused)

  const meant = await openSite(env.browser, env.http.origin)
  await startPage(meant, env.http.origin, { region: 'xx9', allowUnknownRegion: true })
  await meant.page.evaluate(() => (window as any).analytics.track('Newer Region'))
  await eventually(() => meant.server.events('Newer Region')[0], 10_000, 'the event')
  expect(meant.attempts.every((url) => url.startsWith('https://xx9.clevertap-prod.com/'))).toBe(true)
  await finishSite(meant)
})
