/**
 * Bounded resources on a long-lived page: 100,000 calls through the real analytics-next, with the plugin
 * while CleverTap has not arrived (the case where the plugin holds the most) and without it. The plugin
 * keeps only its bound of calls, and the heap grows no more with the plugin than without it.
 */
import { setFlagsFromString } from 'v8'
import { runInNewContext } from 'vm'
import { npmSdk, pluginWithSdk } from '../support/engines'
import { ACCOUNT_ID, cdnSettings, eventually, freshPage } from '../support/jsdom-harness'

setFlagsFromString('--expose-gc')
const gc: () => void = runInNewContext('gc')

function heapMb(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

async function growth(withPlugin: boolean): Promise<{ growthMb: number; delivered: number[] }> {
  const page = freshPage()
  const { AnalyticsBrowser } = require('@segment/analytics-next')
  const delivered: number[] = []
  let releaseSdk: () => void = () => undefined
  const heldSdk = () => new Promise<void>((resolve) => (releaseSdk = resolve)).then(npmSdk)
  const plugin = pluginWithSdk(
    {
      accountId: ACCOUNT_ID,
      maxBufferSize: 1000,
      loadTimeoutMs: 600_000,
      onTranslate: (r: { event: { properties?: { i?: number } } }) => delivered.push(r.event.properties?.i ?? -1),
    },
    heldSdk,
  )
  const [analytics] = await AnalyticsBrowser.load(
    { writeKey: 'k', cdnSettings: cdnSettings(), plugins: withPlugin ? [plugin] : [] },
    { disableClientPersistence: true, integrations: { 'Segment.io': false } },
  )
  const send = async (count: number) => {
    for (let i = 0; i < count; i += 500) {
      await Promise.all(Array.from({ length: 500 }, (_, j) => analytics.track('Long Lived', { i: i + j, payload: 'x'.repeat(200) })))
    }
  }
  await send(20_000)
  const early = heapMb()
  await send(80_000)
  const late = heapMb()
  expect(page.server.requests).toHaveLength(0)
  if (withPlugin) {
    // CleverTap arrives at last: what the plugin kept is delivered, and it is only the newest 1,000.
    releaseSdk()
    await eventually(() => plugin.isLoaded(), 5000, 'CleverTap loaded')
  }
  page.dispose()
  return { growthMb: late - early, delivered }
}

test('100,000 calls while CleverTap loads: the heap grows no more with the plugin than without', async () => {
  const warns = jest.spyOn(console, 'warn').mockImplementation(() => {})
  const without = await growth(false)
  const withPlugin = await growth(true)
  warns.mockRestore()
  expect(withPlugin.delivered).toHaveLength(1000)
  expect(withPlugin.delivered[999]).toBe(79_999)
  // Keeping all 80,000 calls would take tens of MB; the bound keeps the difference within the noise of GC.
  expect(withPlugin.growthMb - without.growthMb).toBeLessThan(10)
  console.log(
    `heap growth over 80,000 calls: ${without.growthMb.toFixed(1)} MB without the plugin, ${withPlugin.growthMb.toFixed(1)} MB with it`,
  )
}, 300_000)
