/**
 * The in-page inspector in real Chromium: it changes nothing that reaches CleverTap, works under the strict
 * Content-Security-Policy docs/reliability.md documents, loads with the npm build's chunks as with the script
 * build's third file, can be forbidden by the site, and is a drawer on a phone. The three-engine scenario
 * (test/support/core-scenarios.ts) shows it opened by its URL flag.
 */
import { eventually, openSite, Site, throughMarker, useChromium } from '../support/browser'
import { DOCUMENTED_CSP } from '../support/static-server'

jest.setTimeout(60_000)

const env = useChromium({ esmApp: true })

async function start(site: Site, path: string, options: Record<string, unknown> = {}, load: Record<string, unknown> = {}) {
  await site.page.goto(env.http.origin + path)
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  await site.page.evaluate(([o, l]) => (window as any).start(o, l), [options, load] as const)
}

/** The inspector's rows as text, newest first; null while it is not on the page. */
const rows = (site: Site) =>
  site.page.evaluate(() => {
    const root = document.querySelector('[data-clevertap-inspector]')?.shadowRoot
    return root ? Array.from(root.querySelectorAll('.entry'), (entry) => entry.textContent ?? '') : null
  })

const journey = async (site: Site) => {
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('user-9', { email: 'kay@example.com', plan: 'pro' })
    await a.track('Product Added', { product_id: 'p9', price: 4.5, tags: ['a'] })
    await a.page('Shop', 'Cart')
    await a.track('Order Completed', { order_id: 'o-9', revenue: 4.5, products: [{ product_id: 'p9', price: 4.5, quantity: 1 }] })
  })
  await throughMarker(site)
}

/** What reached CleverTap, decoded, without the parts that differ between any two runs (ids, times). */
const wire = (site: Site) =>
  site.server.requests.map((r) => ({ type: r.type, data: { ...r.data, g: undefined, s: undefined, pg: undefined, ep: undefined, id: undefined, af: undefined, f: undefined, lsl: undefined, n: undefined } }))

test('what reaches CleverTap is the same with the inspector open as without it', async () => {
  const runs = []
  for (const flag of ['', '?clevertap_inspector=1']) {
    const site = await openSite(env.browser, env.http.origin)
    await start(site, `/fixtures/umd.html${flag}`)
    await journey(site)
    if (flag) expect((await rows(site))?.length).toBeGreaterThan(3)
    else expect(await rows(site)).toBeNull()
    // The page's own URL carries the flag; everything else must be the same.
    runs.push(JSON.parse(JSON.stringify(wire(site)).replaceAll('?clevertap_inspector=1', '')))
    expect(site.violations).toEqual([])
    await site.context.close()
  }
  expect(runs[1]).toEqual(runs[0])
})

test('under the strict Content-Security-Policy docs/reliability.md documents, the inspector renders with its styles and violates nothing', async () => {
  const site = await openSite(env.browser, env.http.origin)
  const response = await site.page.goto(env.http.origin + '/fixtures/csp.html?clevertap_inspector=1')
  expect(response?.headers()['content-security-policy']).toBe(DOCUMENTED_CSP)
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  await site.page.evaluate(() => (window as any).start({}))
  await site.page.evaluate(() => (window as any).analytics.track('Under CSP'))
  await eventually(async () => (await rows(site))?.some((row) => /Under CSP[\s\S]*CleverTap answered/.test(row)), 15_000, 'the row with its answer')
  // Its stylesheet applies (a constructed one; no inline style): the drawer is fixed to the bottom.
  expect(await site.page.evaluate(() => getComputedStyle(document.querySelector('[data-clevertap-inspector]')!.shadowRoot!.querySelector('.drawer')!).position)).toBe('fixed')
  expect(await site.page.evaluate(() => (window as any).cspViolations)).toEqual([])
  expect(await site.page.evaluate(() => (window as any).pageErrors)).toEqual([])
  await site.context.close()
})

test('the npm build loads the inspector as a chunk of its own; a site can forbid the URL flag', async () => {
  const site = await openSite(env.browser, env.http.origin)
  await start(site, '/fixtures/esm.html?clevertap_inspector=1')
  await site.page.evaluate(() => (window as any).analytics.track('From ESM'))
  await eventually(async () => (await rows(site))?.some((row) => /From ESM[\s\S]*CleverTap answered/.test(row)), 15_000, 'the row in the ESM build')
  await site.context.close()

  const forbidding = await openSite(env.browser, env.http.origin)
  await start(forbidding, '/fixtures/umd.html?clevertap_inspector=1', { inspector: false })
  await forbidding.page.evaluate(() => (window as any).analytics.track('Forbidden'))
  await throughMarker(forbidding)
  expect(await rows(forbidding)).toBeNull()
  await forbidding.context.close()
})

test('?clevertap_inspector=0 turns it off for the tab; on a phone it is a drawer over the page, its columns stacked', async () => {
  const site = await openSite(env.browser, env.http.origin)
  await site.page.setViewportSize({ width: 390, height: 844 })
  await start(site, '/fixtures/umd.html?clevertap_inspector=1')
  await site.page.evaluate(() => (window as any).analytics.track('On A Phone'))
  await eventually(async () => (await rows(site))?.some((row) => /On A Phone/.test(row)), 15_000, 'the row on a phone')
  const layout = await site.page.evaluate(() => {
    const root = document.querySelector('[data-clevertap-inspector]')!.shadowRoot!
    const drawer = root.querySelector('.drawer')!.getBoundingClientRect()
    return { width: drawer.width, bottom: drawer.bottom, columns: getComputedStyle(root.querySelector('.entry')!).gridTemplateColumns.split(' ').length }
  })
  expect(layout).toEqual({ width: 390, bottom: 844, columns: 1 })
  await start(site, '/fixtures/umd.html?clevertap_inspector=0')
  await throughMarker(site)
  expect(await rows(site)).toBeNull()
  await start(site, '/fixtures/umd.html')
  await throughMarker(site)
  expect(await rows(site)).toBeNull()
  await site.context.close()
})

test('calls made while CleverTap loads show at once, then their commands and requests; calls made just before a navigation show on the next page when they are delivered there', async () => {
  const site = await openSite(env.browser, env.http.origin, { sdk: { delayMs: 3000 } })
  await start(site, '/fixtures/umd.html?clevertap_inspector=1', {}, { disableClientPersistence: false })
  await site.page.evaluate(() => (window as any).analytics.track('While Loading'))
  const early = await eventually(async () => (await rows(site))?.find((row) => /While Loading/.test(row)), 5000, 'the row before CleverTap')
  expect(early).toMatch(/waiting for the plugin/)
  // Left before CleverTap arrived; the next page replays the kept call, and its row fills in there.
  site.network.sdk = 'serve'
  await start(site, '/fixtures/umd.html', {}, { disableClientPersistence: false })
  await eventually(async () => (await rows(site))?.some((row) => /While Loading[\s\S]*CleverTap answered/.test(row)), 15_000, 'the carried call answered on the next page')
  expect(site.server.events('While Loading')).toHaveLength(1)
  await site.context.close()
})
