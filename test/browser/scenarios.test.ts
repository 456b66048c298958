/**
 * The plugin in real Chromium, built two ways: the script build next to analytics-next's UMD bundle, and
 * an ESM app bundled with code splitting. Assertions are on CleverTap's decoded wire and Segment's API.
 */
import { openSite, useChromium, segmentEvents, Site, eventually } from '../support/browser'

jest.setTimeout(60_000)

const env = useChromium({ esmApp: true })

const BUILDS = [
  ['script build', '/fixtures/umd.html'],
  ['ESM bundle', '/fixtures/esm.html'],
] as const

async function open(path: string, network: Parameters<typeof openSite>[2] = {}): Promise<Site> {
  const site = await openSite(env.browser, env.http.origin, network)
  await site.page.goto(env.http.origin + path)
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  return site
}

async function start(site: Site, options: Record<string, unknown> = {}, loadOptions: Record<string, unknown> = {}) {
  await site.page.evaluate(([o, l]) => (window as any).start(o, l), [options, loadOptions] as const)
  await site.page.evaluate(() => (window as any).analytics)
}

async function finish(site: Site) {
  expect(site.violations).toEqual([])
  expect(await site.page.evaluate(() => (window as any).pageErrors)).toEqual([])
  await site.context.close()
}

/** Globals the CleverTap SDK defines itself, and those the fixture harness sets. */
const SDK_GLOBALS = ['clevertap', 'wizrocket', '$WZRK_WR', '$CLTP_WR', 'encryptionInTransitInstance', 'oulReqN', 'isOULInProgress']
const HARNESS_GLOBALS = ['plugin', 'analytics', 'harnessReady']

describe.each(BUILDS)('%s', (_name, path) => {
  test('adds no global of its own beyond the script build\'s engine', async () => {
    const site = await open(path)
    const before: string[] = await site.page.evaluate(() => Object.keys(window))
    await start(site)
    await site.page.evaluate(() => (window as any).analytics.track('Global Check'))
    await eventually(() => site.server.events('Global Check')[0], 10_000, 'event')
    const added: string[] = await site.page.evaluate(() => Object.keys(window))
    const ours = added.filter((k) => !before.includes(k) && !SDK_GLOBALS.includes(k) && !HARNESS_GLOBALS.includes(k))
    expect(ours).toEqual(path.includes('umd') ? ['CleverTapSegmentEngine'] : [])
    await finish(site)
  })

  test('identify logs in and updates the profile; track carries nested properties', async () => {
    const site = await open(path)
    await start(site)
    await site.page.evaluate(async () => {
      const a = (window as any).analytics
      await a.identify('user-1', { name: 'Ada Lovelace', email: 'ada@example.com', gender: 'Female', address: { city: 'London' } })
      await a.identify('user-1', { plan: 'pro' })
      await a.track('Product Viewed', { product: { id: 'p1', price: 9.5 }, tags: ['new', 'sale'] })
    })
    const login = await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'user-1'), 10_000, 'login')
    expect(login.profile).toMatchObject({ Name: 'Ada Lovelace', Email: 'ada@example.com', Gender: 'F', address_city: 'London' })
    const update = await eventually(() => site.server.profiles().find((p) => p.profile.plan === 'pro'), 10_000, 'profile update')
    expect(update.isOUL).toBeUndefined()
    const event = await eventually(() => site.server.events('Product Viewed')[0], 10_000, 'event')
    expect(event.evtData).toEqual({ product_id: 'p1', product_price: 9.5, tags: ['new', 'sale'] })
    expect(event.af['clevertap-segment-web']).toMatch(/^\d+\.\d+\.\d+/)
    await eventually(() => segmentEvents(site, 'track').length === 1, 10_000, 'Segment track')
    await finish(site)
  })

  test('Order Completed arrives as Charged with flat items', async () => {
    const site = await open(path)
    await start(site)
    await site.page.evaluate(() =>
      (window as any).analytics.track('Order Completed', {
        order_id: 'o-77',
        total: 42.5,
        products: [
          { product_id: 'p1', name: 'Shirt', price: 20, variant: { size: 'M', color: 'blue' } },
          { product_id: 'p2', name: 'Socks', price: 22.5, categories: ['a', 'b'] },
        ],
      }),
    )
    const charged = await eventually(() => site.server.events('Charged')[0], 10_000, 'Charged')
    expect(charged.evtData['Charged ID']).toBe('o-77')
    expect(charged.evtData.Amount).toBe(42.5)
    expect(charged.evtData.Items).toEqual([
      { product_id: 'p1', name: 'Shirt', price: 20, variant_size: 'M', variant_color: 'blue' },
      { product_id: 'p2', name: 'Socks', price: 22.5, categories: 'a, b' },
    ])
    await finish(site)
  })
})

test('pages in a single-page app: the first from init, each pushState page once', async () => {
  const site = await open('/fixtures/umd.html')
  await start(site, {}, { initialPageview: true })
  await eventually(() => site.server.pages().length === 1, 10_000, 'init page view')
  await site.page.evaluate(async () => {
    history.pushState({}, '', '/catalog/shoes')
    await (window as any).analytics.page('Catalog')
    history.pushState({}, '', '/cart')
    await (window as any).analytics.page('Cart')
  })
  await eventually(() => site.server.pages().length === 3, 10_000, 'two SPA page views')
  const urls = site.server.pages().map((p) => new URL(p.data.cpg).pathname)
  expect(urls).toEqual(['/fixtures/umd.html', '/catalog/shoes', '/cart'])
  await finish(site)
})

test('reset then a second user: two profiles, nothing of B on A', async () => {
  const site = await open('/fixtures/esm.html')
  await start(site)
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('user-a', { email: 'a@example.com' })
    await a.track('Seen By A')
  })
  const aEvent = await eventually(() => site.server.events('Seen By A')[0], 10_000, 'A event')
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    a.reset()
    await a.identify('user-b', { email: 'b@example.com' })
    await a.track('Seen By B')
  })
  const bEvent = await eventually(() => site.server.events('Seen By B')[0], 10_000, 'B event')
  expect(aEvent.guid).toBeTruthy()
  expect(bEvent.guid).toBeTruthy()
  expect(bEvent.guid).not.toBe(aEvent.guid)
  const onA = site.server.requests.filter((r) => r.guid === aEvent.guid).map((r) => r.data.evtName ?? r.data.profile?.Email).filter(Boolean)
  expect(onA).not.toContain('Seen By B')
  expect(onA).not.toContain('b@example.com')
  await finish(site)
})

test('calls made before the SDK loaded all arrive, identify first', async () => {
  const site = await open('/fixtures/umd.html', { sdk: { delayMs: 400 } })
  await site.page.evaluate(() => {
    ;(window as any).start({})
    const a = (window as any).analytics
    a.track('Early A')
    a.identify('early-user', { plan: 'x' })
    a.track('Early B')
    a.page()
  })
  await eventually(() => site.server.events('Early B')[0] && site.server.events('Early A')[0], 10_000, 'early events')
  const order = site.server.requests.map((r) => r.data.evtName ?? r.data.profile?.Identity).filter(Boolean)
  expect(order.indexOf('early-user')).toBeGreaterThanOrEqual(0)
  expect(order.indexOf('early-user')).toBeLessThan(order.indexOf('Early A'))
  expect(order.indexOf('Early A')).toBeLessThan(order.indexOf('Early B'))
  await finish(site)
})

test('integrations: { CleverTap: false } keeps an event from CleverTap but not from Segment', async () => {
  const site = await open('/fixtures/umd.html')
  await start(site)
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.track('Not For CleverTap', {}, { integrations: { CleverTap: false } })
    await a.track('For Everyone')
  })
  await eventually(() => site.server.events('For Everyone')[0], 10_000, 'second event')
  expect(site.server.events('Not For CleverTap')).toEqual([])
  await eventually(() => segmentEvents(site, 'track').length === 2, 10_000, 'both on Segment')
  await finish(site)
})

test('CleverTap script blocked: Segment gets everything, ready() resolves, no page error', async () => {
  const site = await open('/fixtures/umd.html', { sdk: 'block' })
  const messages: string[] = []
  site.page.on('console', (m) => messages.push(m.text()))
  await start(site)
  const ready = await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('u-blocked', { plan: 'x' })
    await a.track('While Blocked')
    await a.page()
    await Promise.race([a.ready(), new Promise((_, reject) => setTimeout(() => reject(new Error('ready hung')), 5000))])
    return true
  })
  expect(ready).toBe(true)
  await eventually(() => segmentEvents(site).length >= 3, 10_000, 'Segment calls')
  expect(segmentEvents(site).map((e) => e.type).sort()).toEqual(['identify', 'page', 'track'])
  expect(site.server.requests).toEqual([])
  expect(messages.filter((m) => m.includes('[CleverTap]') && m.includes('failed to load'))).toHaveLength(1)
  expect(await site.page.evaluate(() => (window as any).plugin.isLoaded())).toBe(false)
  await finish(site)
})

test('a burst of 200 tracks puts all 200 on the wire', async () => {
  const site = await open('/fixtures/esm.html')
  await start(site)
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await Promise.all(Array.from({ length: 200 }, (_, i) => a.track('Burst', { i })))
  })
  const burst = await eventually(() => {
    const seen = new Set(site.server.events('Burst').map((e) => e.evtData.i))
    return seen.size === 200 ? seen : undefined
  }, 30_000, '200 burst events')
  expect([...burst].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i))
  await finish(site)
})
