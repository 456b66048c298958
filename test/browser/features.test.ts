/**
 * CleverTap's own features through the script build in real Chromium: the client accessor, a profile
 * operation, engagement forwarded to Segment (decoded by the engine file), and web push's request.
 */
import { openSite, useChromium, segmentEvents, eventually } from '../support/browser'

jest.setTimeout(60_000)

const env = useChromium()

test('getClient, a profile operation, engagement into Segment and the web push request, in the script build', async () => {
  const site = await openSite(env.browser, env.http.origin)
  await site.page.goto(env.http.origin + '/fixtures/umd.html')
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  await site.page.evaluate(() =>
    (window as any).start({ forwardEngagement: true, webPush: { titleText: 'Stay in the loop', serviceWorkerPath: '/clevertap_sw.js' } }),
  )
  const accountId = await site.page.evaluate(async () => (await (window as any).plugin.getClient()).getAccountID())
  expect(accountId).toBe('TEST-R78-ZZZ-5Z7Z')

  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('user-f', { visits: 1 })
    await a.identify('user-f', {}, { integrations: { CleverTap: { increment: { visits: 2 } } } })
    const client = await (window as any).plugin.getClient()
    client.renderNotificationViewed({ msgId: '1700000009_20260101', pivotId: 'default' })
  })
  const increment = await eventually(() => site.server.profiles().find((p) => p.profile.visits && typeof p.profile.visits === 'object'), 10_000, 'increment')
  expect(increment.profile.visits).toEqual({ $incr: 2 })
  const forwarded = await eventually(() => segmentEvents(site, 'track').find((e) => e.event === 'Notification Viewed'), 10_000, 'forwarded engagement')
  expect(forwarded.properties).toEqual({ wzrk_id: '1700000009_20260101', wzrk_pivot: 'default', 'Campaign Id': '1700000009', forwarded_by: 'clevertap-segment-web' })
  expect(forwarded.integrations).toEqual({ CleverTap: false })
  // CleverTap has its own Notification Viewed once; the Segment copy never comes back to it.
  await eventually(() => site.server.events('Notification Viewed')[0], 10_000, "CleverTap's own Notification Viewed")
  expect(site.server.events('Notification Viewed')).toHaveLength(1)
  // The SDK holds the prompt until CleverTap's server has sent the dashboard's web push settings.
  expect(await site.page.evaluate(() => localStorage.getItem('WZRK_NOTIFICATION_PUSH_DEFERRED'))).toBe('true')
  expect(site.violations).toEqual([])
  expect(await site.page.evaluate(() => (window as any).pageErrors)).toEqual([])
  await site.context.close()
})
