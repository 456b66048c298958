/**
 * CleverTap's own web features through the plugin, against the real SDK in jsdom: the client accessor,
 * profile operations from `integrations.CleverTap`, engagement into Segment, web push and debug mode.
 */
import type { Page } from '../support/jsdom-harness'
import { ACCOUNT_ID, cdnSettings, eventually, flush, freshPage } from '../support/jsdom-harness'

let page: Page
beforeEach(() => {
  page = freshPage()
})
afterEach(() => page.dispose())

async function load(options: Record<string, unknown> = {}) {
  const { AnalyticsBrowser } = require('@segment/analytics-next')
  const { createCleverTapPlugin } = require('../../src')
  const plugin = createCleverTapPlugin({ accountId: ACCOUNT_ID, ...options })
  const [analytics] = await AnalyticsBrowser.load({ writeKey: 'k', cdnSettings: cdnSettings(), plugins: [plugin] }, { disableClientPersistence: true })
  return { analytics, plugin }
}

const segmentTracks = () => page.segment.filter((r) => r.body?.type === 'track').map((r) => r.body)

describe('getClient()', () => {
  test('resolves to the live, initialised instance, loading it if it waited for a first call', async () => {
    const { plugin } = await load({ loadOn: 'event' })
    expect(plugin.isLoaded()).toBe(false)
    const client = await plugin.getClient()
    expect(client).toBe((window as any).clevertap)
    expect(client.getAccountID()).toBe(ACCOUNT_ID)
    await eventually(() => page.server.pages()[0], 3000, 'init page view')
  })

  test.each`
    case                              | options
    ${'no account id'}                | ${{ accountId: undefined }}
    ${'consent not granted'}          | ${{ consentCategories: ['Marketing'] }}
    ${'the SDK failing to load'}      | ${{ sdkUrl: 'https://blocked.example.com/ct.js', loadTimeoutMs: 300 }}
  `('settles to undefined with $case, never hanging', async ({ options }) => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => {})
    const warns = jest.spyOn(console, 'warn').mockImplementation(() => {})
    const { plugin } = await load(options)
    await expect(plugin.getClient()).resolves.toBeUndefined()
    expect(page.server.requests).toEqual([])
    errors.mockRestore()
    warns.mockRestore()
  })

  test('settles to undefined when the plugin is never added to analytics', async () => {
    const { createCleverTapPlugin } = require('../../src')
    await expect(createCleverTapPlugin({ accountId: ACCOUNT_ID, loadTimeoutMs: 100 }).getClient()).resolves.toBeUndefined()
  })
})

describe('profile operations from integrations.CleverTap', () => {
  test('increment, decrement, add, remove and set values, and remove a property, as CleverTap commands', async () => {
    const { analytics } = await load()
    await analytics.identify('user-ops', { logins: 3, credits: 10, tags: ['trial', 'web'], legacy_plan: 'old' })
    await eventually(() => page.server.profiles().find((p) => p.profile.Identity === 'user-ops'), 3000, 'login')
    await analytics.identify('user-ops', {}, {
      integrations: {
        CleverTap: {
          increment: { logins: 1 },
          decrement: { credits: 2 },
          addValues: { tags: ['beta'] },
          removeValues: { tags: ['trial'] },
          setValues: { sizes: ['M', 'L'] },
          remove: ['legacy_plan'],
        },
      },
    })
    const ops = await eventually(() => {
      const found = page.server.profiles().map((p) => p.profile)
      return found.filter((p) => Object.values(p).some((v) => typeof v === 'object' && v !== null && !Array.isArray(v))).length >= 6 ? found : undefined
    }, 3000, 'six operations')
    const commands = ops.flatMap((p) => Object.entries(p).filter(([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v)))
    expect(commands).toEqual(
      expect.arrayContaining([
        ['logins', { $incr: 1 }],
        ['credits', { $decr: 2 }],
        ['tags', { $add: ['beta'] }],
        ['tags', { $remove: ['trial'] }],
        ['sizes', { $set: ['M', 'L'] }],
        ['legacy_plan', { $delete: true }],
      ]),
    )
  })

  test('an operation on a property this browser never set is skipped with a clear message', async () => {
    const warns = jest.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics } = await load()
    await analytics.identify('user-new', {}, { integrations: { CleverTap: { increment: { never_set: 1 } } } })
    await eventually(() => warns.mock.calls.some((c) => String(c[1]).includes('"never_set" was not set from this browser')), 3000, 'warning')
    expect(page.server.profiles().flatMap((p) => Object.keys(p.profile))).not.toContain('never_set')
    warns.mockRestore()
  })

  test('the warning is also on the call\'s context, where analytics.debug(true) shows it', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => {})
    const { analytics, plugin } = await load()
    await eventually(() => plugin.isLoaded(), 3000, 'CleverTap loaded')
    const ctx = await analytics.identify('user-new', {}, { integrations: { CleverTap: { increment: { never_set: 1 } } } })
    // The increment goes once CleverTap has answered the login before it; the warning comes with it.
    const cleverTapWarnings = () => ctx.logs().filter((l: any) => l.level === 'warn' && l.message.startsWith('[CleverTap]'))
    const logged = await eventually(() => cleverTapWarnings().length > 0 && cleverTapWarnings(), 6000, 'the warning on the context')
    expect(logged.map((l: any) => [l.message, l.extras?.detail])).toEqual([
      ['[CleverTap] CleverTap rejected increment', 'increment skipped: "never_set" was not set from this browser yet'],
    ])
  })
})

describe('engagement into Segment', () => {
  test('notification viewed and clicked, and native display, become Segment tracks that never return to CleverTap', async () => {
    const { analytics, plugin } = await load({ forwardEngagement: true })
    const client = await plugin.getClient()
    await analytics.identify('user-eng')
    client.renderNotificationViewed({ msgId: '1700000001_20260101', pivotId: 'variant-a' })
    client.renderNotificationClicked({ msgId: '1700000001_20260101', pivotId: 'variant-a' })
    document.dispatchEvent(new CustomEvent('CT_web_native_display', { detail: { msgId: '1700000002_20260101', pivotId: 'default', kv: { topic: 'sale' } } }))
    const tracks = await eventually(() => (segmentTracks().length >= 3 ? segmentTracks() : undefined), 3000, 'engagement on Segment')
    expect(tracks.map((t) => [t.event, t.properties])).toEqual(
      expect.arrayContaining([
        ['Notification Viewed', { wzrk_id: '1700000001_20260101', wzrk_pivot: 'variant-a', 'Campaign Id': '1700000001', forwarded_by: 'clevertap-segment-web' }],
        ['Notification Clicked', { wzrk_id: '1700000001_20260101', wzrk_pivot: 'variant-a', 'Campaign Id': '1700000001', forwarded_by: 'clevertap-segment-web' }],
        ['CleverTap Native Display Received', { wzrk_id: '1700000002_20260101', wzrk_pivot: 'default', 'Campaign Id': '1700000002', forwarded_by: 'clevertap-segment-web' }],
      ]),
    )
    await flush()
    expect(page.server.events('Notification Viewed')).toHaveLength(1)
    expect(page.server.requests.filter((r) => /^CleverTap /.test(r.data.evtName ?? ''))).toEqual([])
    // Stops watching this page, as removing the plugin from analytics does.
    await plugin.unload()
  })

  test("the SDK's re-send of a request it had no answer to is forwarded once", async () => {
    const { analytics, plugin } = await load({ forwardEngagement: true })
    const client = await plugin.getClient()
    await analytics.identify('user-eng')
    client.renderNotificationViewed({ msgId: '1700000003_20260101' })
    await eventually(() => segmentTracks().find((t) => t.event === 'Notification Viewed'), 3000, 'the view forwarded')
    const sent = page.server.all.find((r) => r.data.evtName === 'Notification Viewed')!
    // The same request again, as the SDK re-sends one it kept: the same data, another attempt.
    const again = document.createElement('script')
    again.src = sent.url.replace(/([?&])tries=\d+/, '$1tries=2').replace(/([?&])r=\d+/, '$1r=1')
    document.head.appendChild(again)
    await eventually(() => page.server.all.filter((r) => r.data.evtName === 'Notification Viewed').length === 2, 3000, 'the re-send on the wire')
    await flush()
    expect(segmentTracks().filter((t) => t.event === 'Notification Viewed')).toHaveLength(1)
    await plugin.unload()
  })

  test('is off by default', async () => {
    const { plugin } = await load()
    const client = await plugin.getClient()
    client.renderNotificationViewed({ msgId: '1700000001_20260101' })
    await eventually(() => page.server.events('Notification Viewed')[0], 3000, 'Notification Viewed')
    expect(segmentTracks()).toEqual([])
  })
})

describe('web push and debug', () => {
  test('webPush asks CleverTap for permission after init, and never before consent', async () => {
    const prompt = { titleText: 'Stay in the loop', bodyText: 'Deals, weekly', okButtonText: 'Yes', rejectButtonText: 'No', serviceWorkerPath: '/clevertap_sw.js' }
    const { AnalyticsBrowser, createWrapper } = { ...require('@segment/analytics-next'), ...require('@segment/analytics-consent-tools') }
    const { createCleverTapPlugin } = require('../../src')
    const categories = { Marketing: false }
    const analytics = new AnalyticsBrowser()
    createWrapper({ getCategories: () => ({ ...categories }) })(analytics)
    const plugin = createCleverTapPlugin({ accountId: ACCOUNT_ID, webPush: prompt, consentCategories: ['Marketing'] })
    analytics.load({ writeKey: 'k', cdnSettings: cdnSettings(), plugins: [plugin] }, { disableClientPersistence: true })
    await analytics.track('Before Consent')
    await flush()
    expect(localStorage.getItem('WZRK_NOTIFICATION_PUSH_DEFERRED')).toBeNull()
    categories.Marketing = true
    await analytics.track('With Consent')
    // The SDK holds the prompt until CleverTap's server sends the dashboard's web push settings.
    await eventually(() => localStorage.getItem('WZRK_NOTIFICATION_PUSH_DEFERRED') === 'true', 3000, 'deferred web push prompt')
  })

  test('debug raises CleverTap\'s own log level: its requests are marked debug', async () => {
    const logs = jest.spyOn(console, 'log').mockImplementation(() => {})
    const debugLogs = jest.spyOn(console, 'debug').mockImplementation(() => {})
    const { analytics } = await load({ debug: true })
    await analytics.track('Debugged')
    const event = await eventually(() => page.server.events('Debugged')[0], 3000, 'event')
    expect(event.debug).toBe(true)
    expect(logs.mock.calls.some((c) => String(c[0]).startsWith('[CleverTap] → event'))).toBe(true)
    logs.mockRestore()
    debugLogs.mockRestore()
  })
})
