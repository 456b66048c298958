/**
 * Shared devices and hostile pages, in Chromium, on CleverTap's decoded wire: every call lands on the
 * profile of the user who made it, or nowhere, also while CleverTap loads and when calls race a reset.
 */
import { addCleverTapSnippet, eventually, finishSite, MARKER, openSite, segmentEvents, Site, startPage, throughMarker, useChromium } from '../support/browser'
import { sentAs } from '../support/clevertap-wire'

jest.setTimeout(60_000)

const env = useChromium()

const load = (site: Site, options: Record<string, unknown> = {}) => startPage(site, env.http.origin, options)
const finish = finishSite

/** The user each data request was made for, in wire order: the login it follows, or `new` after a clear. */
function owners(site: Site): Array<[string, string]> {
  let owner = 'anonymous'
  const out: Array<[string, string]> = []
  for (const r of site.server.requests) {
    if (r.data.rc === true) owner = 'new'
    // A login (these tests make no alias): a switch to that user's profile, or the first one merged into it.
    if (r.data.profile?.Identity) owner = r.data.profile.Identity
    const what = sentAs(r)
    if (what && what !== MARKER) out.push([what, owner])
  }
  return out
}

test('a reset first thing on a page, before CleverTap started there, still clears the last user', async () => {
  const site = await openSite(env.browser, env.http.origin)
  await load(site)
  await site.page.evaluate(() => (window as any).analytics.identify('user-a', { plan: 'x' }))
  await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'user-a'), 10_000, 'login')
  // Page 2 is a logout route: reset right after load, then anonymous browsing.
  site.network.sdk = { delayMs: 800 }
  await site.page.goto(env.http.origin + '/fixtures/umd.html')
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  await site.page.evaluate(async () => {
    const w = window as any
    w.start({})
    await w.analytics
    w.analytics.reset()
    await w.analytics.track('Anonymous Browse')
  })
  const anonymous = await eventually(() => site.server.events('Anonymous Browse')[0], 15_000, 'anonymous event')
  expect(anonymous.rc).toBe(true)
  await finish(site)
})

test.each`
  sdk                               | delayMs
  ${'after CleverTap has loaded'}   | ${0}
  ${'before CleverTap has arrived'} | ${800}
`('a reset does not overtake the calls made just before it ($sdk)', async ({ delayMs }) => {
  const site = await openSite(env.browser, env.http.origin, delayMs ? { sdk: { delayMs } } : {})
  await load(site)
  await site.page.evaluate(() => (window as any).analytics.identify('user-a'))
  if (!delayMs) await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'user-a'), 10_000, 'login')
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    a.track('Signed Out')
    a.reset()
    a.identify('user-c')
    a.reset()
    await a.track('Anon')
  })
  await eventually(() => site.server.events('Anon')[0], 15_000, 'the anonymous event')
  await throughMarker(site)
  expect(owners(site)).toEqual([
    ['login user-a', 'user-a'],
    ['Signed Out', 'user-a'],
    ['login user-c', 'user-c'],
    ['Anon', 'new'],
  ])
  await finish(site)
})

test('two users identified while CleverTap loads: each one\'s events stay on their own profile', async () => {
  const site = await openSite(env.browser, env.http.origin, { sdk: { delayMs: 800 } })
  await load(site)
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    a.identify('user-a')
    a.track('By A')
    a.identify('user-b')
    await a.track('By B')
  })
  await eventually(() => site.server.events('By B')[0], 15_000, 'B event')
  await throughMarker(site)
  expect(owners(site)).toEqual([
    ['login user-a', 'user-a'],
    ['By A', 'user-a'],
    ['login user-b', 'user-b'],
    ['By B', 'user-b'],
  ])
  await finish(site)
})

const WHILE_LOADING = [
  ['after CleverTap has loaded', 0],
  ['while CleverTap loads', 800],
] as const

test.each(WHILE_LOADING)('an identify whose userId cannot be stored writes nothing onto the logged-in user (%s)', async (_when, delayMs) => {
  const site = await openSite(env.browser, env.http.origin, delayMs ? { sdk: { delayMs } } : {})
  await load(site)
  await site.page.evaluate(() => (window as any).analytics.identify('user-a'))
  await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'user-a'), 10_000, 'login')
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('x'.repeat(600), { email: 'someone-else@example.com' })
    await a.track('After Refused')
  })
  await eventually(() => site.server.events('After Refused')[0], 10_000, 'next event')
  expect(site.server.profiles().filter((p) => p.profile.Email === 'someone-else@example.com')).toEqual([])
  await finish(site)
})

test('a value the page revoked costs only itself: the kept calls around it all arrive', async () => {
  const site = await openSite(env.browser, env.http.origin, { sdk: { delayMs: 800 } })
  await load(site)
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    const { proxy, revoke } = Proxy.revocable({ title: 'draft' }, {})
    a.track('Before Draft', { n: 1 })
    const pending = a.track('With Draft', { draft: proxy, n: 2 })
    revoke()
    a.track('After Draft', { n: 3 })
    await pending.catch(() => undefined)
  })
  await eventually(() => site.server.events('After Draft')[0] && site.server.events('Before Draft')[0], 15_000, 'the events around the draft')
  const withDraft = await eventually(() => site.server.events('With Draft')[0], 5000, 'the event that carried the draft')
  expect(withDraft.evtData).toEqual({ n: 2 })
  await finish(site)
})

test.each(WHILE_LOADING)('the same plugin registered twice still delivers each call once (%s)', async (_when, delayMs) => {
  const site = await openSite(env.browser, env.http.origin, delayMs ? { sdk: { delayMs } } : {})
  await load(site)
  await site.page.evaluate(async () => {
    const w = window as any
    await w.analytics.register(w.plugin)
    await w.analytics.track('Registered Twice')
  })
  await eventually(() => site.server.events('Registered Twice')[0], 10_000, 'event')
  await throughMarker(site)
  expect(site.server.events('Registered Twice')).toHaveLength(1)
  await finish(site)
})

test.each(['constructor', '__proto__', 'toString'])('region %p: CleverTap stays off with a clear error, nothing is sent', async (region) => {
  const site = await openSite(env.browser, env.http.origin)
  const errors: string[] = []
  site.page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await load(site, { region })
  await site.page.evaluate(() => (window as any).analytics.track('Region Test'))
  await eventually(() => errors.some((e) => e.includes('is not a CleverTap region')), 10_000, 'the region error')
  expect(site.attempts).toEqual([])
  expect(await site.page.evaluate(() => (window as any).plugin.isLoaded())).toBe(false)
  await eventually(() => segmentEvents(site, 'track').length === 1, 10_000, 'Segment still gets the call')
  await finish(site)
})

test('site data blocked: no error in the page, one clear message, Segment unaffected', async () => {
  const site = await openSite(env.browser, env.http.origin)
  // As with Chromium's "block cookies": reading localStorage throws.
  await site.context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError')
      },
    })
  })
  const errors: string[] = []
  site.page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await load(site)
  await site.page.evaluate(() => (window as any).analytics.track('Storage Blocked'))
  await eventually(() => errors.some((e) => e.includes('[CleverTap]') && e.includes('storage')), 10_000, 'the storage message')
  await eventually(() => segmentEvents(site, 'track').length === 1, 10_000, 'Segment still gets the call')
  expect(site.server.requests).toEqual([])
  await finish(site)
})

test("CleverTap's own snippet on the page: one CleverTap, one page view, and both the site's and the plugin's calls arrive", async () => {
  const site = await openSite(env.browser, env.http.origin, { sdk: { delayMs: 700 } })
  await site.page.goto(env.http.origin + '/fixtures/umd.html')
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  await addCleverTapSnippet(site, 'https://static.clevertap.com/js/clevertap.min.js')
  await site.page.evaluate(() => {
    // The plugin starts while the snippet's SDK is still on its way.
    const w = window as any
    w.start({ loadOn: 'event' })
    w.analytics.track('Plugin Event', { from: 'plugin' })
  })
  await eventually(() => site.server.events('Plugin Event')[0] && site.server.events('Site Own Event')[0], 15_000, 'both events')
  // A second SDK copy would send on its own: markers through the plugin and through the site's own CleverTap.
  await site.page.evaluate(() => (window as any).clevertap.event.push('Site Marker'))
  await throughMarker(site)
  await eventually(() => site.server.events('Site Marker')[0], 15_000, 'the site\'s own marker')
  expect(site.server.pages()).toHaveLength(1)
  expect(site.server.events('Plugin Event')).toHaveLength(1)
  expect(site.server.events('Site Own Event')).toHaveLength(1)
  const sdkScripts = await site.page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('clevertap.min.js')).length)
  expect(sdkScripts).toBe(1)
  expect(await site.page.evaluate(() => (window as any).plugin.isLoaded())).toBe(true)
  await finish(site)
})
