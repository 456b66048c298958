/**
 * A workspace with Segment's classic CleverTap destination in device mode, in real Chromium with
 * analytics-next's production code paths: without this package's door analytics-next fetches the classic
 * integration from Segment's CDN; with `classicIntegrations` ours runs instead, once.
 */
import { readFileSync } from 'fs'
import { join } from 'path'
import { openSite, useChromium, segmentEvents, Site, eventually, throughMarker } from '../support/browser'

const CLASSIC_STAND_IN = readFileSync(join(__dirname, 'fixtures/classic-clevertap.js'), 'utf8')

jest.setTimeout(60_000)

const env = useChromium({ esmApp: true })

const WORKSPACE = {
  CleverTap: {
    clevertap_account_id: 'TEST-R78-ZZZ-5Z7Z',
    region: 'in.',
    type: 'browser',
    versionSettings: { version: '1.0.4', componentTypes: ['browser'] },
    bundlingStatus: 'bundled',
  },
}

async function run(door: 'classic' | 'none', routingRules?: unknown[]): Promise<Site> {
  const site = await openSite(env.browser, env.http.origin)
  await site.page.goto(env.http.origin + '/fixtures/esm.html')
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  await site.page.evaluate(([d, w, r]) => (window as any).start({}, {}, { door: d, integrations: w, routingRules: r }), [door, WORKSPACE, routingRules] as const)
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('user-1', { email: 'u@example.com' })
    await a.track('Workspace Event', { n: 1 })
  })
  return site
}

test('without the door, analytics-next asks Segment\'s CDN for its classic CleverTap integration', async () => {
  const site = await run('none')
  await eventually(() => site.violations.some((url) => url.includes('/next-integrations/integrations/clevertap/')), 10_000, 'classic integration request')
  await site.context.close()
})

test('with classicIntegrations, ours runs instead: nothing from the CDN, each event once, bundled for Segment', async () => {
  const site = await run('classic')
  const event = await eventually(() => site.server.events('Workspace Event')[0], 10_000, 'CleverTap event')
  await eventually(() => segmentEvents(site, 'track').length === 1, 10_000, 'Segment track')
  expect(site.server.events('Workspace Event')).toHaveLength(1)
  expect(event.evtData).toEqual({ n: 1 })
  expect(site.server.requests[0].host).toBe('in1.clevertap-prod.com')
  expect(segmentEvents(site, 'track')[0]._metadata.bundled).toContain('CleverTap')
  expect(site.violations).toEqual([])
  expect(await site.page.evaluate(() => (window as any).pageErrors)).toEqual([])
  await site.context.close()
})

test('script tag: withoutClassicCleverTap keeps the workspace settings and leaves the classic integration out', async () => {
  const site = await openSite(env.browser, env.http.origin)
  await site.page.goto(env.http.origin + '/fixtures/umd.html')
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  await site.page.evaluate((w) => (window as any).start({ accountId: undefined }, {}, { integrations: w, withoutClassic: true }), WORKSPACE)
  await site.page.evaluate(() => (window as any).analytics.track('Snippet Event'))
  await eventually(() => site.server.events('Snippet Event')[0], 10_000, 'CleverTap event')
  await eventually(() => segmentEvents(site, 'track').length === 1, 10_000, 'Segment track')
  expect(site.server.requests[0].host).toBe('in1.clevertap-prod.com')
  expect(site.server.events('Snippet Event')).toHaveLength(1)
  expect(segmentEvents(site, 'track')[0]._metadata.bundled).toContain('CleverTap')
  expect(site.violations).toEqual([])
  await site.context.close()
})

test("the workspace's destination filters apply to CleverTap on the classic door", async () => {
  // A filter as Segment's CDN serves it: drop `Workspace Event` for CleverTap, and the `n` property of others.
  const rules = [
    {
      matchers: [{ ir: '["=","event",{"value":"Workspace Event"}]', type: 'fql', config: { expr: 'event = "Workspace Event"' } }],
      scope: 'destinations',
      target_type: 'workspace::project::destination::config',
      transformers: [[{ type: 'drop' }]],
      destinationName: 'CleverTap',
    },
    {
      matchers: [{ ir: '["=","event",{"value":"Kept Event"}]', type: 'fql', config: { expr: 'event = "Kept Event"' } }],
      scope: 'destinations',
      target_type: 'workspace::project::destination::config',
      transformers: [[{ type: 'drop_properties', config: { drop: { properties: ['secret'] } } }]],
      destinationName: 'CleverTap',
    },
  ]
  const site = await run('classic', rules)
  await site.page.evaluate(() => (window as any).analytics.track('Kept Event', { secret: 'x', shown: 1 }))
  const kept = await eventually(() => site.server.events('Kept Event')[0], 10_000, 'kept event')
  expect(kept.evtData).toEqual({ shown: 1 })
  await eventually(() => segmentEvents(site, 'track').length === 2, 10_000, 'Segment tracks')
  expect(site.server.events('Workspace Event')).toEqual([])
  expect(segmentEvents(site, 'track').map((e) => e.event)).toEqual(['Workspace Event', 'Kept Event'])
  expect(site.violations).toEqual([])
  await site.context.close()
})

test('the plugin registered next to the workspace\'s classic integration: each call reaches CleverTap once, and the console says how to fix it', async () => {
  const site = await openSite(env.browser, env.http.origin)
  await site.context.route('**/next-integrations/integrations/clevertap/**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: CLASSIC_STAND_IN }),
  )
  const messages: string[] = []
  site.page.on('console', (m) => messages.push(m.text()))
  await site.page.goto(env.http.origin + '/fixtures/esm.html')
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  // The setup mistake: CleverTap enabled in the workspace, the plugin registered, the classic one not left out.
  await site.page.evaluate((w) => (window as any).start({}, {}, { integrations: w }), WORKSPACE)
  await site.page.evaluate(async () => {
    const a = (window as any).analytics
    await a.identify('user-double', { email: 'd@example.com' })
    await a.track('Exactly Once', { n: 1 })
  })
  await eventually(() => site.server.events('Exactly Once')[0], 10_000, 'CleverTap event')
  await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'user-double'), 10_000, 'the login')
  await throughMarker(site)
  expect(site.server.events('Exactly Once')).toHaveLength(1)
  expect(site.server.profiles().filter((p) => p.profile.Identity === 'user-double')).toHaveLength(1)
  const advice = messages.filter((m) => m.includes("Segment's classic CleverTap integration is also installed"))
  expect(advice).toHaveLength(1)
  expect(advice[0]).toContain('classicIntegrations: [CleverTapIntegration]')
  expect(advice[0]).toContain('withoutClassicCleverTap')
  expect(site.violations).toEqual([])
  await site.context.close()
})
