/**
 * Consent with Segment's real consent tools, in both of their models, in Chromium: CleverTap hears of
 * consent only once it is granted, and when the visitor withdraws it CleverTap's own opt-out is set,
 * even though the consent tools drop the withdrawal event before the plugin.
 */
import { eventually, openSite, Site, useChromium } from '../support/browser'

jest.setTimeout(60_000)

const env = useChromium({ esmApp: true })

const MAPPED = { allCategories: ['Marketing'], hasUnmappedDestinations: false }

async function open(model: 'opt-in' | 'opt-out', door: 'plugin' | 'classic'): Promise<Site> {
  const site = await openSite(env.browser, env.http.origin)
  await site.page.goto(env.http.origin + '/fixtures/esm.html')
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  const setup =
    door === 'plugin'
      ? { consent: { model, categories: { Marketing: true }, settings: MAPPED } }
      : {
          door: 'classic',
          consent: { model, categories: { Marketing: true }, settings: MAPPED },
          integrations: { CleverTap: { clevertap_account_id: 'TEST-R78-ZZZ-5Z7Z', consentSettings: { categories: ['Marketing'] }, versionSettings: { componentTypes: ['browser'] }, type: 'browser' } },
        }
  const options = door === 'plugin' ? { consentCategories: ['Marketing'] } : {}
  await site.page.evaluate(([o, s]) => (window as any).start(o, {}, s), [options, setup] as const)
  return site
}

const track = (site: Site, name: string) => site.page.evaluate((n) => (window as any).analytics.track(n), name)

describe.each([
  ['opt-out', 'plugin'],
  ['opt-in', 'plugin'],
  ['opt-out', 'classic'],
] as const)('%s model, %s door', (model, door) => {
  test('withdrawing consent sets CleverTap\'s opt-out and nothing more is sent; granting it again lifts it', async () => {
    const site = await open(model, door)
    await track(site, 'While Granted')
    await eventually(() => site.server.events('While Granted')[0], 15_000, 'consented event')

    await site.page.evaluate(() => (window as any).changeConsent({ Marketing: false }))
    const optOut = await eventually(() => site.server.profiles().find((p) => p.profile.ct_optout === true), 10_000, 'opt-out on the wire')
    expect(optOut.profile).toEqual({ ct_optout: true })
    await track(site, 'After Withdrawal')

    await site.page.evaluate(() => (window as any).changeConsent({ Marketing: true }))
    await track(site, 'Granted Again')
    await eventually(() => site.server.events('Granted Again')[0], 10_000, 'event after consent is granted again')
    // Calls reach CleverTap in order: one made while withdrawn would have come before this one.
    expect(site.server.events('After Withdrawal')).toEqual([])
    expect(site.server.profiles().filter((p) => 'ct_optout' in p.profile).map((p) => p.profile.ct_optout)).toEqual([true, false])
    expect(site.violations).toEqual([])
    await site.context.close()
  })
})

test('a login dropped unsent by a withdrawal is made again before the next call of that user, once consent is back', async () => {
  const site = await open('opt-out', 'plugin')
  await track(site, 'While Granted')
  await eventually(() => site.server.events('While Granted')[0], 15_000, 'consented event')
  // CleverTap answers slowly: user-b's login still waits behind user-a's when the visitor withdraws.
  site.network.api = { delayMs: 1500 }
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('user-a')
    await a.identify('user-b')
  })
  await site.page.evaluate(() => (window as any).changeConsent({ Marketing: false }))
  await site.page.evaluate(() => (window as any).changeConsent({ Marketing: true }))
  site.network.api = 'answer'
  await track(site, 'By User B')
  const event = await eventually(() => site.server.events('By User B')[0], 20_000, "user-b's event")
  const loginsOfB = site.server.requests.filter((r) => r.data.type === 'profile' && r.data.profile?.Identity === 'user-b')
  expect(loginsOfB.length).toBeGreaterThan(0)
  expect(loginsOfB.map((r) => (r.data.isOUL ? r.replyGuid : r.guid))).toContain(event.guid)
  await site.context.close()
})
