/**
 * What changed for a Segment call between npm's CleverTap SDK and the release CleverTap's CDN serves every
 * script-tag site, on both, in Chromium, on CleverTap's decoded wire: a `customId` trait, and CleverTap's
 * own snippet whose SDK runs well after it arrived.
 */
import type { SdkRelease } from '../../tools/local-network.cjs'
import { addCleverTapSnippet, eventually, finishSite, openSite, startPage, throughMarker, useChromium } from '../support/browser'

jest.setTimeout(60_000)

const env = useChromium()

describe.each<SdkRelease>(['npm', 'cdn'])('the %s release of the SDK', (release) => {
  test("a user whose identify was made without consent is logged in before their next consented call, made while CleverTap loads and just before a navigation; a later page knows them from the SDK's own storage", async () => {
    const site = await openSite(env.browser, env.http.origin, { release, sdk: { delayMs: 3000 } })
    const stamp = (granted: boolean) => ({ context: { consent: { categoryPreferences: { Ads: granted } } } })
    const open = () => startPage(site, env.http.origin, { consentCategories: ['Ads'] }, { disableClientPersistence: false })
    await open()
    await site.page.evaluate(async ([denied, granted]) => {
      const a = (window as any).analytics
      await a.identify('quiet-1', { plan: 'not consented' }, denied)
      await a.track('Granted Before Leaving', {}, granted)
    }, [stamp(false), stamp(true)] as const)
    // Left before CleverTap arrived: the kept call goes on to the next page.
    site.network.sdk = 'serve'
    await open()
    await site.page.evaluate((granted) => (window as any).analytics.track('Granted Next Page', {}, granted), stamp(true))
    const before = await eventually(() => site.server.events('Granted Before Leaving')[0], 15_000, 'the carried call')
    const next = await eventually(() => site.server.events('Granted Next Page')[0], 15_000, 'the next page\'s call')
    // One login (npm's SDK may repeat the identity in a plain profile update once it has its ID).
    const logins = site.server.requests.filter((r) => r.data.profile?.Identity === 'quiet-1')
    expect(logins.length).toBeGreaterThan(0)
    expect(logins.filter((r) => r.data.isOUL === true).length).toBeLessThanOrEqual(1)
    // Only the identity: the traits of the identify made without consent never left.
    expect(site.server.requests.filter((r) => r.data.profile?.plan !== undefined)).toEqual([])
    // On the login's profile: the ID the login was answered with, or the device's anonymous ID from the
    // page's first answer, which CleverTap merges into a device's first login (the test server, unlike
    // CleverTap's, answers every login with a new ID).
    const anonymous = site.server.requests.find((r) => r.type === 'page' && !r.data.isOUL)?.replyGuid
    const profileOfLogin = [logins[0].replyGuid, anonymous]
    expect(profileOfLogin).toContain(before.guid)
    expect(next.guid).toBe(logins[0].replyGuid)
    // A later page: the SDK's own storage says who the device is, so the plugin logs nobody in again.
    const sentBefore = site.server.requests.length
    await open()
    await site.page.evaluate((granted) => (window as any).analytics.track('Third Page', {}, granted), stamp(true))
    const third = await eventually(() => site.server.events('Third Page')[0], 15_000, 'the third page\'s call')
    expect(third.guid).toBe(logins[0].replyGuid)
    expect(site.server.requests.slice(sentBefore).filter((r) => r.data.profile?.Identity === 'quiet-1')).toEqual([])
    await finishSite(site)
  })

  test('a trait named customId reaches the profile under its own name, and never becomes the device\'s CleverTap id', async () => {
    const site = await openSite(env.browser, env.http.origin, { release })
    await startPage(site, env.http.origin)
    await site.page.evaluate(async () => {
      const a = (window as any).analytics
      await a.identify('member-7', { customId: 'CRM-42', plan: 'gold' })
      await a.track('After Login')
    })
    const login = await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'member-7'), 15_000, 'the login')
    expect(login.profile).toMatchObject({ Identity: 'member-7', plan: 'gold' })
    expect(login.profile.customId).toBeUndefined()
    const update = await eventually(() => site.server.profiles().find((p) => p.profile.customId !== undefined), 15_000, 'the customId update')
    expect(update.profile.customId).toBe('CRM-42')
    await eventually(() => site.server.events('After Login')[0], 15_000, 'the event after the login')
    // The device keeps the id CleverTap's server gave it: nothing was sent under `_w_CRM-42`.
    const id = await site.page.evaluate(() => (window as any).plugin.getCleverTapId())
    expect(id).not.toMatch(/CRM-42/)
    expect(site.server.requests.filter((r) => String(r.guid ?? '').includes('CRM-42'))).toEqual([])
    await finishSite(site)
  })

  test('an SPA route change dismisses the web pop-ups CleverTap shows, with one page view per page call and no listeners of the SDK', async () => {
    const site = await openSite(env.browser, env.http.origin, { release })
    await startPage(site, env.http.origin, { loadOn: 'event' })
    const popups = () =>
      site.page.evaluate(() => ['wizParDiv0', 'intentOpacityDiv0', 'wizParDiv2', 'wzrkImageOnlyDiv'].filter((id) => document.getElementById(id)))
    const showPopups = () =>
      site.page.evaluate(() => {
        // The elements CleverTap's SDK renders its web pop-ups in.
        for (const id of ['wizParDiv0', 'intentOpacityDiv0', 'wizParDiv2', 'wzrkImageOnlyDiv']) {
          const div = document.createElement('div')
          div.id = id
          document.body.appendChild(div)
        }
      })
    await site.page.evaluate(() => (window as any).analytics.page())
    await site.page.waitForFunction(() => (window as any).plugin.isLoaded(), undefined, { timeout: 10_000 })
    await showPopups()
    // The same page again (a fragment): the pop-ups stay.
    await site.page.evaluate(async () => {
      history.pushState({}, '', location.pathname + '#details')
      await (window as any).analytics.page()
    })
    await throughMarker(site, 'After Same Page')
    expect(await popups()).toHaveLength(4)
    // Another route: they go, before its page view.
    await site.page.evaluate(async () => {
      history.pushState({}, '', '/app/next')
      await (window as any).analytics.page()
    })
    await eventually(() => site.server.pages().find((p) => String(p.data.cpg).includes('/app/next')), 15_000, 'the new route\'s view')
    expect(await popups()).toEqual([])
    // A click on the page is no page view: the SDK's own SPA listeners are not on.
    await site.page.evaluate(() => {
      history.pushState({}, '', '/app/clicked')
      document.body.click()
    })
    await throughMarker(site, 'After Click')
    expect(site.server.pages().map((p) => new URL(String(p.data.cpg)).pathname)).toEqual(['/fixtures/umd.html', '/fixtures/umd.html', '/app/next'])
    await finishSite(site)
  })

  test.each`
    flags                                  | transport  | encrypted
    ${{ enableFetchApi: true }}            | ${'fetch'} | ${false}
    ${{ enableEncryptionInTransit: true }} | ${'fetch'} | ${true}
  `('$flags: every request goes by $transport (encrypted: $encrypted), and decodes to the same calls', async ({ flags, transport, encrypted }) => {
    const site = await openSite(env.browser, env.http.origin, { release })
    await startPage(site, env.http.origin, flags)
    await site.page.evaluate(async () => {
      const a = (window as any).analytics
      await a.identify('fetch-user', { plan: 'pro' })
      await a.track('Over Fetch', { n: 1 })
    })
    expect((await eventually(() => site.server.events('Over Fetch')[0], 15_000, 'the event')).evtData).toEqual({ n: 1 })
    expect((await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'fetch-user'), 15_000, 'the login')).profile).toMatchObject({ plan: 'pro' })
    const data = site.server.all.filter((r) => r.data.type === 'event' || r.data.type === 'profile' || r.data.type === 'page')
    expect(data.length).toBeGreaterThanOrEqual(3)
    expect(new Set(data.map((r) => r.transport))).toEqual(new Set([transport]))
    expect(new Set(data.map((r) => r.encrypted))).toEqual(new Set([encrypted]))
    await finishSite(site)
  })

  test.each`
    flags                           | domain
    ${{}}                           | ${'.example.com'}
    ${{ isolateSubdomain: true }}   | ${'.www.shop.example.com'}
    ${{ domainSpecification: 3 }}   | ${'.shop.example.com'}
  `('$flags: CleverTap keeps the device cookie for $domain', async ({ flags, domain }) => {
    const site = await openSite(env.browser, env.http.origin, { release })
    // The site on a host name with labels to share a cookie across, served from the local server.
    const SITE = 'https://www.shop.example.com'
    await site.context.route(`${SITE}/**`, async (route) => {
      const response = await fetch(env.http.origin + new URL(route.request().url()).pathname)
      await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) })
    })
    await startPage(site, SITE, flags)
    await site.page.evaluate(() => (window as any).analytics.track('On Subdomain'))
    await eventually(() => site.server.events('On Subdomain')[0], 15_000, 'the event')
    const cookie = await eventually(async () => (await site.context.cookies(SITE)).find((c) => c.name === 'WZRK_G'), 10_000, "CleverTap's device cookie")
    expect(cookie.domain).toBe(domain)
    await finishSite(site)
  })

  test("an event CleverTap's server discards for the account is not sent, and the notes and the debug output say so", async () => {
    const site = await openSite(env.browser, env.http.origin, { release })
    await site.page.goto(env.http.origin + '/fixtures/umd.html')
    // CleverTap's server named the event on an earlier visit; the SDK keeps its answer (each name masked).
    await site.page.evaluate(() => {
      const mask = 'WZRK2014WZRK'
      const masked = (name: string) => btoa(String.fromCharCode(...[...new TextEncoder().encode(name)].map((b, i) => b ^ mask.charCodeAt(i % mask.length))))
      localStorage.setItem('WZRK_ARP', encodeURIComponent(JSON.stringify({ d_e: [masked('Internal Ping')] })))
    })
    const messages: string[] = []
    site.page.on('console', (m) => messages.push(m.text()))
    await site.page.reload()
    await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
    await site.page.evaluate(() => (window as any).start({ debug: true }))
    await site.page.evaluate(async () => {
      await (window as any).analytics.track('Internal Ping', { n: 1 })
      await (window as any).analytics.track('Kept Event', { n: 2 })
    })
    await eventually(() => site.server.events('Kept Event')[0], 15_000, 'the event after it')
    await throughMarker(site)
    expect(site.server.events('Internal Ping')).toEqual([])
    const report = (await site.page.evaluate(() => (window as any).reports)).find((r: any) => r.event === 'Internal Ping')
    expect(report.commands).toEqual([])
    expect(report.notes).toContain("Internal Ping: discarded by CleverTap for this account (its server's list), not sent")
    expect(messages.some((m) => m.includes('Internal Ping: discarded by CleverTap'))).toBe(true)
    await finishSite(site)
  })

  test("CleverTap's snippet whose SDK runs well after it arrived: one SDK, one account, one page view, every call delivered", async () => {
    const site = await openSite(env.browser, env.http.origin, { release, sdk: { runAfterMs: 1500 } })
    await site.page.goto(env.http.origin + '/fixtures/umd.html')
    await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
    await addCleverTapSnippet(site, 'https://d2r1yp2w7bby2u.cloudfront.net/js/clevertap.min.js')
    // The script has arrived, and has not run yet.
    await site.page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.includes('clevertap.min.js') && (r as PerformanceResourceTiming).responseEnd > 0))
    expect(await site.page.evaluate(() => typeof (window as any).clevertap.getCleverTapID)).toBe('undefined')
    await site.page.evaluate(() => {
      const w = window as any
      w.start({ loadOn: 'event' })
      w.analytics.identify('snippet-user')
      w.analytics.track('Plugin Event', { from: 'plugin' })
    })
    await eventually(() => site.server.events('Plugin Event')[0] && site.server.events('Site Own Event')[0], 15_000, 'both events')
    await site.page.evaluate(() => (window as any).clevertap.event.push('Site Marker'))
    await throughMarker(site)
    await eventually(() => site.server.events('Site Marker')[0], 15_000, "the site's own marker")
    expect(site.server.pages()).toHaveLength(1)
    expect(site.server.events('Plugin Event')).toHaveLength(1)
    expect(site.server.events('Site Own Event')).toHaveLength(1)
    expect(site.server.profiles().filter((p) => p.profile.Identity === 'snippet-user')).toHaveLength(1)
    expect(new Set(site.server.requests.map((r) => r.params.id ?? r.data.id)).size).toBeLessThanOrEqual(1)
    const sdkScripts = await site.page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('clevertap.min.js')).length)
    expect(sdkScripts).toBe(1)
    expect(await site.page.evaluate(() => (window as any).plugin.isLoaded())).toBe(true)
    await finishSite(site)
  })
})
