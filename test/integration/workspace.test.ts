/**
 * The plugin in a Segment workspace, against the real analytics-next with settings shaped like those
 * Segment's CDN serves: remote settings, replacing the classic integration, `_metadata.bundled`,
 * filtering, destination middleware, consent and identity alignment.
 */
import type { Page } from '../support/jsdom-harness'
import { ACCOUNT_ID, cdnSettings, eventually, flush, freshPage } from '../support/jsdom-harness'

let page: Page
beforeEach(() => {
  page = freshPage()
})
afterEach(() => page.dispose())

/** CleverTap as Segment's CDN lists it for a web source with the classic destination in device mode. */
function clevertapEntry(extra: Record<string, unknown> = {}) {
  return {
    clevertap_account_id: ACCOUNT_ID,
    clevertap_account_token: 'mobile-only',
    region: 'in.',
    type: 'browser',
    versionSettings: { version: '1.0.4', componentTypes: ['browser'] },
    bundlingStatus: 'bundled',
    ...extra,
  }
}

function lib() {
  return { ...require('@segment/analytics-next'), ...require('../../src') }
}

const segmentTracks = () => page.segment.filter((r) => r.body?.type === 'track').map((r) => r.body)

test('the workspace settings configure a plugin created without an account id', async () => {
  const { AnalyticsBrowser, createCleverTapPlugin } = lib()
  const settings = cdnSettings({ CleverTap: { clevertap_account_id: ACCOUNT_ID, region: 'sg1.' } })
  await AnalyticsBrowser.load({ writeKey: 'k', cdnSettings: settings, plugins: [createCleverTapPlugin()] }, { disableClientPersistence: true })
  const first = await eventually(() => page.server.pages()[0], 3000, 'init page view')
  expect(first.host).toBe('sg1.clevertap-prod.com')
  expect(first.data.id).toBe(ACCOUNT_ID)
})

test.each`
  setting           | value
  ${'region'}       | ${'x.evil.com/'}
  ${'region'}       | ${'in1.evil.com'}
`('a malicious workspace $setting ($value) is refused: nothing is sent anywhere, analytics keeps working', async ({ setting, value }) => {
  const errors = jest.spyOn(console, 'error').mockImplementation(() => {})
  const warns = jest.spyOn(console, 'warn').mockImplementation(() => {})
  const { AnalyticsBrowser, createCleverTapPlugin } = lib()
  const plugin = createCleverTapPlugin()
  const settings = cdnSettings({ CleverTap: { clevertap_account_id: ACCOUNT_ID, [setting]: value } })
  const [analytics] = await AnalyticsBrowser.load({ writeKey: 'k', cdnSettings: settings, plugins: [plugin] }, { disableClientPersistence: true })
  await analytics.track('Still Tracked')
  await eventually(() => errors.mock.calls.some((c) => /not a CleverTap region/.test(String(c[0]))), 3000, 'error')
  expect(plugin.isLoaded()).toBe(false)
  expect(page.server.requests).toEqual([])
  expect(segmentTracks().map((t) => t.event)).toEqual(['Still Tracked'])
  errors.mockRestore()
  warns.mockRestore()
})

test('options given in code win over the workspace settings', async () => {
  const { AnalyticsBrowser, createCleverTapPlugin } = lib()
  const settings = cdnSettings({ CleverTap: { clevertap_account_id: 'WORKSPACE-ACC-1', region: 'in1' } })
  await AnalyticsBrowser.load(
    { writeKey: 'k', cdnSettings: settings, plugins: [createCleverTapPlugin({ accountId: ACCOUNT_ID, region: 'us1' })] },
    { disableClientPersistence: true },
  )
  const first = await eventually(() => page.server.pages()[0], 3000, 'init page view')
  expect([first.host, first.data.id]).toEqual(['us1.clevertap-prod.com', ACCOUNT_ID])
})

test('classicIntegrations: ours replaces the CDN integration; each event reaches CleverTap once, marked bundled for Segment', async () => {
  const { AnalyticsBrowser, CleverTapIntegration } = lib()
  const [analytics] = await AnalyticsBrowser.load(
    { writeKey: 'k', cdnSettings: cdnSettings({ CleverTap: clevertapEntry({ bundlingStatus: undefined }) }), classicIntegrations: [CleverTapIntegration] },
    { disableClientPersistence: true },
  )
  await analytics.identify('user-1', { email: 'u@example.com' })
  await analytics.track('Once Only', { n: 1 })
  await eventually(() => page.server.events('Once Only')[0], 3000, 'event')
  await eventually(() => segmentTracks().length === 1, 3000, 'Segment track')
  await flush()
  expect(page.server.events('Once Only')).toHaveLength(1)
  expect(page.server.profiles().filter((p) => p.profile.Identity === 'user-1')).toHaveLength(1)
  expect(page.server.requests[0].host).toBe('in1.clevertap-prod.com')
  const names = analytics.queue.plugins.map((p: { name: string }) => p.name)
  expect(names.filter((n: string) => n === 'CleverTap')).toHaveLength(1)
  expect([...document.querySelectorAll('script')].map((s) => s.src).filter((src) => src.includes('next-integrations'))).toEqual([])
  expect(segmentTracks()[0]._metadata.bundled).toContain('CleverTap')
})

test('the plain plugin also marks CleverTap bundled when the workspace entry does not', async () => {
  const { AnalyticsBrowser, createCleverTapPlugin } = lib()
  const [analytics] = await AnalyticsBrowser.load(
    { writeKey: 'k', cdnSettings: cdnSettings(), plugins: [createCleverTapPlugin({ accountId: ACCOUNT_ID })] },
    { disableClientPersistence: true },
  )
  await analytics.track('Marked')
  await eventually(() => segmentTracks().length === 1, 3000, 'Segment track')
  expect(segmentTracks()[0]._metadata.bundled).toEqual(['CleverTap', 'Segment.io'])
})

test.each`
  name                                    | loadIntegrations                     | callIntegrations       | reaches
  ${'no options'}                         | ${undefined}                         | ${undefined}           | ${true}
  ${'per call CleverTap: false'}          | ${undefined}                         | ${{ CleverTap: false }} | ${false}
  ${'per call All: false'}                | ${undefined}                         | ${{ All: false }}       | ${false}
  ${'per call All: false, CleverTap: true'} | ${undefined}                       | ${{ All: false, CleverTap: true }} | ${true}
  ${'load-time All: false, CleverTap: true'} | ${{ All: false, CleverTap: true, 'Segment.io': true }} | ${undefined} | ${true}
  ${'load-time CleverTap: false'}         | ${{ CleverTap: false }}              | ${undefined}           | ${false}
`('integrations filtering, $name', async ({ loadIntegrations, callIntegrations, reaches }) => {
  const { AnalyticsBrowser, createCleverTapPlugin } = lib()
  const [analytics] = await AnalyticsBrowser.load(
    { writeKey: 'k', cdnSettings: cdnSettings(), plugins: [createCleverTapPlugin({ accountId: ACCOUNT_ID })] },
    { disableClientPersistence: true, integrations: loadIntegrations },
  )
  await analytics.track('Filtered', {}, callIntegrations ? { integrations: callIntegrations } : undefined)
  await analytics.track('Marker')
  if (loadIntegrations?.CleverTap === false) {
    await eventually(() => segmentTracks().length === 2, 3000, 'Segment tracks')
  } else {
    await eventually(() => page.server.events('Marker')[0], 3000, 'marker')
  }
  expect(page.server.events('Filtered')).toHaveLength(reaches ? 1 : 0)
  expect(segmentTracks().map((t) => t.event)).toEqual(['Filtered', 'Marker'])
})

test('addDestinationMiddleware("CleverTap") changes and drops events on the classic door', async () => {
  const { AnalyticsBrowser, CleverTapIntegration } = lib()
  const [analytics] = await AnalyticsBrowser.load(
    { writeKey: 'k', cdnSettings: cdnSettings({ CleverTap: clevertapEntry() }), classicIntegrations: [CleverTapIntegration] },
    { disableClientPersistence: true },
  )
  await analytics.addDestinationMiddleware('CleverTap', ({ payload, next }: any) => {
    if (payload.obj.event === 'Secret') return next(null)
    payload.obj.properties = { ...payload.obj.properties, via: 'middleware' }
    next(payload)
  })
  await analytics.track('Secret')
  await analytics.track('Public', { a: 1 })
  const event = await eventually(() => page.server.events('Public')[0], 3000, 'Public')
  expect(event.evtData).toEqual({ a: 1, via: 'middleware' })
  expect(page.server.events('Secret')).toEqual([])
  expect(segmentTracks().map((t) => [t.event, t.properties.via])).toEqual([['Secret', undefined], ['Public', undefined]])
})

test('the factory form registers through a remotePlugins entry named CleverTap', async () => {
  const { AnalyticsBrowser, cleverTapPluginFactory } = lib()
  const settings = {
    ...cdnSettings(),
    remotePlugins: [{ name: 'CleverTap', creationName: 'CleverTap', libraryName: 'unused', url: 'https://cdn.example.invalid/unused.js', settings: { clevertap_account_id: ACCOUNT_ID, region: 'aps3' } }],
  }
  const [analytics] = await AnalyticsBrowser.load({ writeKey: 'k', cdnSettings: settings, plugins: [cleverTapPluginFactory] }, { disableClientPersistence: true })
  await analytics.track('Via Factory')
  const event = await eventually(() => page.server.events('Via Factory')[0], 3000, 'event')
  expect(page.server.requests[0].host).toBe('aps3.clevertap-prod.com')
  expect(event.id).toBe(ACCOUNT_ID)
})

describe('consent', () => {
  test('plain plugin: nothing loads before consent; withdrawal opts out and stops sending', async () => {
    const { AnalyticsBrowser, createCleverTapPlugin } = lib()
    const { createWrapper } = require('@segment/analytics-consent-tools')
    const categories = { Marketing: false }
    const analytics = new AnalyticsBrowser()
    createWrapper({ getCategories: () => ({ ...categories }) })(analytics)
    analytics.load(
      { writeKey: 'k', cdnSettings: cdnSettings(), plugins: [createCleverTapPlugin({ accountId: ACCOUNT_ID, consentCategories: ['Marketing'] })] },
      { disableClientPersistence: true },
    )
    await analytics.track('Before Consent')
    await eventually(() => segmentTracks().length === 1, 3000, 'Segment track')
    expect((window as any).clevertap).toBeUndefined()
    expect(page.server.requests).toEqual([])

    categories.Marketing = true
    await analytics.track('With Consent')
    await eventually(() => page.server.events('With Consent')[0], 3000, 'consented event')

    categories.Marketing = false
    await analytics.track('After Withdrawal')
    const optOut = await eventually(() => page.server.profiles().find((p) => p.profile.ct_optout === true), 3000, 'opt-out')
    expect(optOut.profile).toEqual({ ct_optout: true })
    await eventually(() => segmentTracks().length === 3, 3000, 'Segment tracks')
    expect(page.server.events('Before Consent')).toEqual([])
    expect(page.server.events('After Withdrawal')).toEqual([])
  })

  test('classic door: workspace consent categories keep CleverTap out until granted', async () => {
    const { AnalyticsBrowser, CleverTapIntegration } = lib()
    const { createWrapper } = require('@segment/analytics-consent-tools')
    const settings = cdnSettings({ CleverTap: clevertapEntry({ consentSettings: { categories: ['Marketing'] } }) })
    const denied = new AnalyticsBrowser()
    createWrapper({ getCategories: () => ({ Marketing: false }) })(denied)
    denied.load({ writeKey: 'k', cdnSettings: settings, classicIntegrations: [CleverTapIntegration] }, { disableClientPersistence: true })
    await denied.track('Denied')
    await eventually(() => segmentTracks().length === 1, 3000, 'Segment track')
    const [instance] = await denied
    expect(instance.queue.plugins.map((p: { name: string }) => p.name)).not.toContain('CleverTap')
    expect((window as any).clevertap).toBeUndefined()
    expect(page.server.requests).toEqual([])
  })
})

describe('identity alignment', () => {
  test('anonymousIdAsCustomId makes the anonymousId the CleverTap ID of a new device, and stampCleverTapId shares it', async () => {
    const { AnalyticsBrowser, createCleverTapPlugin } = lib()
    const plugin = createCleverTapPlugin({ accountId: ACCOUNT_ID, anonymousIdAsCustomId: true, stampCleverTapId: true })
    const [analytics] = await AnalyticsBrowser.load({ writeKey: 'k', cdnSettings: cdnSettings(), plugins: [plugin] }, { disableClientPersistence: true })
    const anonymousId = analytics.user().anonymousId()
    await eventually(() => plugin.isLoaded(), 3000, 'loaded')
    expect(plugin.getCleverTapId()).toBe(`_w_${anonymousId.toLowerCase()}`)
    await analytics.track('Aligned')
    const event = await eventually(() => page.server.events('Aligned')[0], 3000, 'event')
    expect(event.guid).toBe(`_w_${anonymousId.toLowerCase()}`)
    await eventually(() => segmentTracks().length === 1, 3000, 'Segment track')
    expect(segmentTracks()[0].context.clevertap).toEqual({ id: `_w_${anonymousId.toLowerCase()}` })
  })

  test('anonymousIdAsCustomId: calls kept while CleverTap loads, before a reset, are recorded under the anonymousId they were made with', async () => {
    const { AnalyticsBrowser, createCleverTapPlugin } = lib()
    const plugin = createCleverTapPlugin({ accountId: ACCOUNT_ID, anonymousIdAsCustomId: true, loadOn: 'event' })
    const [analytics] = await AnalyticsBrowser.load({ writeKey: 'k', cdnSettings: cdnSettings(), plugins: [plugin] }, { disableClientPersistence: true })
    const first = analytics.user().anonymousId()
    // CleverTap starts with this call and is still loading for the two after it.
    const made = analytics.track('Before The Reset')
    analytics.reset()
    const after = analytics.track('After The Reset')
    await Promise.all([made, after])
    const before = await eventually(() => page.server.events('Before The Reset')[0], 3000, 'the kept event')
    expect(analytics.user().anonymousId()).not.toBe(first)
    expect(before.guid).toBe(`_w_${first.toLowerCase()}`)
    const next = await eventually(() => page.server.events('After The Reset')[0], 3000, 'the event after the reset')
    expect(next.guid).not.toBe(before.guid)
  })

  test("stampCleverTapId: after a reset the next visitor's events never carry the previous visitor's CleverTap ID", async () => {
    const { AnalyticsBrowser, createCleverTapPlugin } = lib()
    const plugin = createCleverTapPlugin({ accountId: ACCOUNT_ID, stampCleverTapId: true })
    const [analytics] = await AnalyticsBrowser.load({ writeKey: 'k', cdnSettings: cdnSettings(), plugins: [plugin] }, { disableClientPersistence: true })
    await eventually(() => plugin.isLoaded(), 3000, 'loaded')
    await analytics.identify('visitor-a')
    await analytics.track('As A')
    await eventually(() => page.server.events('As A')[0], 3000, "A's event")
    const previous = plugin.getCleverTapId()
    expect(previous).toBeTruthy()
    analytics.reset()
    await analytics.track('Next Visitor')
    await eventually(() => segmentTracks().some((t) => t.event === 'Next Visitor'), 3000, 'Segment track')
    const stamped = segmentTracks().map((t) => [t.event, t.context.clevertap?.id])
    expect(stamped.find(([name]) => name === 'As A')).toEqual(['As A', previous])
    expect(stamped.find(([name]) => name === 'Next Visitor')?.[1]).not.toBe(previous)
  })
})
