/**
 * `stampCleverTapId`: an analytics-next enrichment plugin that puts CleverTap's id on each event as
 * `context.clevertap.id`, for Segment's other destinations and the warehouse. Registered once CleverTap is
 * ready, from the lazily loaded engine.
 */
import type { Context, Plugin } from '@segment/analytics-next'

export function idStamp(getId: () => string | undefined, version: string): Plugin {
  const stamp = (ctx: Context): Context => {
    const id = getId()
    if (id) ctx.updateEvent('context.clevertap', { id })
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

