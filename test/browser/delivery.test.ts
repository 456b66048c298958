/**
 * What Segment records, CleverTap receives, across page loads: calls a page could not hand to CleverTap
 * before the visitor moved on arrive on the next page, once, in order, on the profile of whoever made them.
 */
import { eventually, finishSite, MARKER, openSite, segmentEvents, Site, startPage, throughMarker, useChromium } from '../support/browser'
import { decodeRequest, requestKey, sentAs } from '../support/clevertap-wire'

jest.setTimeout(60_000)

const env = useChromium()

/** analytics-next keeps its own queue and user in storage here, as it does on real sites. */
const PERSISTENT = { disableClientPersistence: false }

const load = (site: Site, options: Record<string, unknown> = {}) => startPage(site, env.http.origin, options, PERSISTENT)
const finish = finishSite

/** Each CleverTap event and login, in wire order, with the CleverTap ID it was attributed to. */
const wire = (site: Site) =>
  site.server.requests
    .map((r) => ({ what: sentAs(r) ?? (r.data.type === 'profile' ? 'profile' : undefined), guid: r.guid }))
    .filter((r) => r.what !== undefined)

test('an identify and a click before CleverTap arrived reach it once on the next page, identity first', async () => {
  // Page 1: the SDK is on a slow CDN; the visitor identifies, clicks and moves on before it arrives.
  const site = await openSite(env.browser, env.http.origin, { sdk: { delayMs: 5000 } })
  await load(site)
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('user-mp', { plan: 'pro' })
    await a.track('Clicked Early', { n: 1 })
  })
  expect(site.server.requests).toEqual([])
  site.network.sdk = 'serve'
  await load(site)
  await site.page.evaluate(() => (window as any).analytics.track('On Page 2'))
  await eventually(() => site.server.events('On Page 2')[0] && site.server.events('Clicked Early')[0], 15_000, 'both events')
  await throughMarker(site)
  const seen = wire(site).filter((r) => r.what !== MARKER)
  expect(seen.map((r) => r.what)).toEqual(['login user-mp', 'Clicked Early', 'On Page 2'])
  // Both on the profile the login led to.
  expect(seen[1].guid).toBe(seen[2].guid)
  expect(site.server.events('Clicked Early')[0].evtData).toEqual({ n: 1 })
  // Segment had them all too, once each.
  expect(segmentEvents(site, 'track').map((e) => e.event).sort()).toEqual(['Clicked Early', MARKER, 'On Page 2'])
  await finish(site)
})

test("a reset before leaving: the old user's call stays on the old user, the anonymous one after the clear", async () => {
  const site = await openSite(env.browser, env.http.origin)
  await load(site)
  await site.page.evaluate(() => (window as any).analytics.identify('user-old'))
  const login = await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'user-old'), 10_000, 'login')
  // Once CleverTap has answered the login, the device carries user-old's CleverTap ID.
  const oldGuid = await eventually(async () => {
    const id = await site.page.evaluate(() => (window as any).plugin.getCleverTapId())
    return id === login.replyGuid && id
  }, 10_000, "user-old's CleverTap ID")
  site.network.sdk = 'block'
  await load(site)
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    a.track('Signed Out')
    a.reset()
    await a.track('Browsing Anonymously')
  })
  site.network.sdk = 'serve'
  await load(site)
  const anonymous = await eventually(() => site.server.events('Browsing Anonymously')[0], 15_000, 'anonymous event')
  const signedOut = site.server.events('Signed Out')
  expect(signedOut).toHaveLength(1)
  expect([signedOut[0].guid, signedOut[0].rc]).toEqual([oldGuid, undefined])
  // After the clear CleverTap starts a new profile: the request says so (`rc`).
  expect(anonymous.rc).toBe(true)
  await finish(site)
})

test('three tabs opening at once: the calls an earlier page left are replayed by one of them only', async () => {
  const site = await openSite(env.browser, env.http.origin, { sdk: { delayMs: 5000 } })
  await load(site)
  await site.page.evaluate(() => (window as any).analytics.track('Left Behind'))
  await site.page.goto('about:blank')
  site.network.sdk = 'serve'
  const tabs = [site.page, await site.context.newPage(), await site.context.newPage()]
  await Promise.all(tabs.map((tab) => tab.goto(env.http.origin + '/fixtures/umd.html')))
  await Promise.all(tabs.map((tab) => tab.waitForFunction(() => (window as any).harnessLoaded === true)))
  await Promise.all(tabs.map((tab) => tab.evaluate((l) => (window as any).start({}, l), PERSISTENT)))
  await eventually(() => site.server.events('Left Behind')[0], 15_000, 'the carried event')
  await Promise.all(tabs.map((tab) => tab.waitForFunction(() => (window as any).plugin.isLoaded(), undefined, { timeout: 10_000 })))
  // Each tab replays what it took before its own calls: once every tab's marker is in, no copy is still on its way.
  await Promise.all(tabs.map((tab, i) => tab.evaluate((n) => (window as any).analytics.track(n), `${MARKER} ${i}`)))
  await eventually(() => tabs.every((_, i) => site.server.events(`${MARKER} ${i}`)[0]), 15_000, 'every tab\'s marker')
  expect(site.server.events('Left Behind')).toHaveLength(1)
  await finish(site)
})

test('calls left under another Segment identity are not replayed onto the next visitor', async () => {
  const site = await openSite(env.browser, env.http.origin, { sdk: 'block' })
  await load(site)
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('user-first')
    await a.track('First Visitor Only')
  })
  // Another tab logs the visitor out (Segment gives the device a new identity) before this one loads again.
  await site.page.goto(env.http.origin + '/fixtures/umd.html')
  await site.page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('ajs_')) localStorage.removeItem(key)
    document.cookie.split(';').forEach((c) => (document.cookie = c.split('=')[0].trim() + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'))
  })
  site.network.sdk = 'serve'
  const messages: string[] = []
  site.page.on('console', (m) => messages.push(m.text()))
  await load(site)
  await site.page.evaluate(() => (window as any).analytics.track('Next Visitor'))
  // Carried calls go before the page's own: with this one in, a carried one would be too.
  await eventually(() => site.server.events('Next Visitor')[0], 15_000, 'next visitor event')
  expect(site.server.events('First Visitor Only')).toEqual([])
  expect(site.server.profiles().map((p) => p.profile.Identity)).not.toContain('user-first')
  expect(messages.some((m) => m.includes('belong to another Segment identity'))).toBe(true)
  await finish(site)
})

test('a track made just before leaving, with CleverTap loaded, arrives once on the next page through the SDK\'s own backup', async () => {
  const site = await openSite(env.browser, env.http.origin)
  await load(site)
  await site.page.waitForFunction(() => (window as any).plugin.isLoaded(), undefined, { timeout: 10_000 })
  await eventually(() => site.server.pages().length === 1, 10_000, 'the first page view answered')
  // CleverTap answers slowly now: the request is still out when the visitor clicks on.
  site.network.api = { delayMs: 3000 }
  await site.page.evaluate(() => (window as any).analytics.track('Just Before Leaving', { n: 7 }))
  site.network.api = 'answer'
  await load(site)
  await eventually(() => site.server.events('Just Before Leaving')[0], 20_000, 'the event on the next page')
  // The slow request of the first page is answered (and recorded) too: every request that left has its
  // record, the SDK's re-sends of one it had no answer to included.
  const recorded = () => new Set(site.server.requests.map((r) => requestKey(r)))
  await eventually(() => site.attempts.every((url) => recorded().has(requestKey(decodeRequest(url)!))), 10_000, 'every request that left answered')
  expect(site.server.events('Just Before Leaving').map((e) => e.evtData)).toEqual([{ n: 7 }])
  await finish(site)
})

test.each(['npm', 'cdn'] as const)('%s SDK: calls still waiting behind an unanswered login and a reset when the page is left arrive once on the next page, each on its own profile', async (release) => {
  const site = await openSite(env.browser, env.http.origin, { release })
  await load(site)
  await site.page.evaluate(() => (window as any).analytics.identify('user-before'))
  await eventually(async () => (await site.page.evaluate(() => localStorage.getItem('WZRK_X'))) !== null, 10_000, "user-before's login answered")
  // CleverTap's API is out of reach on the next page: the switch to another user is not answered, so the
  // calls after it wait behind it (the SDK would put the old profile's ID on what it took now).
  site.network.api = 'block'
  await load(site)
  await site.page.waitForFunction(() => (window as any).plugin.isLoaded(), undefined, { timeout: 10_000 })
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('user-leaving')
    await a.track('By User Leaving')
    a.reset()
    await a.track('Anonymous After Leaving')
  })
  await site.page.waitForTimeout(500)
  site.network.api = 'answer'
  await load(site)
  const anonymous = await eventually(() => site.server.events('Anonymous After Leaving')[0], 20_000, 'the anonymous event on the next page')
  const byUser = await eventually(() => site.server.events('By User Leaving')[0], 10_000, "the user's event")
  await throughMarker(site)
  expect(site.server.events('Anonymous After Leaving')).toHaveLength(1)
  expect(site.server.events('By User Leaving')).toHaveLength(1)
  // The user's event is on the profile a login of theirs was answered with; the anonymous one on neither user's.
  const profileOf = (identity: string) => site.server.requests.filter((r) => r.data.isOUL && r.data.profile?.Identity === identity).map((r) => r.replyGuid)
  expect(profileOf('user-leaving')).toContain(byUser.guid)
  expect([...profileOf('user-leaving'), ...profileOf('user-before')]).not.toContain(anonymous.guid)
  // The carried calls were taken: nothing of them is left in the page's storage.
  expect(await site.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('clevertap-segment-web:kept:')))).toEqual([])
  await finish(site)
})

test.each(['npm', 'cdn'] as const)('%s SDK: a reset made while consent is withdrawn still ends the user on CleverTap: once consent is granted on a later page, the next calls start a new profile', async (release) => {
  const site = await openSite(env.browser, env.http.origin, { release })
  const withConsent = (granted: boolean) => ({ context: { consent: { categoryPreferences: { Marketing: granted } } } })
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async (c) => void (await (window as any).analytics.identify('user-shared', {}, c)), withConsent(true))
  const login = await eventually(() => site.server.requests.find((r) => r.data.profile?.Identity === 'user-shared'), 15_000, "user-shared's login")
  const shared = login.data.isOUL ? login.replyGuid : login.guid
  // The visitor withdraws consent, and signs out meanwhile.
  await site.page.evaluate(async (c) => {
    const a = (window as any).analytics
    await a.track('Withdrawing', {}, c)
    await a.reset()
    await a.track('Anonymous Without Consent', {}, c)
  }, withConsent(false))
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async (c) => void (await (window as any).analytics.track('Anonymous Granted', {}, c)), withConsent(true))
  const event = await eventually(() => site.server.events('Anonymous Granted')[0], 15_000, 'the event once consent is granted again')
  expect(event.guid).not.toBe(shared)
  // It went on its first try: the SDK holds a request for up to 200 tries (10 s) behind one it was given
  // first without the clear (the consent change, which goes behind it).
  expect(site.server.requests.find((r) => r.data.evtName === 'Anonymous Granted')!.params.tries).toBe('1')
  expect(site.server.events('Anonymous Without Consent')).toEqual([])
  await finish(site)
})

test.each(['npm', 'cdn'] as const)('%s SDK: a withdrawal stated again on a later page keeps the sign-out an earlier page carried: once consent is granted, the next calls start a new profile', async (release) => {
  const site = await openSite(env.browser, env.http.origin, { release })
  const withConsent = (granted: boolean) => ({ context: { consent: { categoryPreferences: { Marketing: granted } } } })
  const carried = () =>
    site.page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('clevertap-segment-web:kept:'))
        .map((key) => JSON.parse(localStorage.getItem(key)!).calls),
    )
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async (c) => void (await (window as any).analytics.identify('user-shared', {}, c)), withConsent(true))
  const login = await eventually(() => site.server.requests.find((r) => r.data.profile?.Identity === 'user-shared'), 15_000, "user-shared's login")
  const shared = login.data.isOUL ? login.replyGuid : login.guid
  // The next page opens with the withdrawal (CleverTap does not start there), and the visitor signs out on it.
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async (c) => {
    const a = (window as any).analytics
    await a.track('Withdrawing', {}, c)
    await a.reset()
  }, withConsent(false))
  // The page after states the withdrawal again: the carried sign-out stays, and nothing else does.
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async (c) => void (await (window as any).analytics.track('Still Withdrawn', {}, c)), withConsent(false))
  const kept = await carried()
  expect(kept.flat().map((call: Record<string, unknown>) => Object.keys(call))).toEqual([['reset']])
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async (c) => void (await (window as any).analytics.track('Anonymous Granted', {}, c)), withConsent(true))
  const event = await eventually(() => site.server.events('Anonymous Granted')[0], 15_000, 'the event once consent is granted again')
  expect(event.guid).not.toBe(shared)
  expect(site.server.events('Withdrawing')).toEqual([])
  expect(site.server.events('Still Withdrawn')).toEqual([])
  expect(await carried()).toEqual([])
  await finish(site)
})

test.each(['a track', 'an alias naming no previous id'])('a user who identified while consent was withdrawn is logged in before their first call (%s) once it is granted on a later page', async (first) => {
  const site = await openSite(env.browser, env.http.origin)
  const withConsent = (granted: boolean) => ({ context: { consent: { categoryPreferences: { Marketing: granted } } } })
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async (c) => {
    const a = (window as any).analytics
    await a.identify('user-one', {}, c)
    await a.identify('user-two', {}, c)
  }, withConsent(true))
  const two = await eventually(() => site.server.requests.find((r) => r.data.isOUL && r.data.profile?.Identity === 'user-two'), 15_000, "user-two's login")
  await site.page.evaluate(async (c) => {
    const a = (window as any).analytics
    await a.track('Withdrawing', {}, c)
    await a.identify('user-one', {}, c)
  }, withConsent(false))
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async ([c, alias]) => {
    const a = (window as any).analytics
    if (alias) await a.alias('user-one-new', c)
    else await a.track('By User One', {}, c)
  }, [withConsent(true), first !== 'a track'] as const)
  const landed = await eventually(
    () => (first === 'a track' ? site.server.events('By User One')[0] : site.server.profiles().find((p) => p.profile.Identity === 'user-one-new')),
    15_000,
    "user-one's call once consent is granted again",
  )
  const logins = site.server.requests.filter((r) => r.data.isOUL && r.data.profile?.Identity === 'user-one').map((r) => r.replyGuid)
  expect(landed.guid).not.toBe(two.replyGuid)
  expect(logins).toContain(landed.guid)
  await finish(site)
})

test.each(['npm', 'cdn'] as const)("%s SDK: a login still unanswered when the page is left reaches CleverTap on the next page before its user's calls made there", async (release) => {
  const site = await openSite(env.browser, env.http.origin, { release })
  await load(site)
  await eventually(() => site.server.pages().length === 1, 10_000, 'the first page view answered')
  // CleverTap is out of reach now: the login is handed to the SDK, still unanswered when the visitor moves on.
  site.network.api = 'block'
  await site.page.evaluate(() => (window as any).analytics.identify('user-late'))
  await eventually(async () => (await site.page.evaluate(() => localStorage.getItem('WZRK_L') ?? '')).length > 0, 5_000, 'the login kept by the SDK')
  site.network.api = 'answer'
  await load(site)
  await site.page.evaluate(() => (window as any).analytics.track('After The Login'))
  const event = await eventually(() => site.server.events('After The Login')[0], 15_000, "the user's event")
  const order = site.server.requests.map((r) => sentAs(r) ?? r.data.type)
  expect(order.indexOf('login user-late')).toBeGreaterThanOrEqual(0)
  expect(order.indexOf('login user-late')).toBeLessThan(order.indexOf('After The Login'))
  const login = site.server.requests.find((r) => r.data.profile?.Identity === 'user-late')!
  expect(event.guid).toBe(login.data.isOUL ? login.replyGuid : login.guid)
  await finish(site)
})

test('calls carried past a page that only reset, waiting for consent, still arrive, before the reset', async () => {
  const site = await openSite(env.browser, env.http.origin, { sdk: 'block' })
  const withConsent = { context: { consent: { categoryPreferences: { Marketing: true } } } }
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async (c) => void (await (window as any).analytics.track('Before The Reset', {}, c)), withConsent)
  // The next page states no choice (CleverTap does not start there); the visitor signs out on it.
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async () => void (await (window as any).analytics.reset()))
  site.network.sdk = 'serve'
  await load(site, { consentCategories: ['Marketing'] })
  await site.page.evaluate(async (c) => void (await (window as any).analytics.track('After The Reset', {}, c)), withConsent)
  const after = await eventually(() => site.server.events('After The Reset')[0], 15_000, 'the event after the reset')
  const before = await eventually(() => site.server.events('Before The Reset')[0], 5_000, 'the event carried over two pages')
  expect(site.server.events('Before The Reset')).toHaveLength(1)
  // The reset came between them: the later event starts a new profile.
  expect(after.guid).not.toBe(before.guid)
  expect(await site.page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('clevertap-segment-web:kept:')))).toEqual([])
  await finish(site)
})
