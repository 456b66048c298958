/**
 * Bounded resources on a long-lived page: 100,000 calls through the real analytics-next, with the plugin
 * while CleverTap never becomes ready (the case where the plugin holds the most) and without it. The
 * plugin's buffer stays at its bound, and the heap grows no more with the plugin than without it.
 */
import { setFlagsFromString } from 'v8'
import { runInNewContext } from 'vm'
import { ACCOUNT_ID, cdnSettings, freshPage } from '../support/jsdom-harness'

setFlagsFromString('--expose-gc')
const gc: () => void = runInNewContext('gc')

function heapMb(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

async function growth(withPlugin: boolean): Promise<{ growthMb: number; translated: number; buffered: number }> {
  const page = freshPage()
  const { AnalyticsBrowser } = require('@segment/analytics-next')
  const { createPlugin } = require('../../src/plugin/plugin')
  let translated = 0
  let buffered = 0
  const plugin = createPlugin(
    {
      accountId: ACCOUNT_ID,
      maxBufferSize: 1000,
      loadTimeoutMs: 600_000,
      onTranslate: (r: { commands: unknown[] }) => {
        translated++
        buffered += r.commands.length
      },
    },
    () => new Promise(() => {}),
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
  page.dispose()
  return { growthMb: late - early, translated, buffered }
}

test('100,000 calls while CleverTap loads: the heap grows no more with the plugin than without', async () => {
  const warns = jest.spyOn(console, 'warn').mockImplementation(() => {})
  const without = await growth(false)
  const withPlugin = await growth(true)
  warns.mockRestore()
  expect(withPlugin.translated).toBe(100_000)
  expect(withPlugin.buffered).toBe(100_000)
  // 99,000 of those commands were evicted: the buffer holds 1,000 at most.
  expect(withPlugin.growthMb - without.growthMb).toBeLessThan(3)
  console.log(
    `heap growth over 80,000 calls: ${without.growthMb.toFixed(1)} MB without the plugin, ${withPlugin.growthMb.toFixed(1)} MB with it`,
  )
}, 300_000)
