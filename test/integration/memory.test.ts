/**
 * Bounded resources on a long-lived page: 50,000 calls through the real analytics-next, with the plugin
 * while CleverTap has not arrived (the case where the plugin holds the most) and without it. The plugin
 * keeps only its bound of calls: the calls it dropped are garbage-collected (their contexts are watched
 * with WeakRefs, which a full collection clears, unlike the heap's size, which is noisy on a shared
 * machine), while the calls within the bound stay alive until they are delivered.
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

/** The contexts of the first and the last hundred calls, watched without being held. */
interface Watched {
  first: Array<WeakRef<object>>
  last: Array<WeakRef<object>>
}

const alive = (refs: Array<WeakRef<object>>) => refs.filter((ref) => ref.deref() !== undefined).length

async function growth(withPlugin: boolean): Promise<{ growthMb: number; delivered: number[]; held: { first: number; last: number; watchedLast: number } }> {
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
  const watched: Watched = { first: [], last: [] }
  const send = async (from: number, count: number) => {
    for (let i = from; i < from + count; i += 500) {
      const contexts = await Promise.all(Array.from({ length: 500 }, (_, j) => analytics.track('Long Lived', { i: i + j, payload: 'x'.repeat(200) })))
      contexts.forEach((ctx, j) => {
        if (i + j < 100) watched.first.push(new WeakRef(ctx))
        if (i + j >= 49_900) watched.last.push(new WeakRef(ctx))
      })
    }
  }
  await send(0, 10_000)
  const early = heapMb()
  await send(10_000, 40_000)
  // A WeakRef's target is held until the task that made or read it ends; the collection comes after.
  await new Promise((resolve) => setTimeout(resolve, 0))
  const late = heapMb()
  const held = { first: alive(watched.first), last: alive(watched.last), watchedLast: watched.last.length }
  expect(page.server.requests).toHaveLength(0)
  if (withPlugin) {
    // CleverTap arrives at last: what the plugin kept is delivered, and it is only the newest 1,000.
    releaseSdk()
    await eventually(() => plugin.isLoaded(), 5000, 'CleverTap loaded')
  }
  page.dispose()
  return { growthMb: late - early, delivered, held }
}

test('50,000 calls while CleverTap loads: the plugin holds its bound of calls and lets the rest go', async () => {
  const warns = jest.spyOn(console, 'warn').mockImplementation(() => {})
  const without = await growth(false)
  const withPlugin = await growth(true)
  warns.mockRestore()
  expect(withPlugin.delivered).toHaveLength(1000)
  expect(withPlugin.delivered[999]).toBe(49_999)
  // The first hundred calls were dropped at the bound: nothing holds them any more, with the plugin or
  // without. The last hundred were still kept by the plugin for CleverTap: the watch sees what is held.
  expect(without.held.first).toBe(0)
  expect(withPlugin.held).toEqual({ first: 0, last: 100, watchedLast: 100 })
  console.log(
    `heap growth over 40,000 calls: ${without.growthMb.toFixed(1)} MB without the plugin, ${withPlugin.growthMb.toFixed(1)} MB with it`,
  )
}, 300_000)
