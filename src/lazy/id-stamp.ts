/**
 * `stampCleverTapId`: an analytics-next enrichment plugin that puts CleverTap's id on each event as
 * `context.clevertap.id`, for Segment's other destinations and the warehouse. Registered once CleverTap is
 * ready, from the lazily loaded engine. After a reset the device's id belongs to the previous visitor
 * until CleverTap gives it a new one: events made meanwhile carry none.
 */
import type { Analytics, Context, Plugin } from '@segment/analytics-next'

export function idStamp(getId: () => string | undefined, version: string, analytics: Analytics): Plugin {
  /** The id the last reset left behind. */
  let previous: string | undefined
  analytics.on?.('reset', () => {
    previous = getId() ?? previous
  })
  const stamp = (ctx: Context): Context => {
    const id = getId()
    if (id && id !== previous) ctx.updateEvent('context.clevertap', { id })
    return ctx
  }
  return {
    name: 'CleverTap ID',
    type: 'enrichment',
    version,
    isLoaded: () => true,
    load: () => Promise.resolve(),
    track: stamp,
    identify: stamp,
    page: stamp,
    screen: stamp,
    group: stamp,
    alias: stamp,
  }
}

