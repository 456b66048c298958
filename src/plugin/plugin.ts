/**
 * The analytics-next destination plugin: each hook hands its call to the session (session.ts), which
 * keeps, orders and delivers it. Nothing here throws into analytics, and nothing here waits on CleverTap.
 */
import type { Analytics, Context, Plugin } from '@segment/analytics-next'
import type { CleverTapClient } from '../bridge/sdk/client'
import { VERSION } from '../version'
import type { SegmentEventLike } from '../bridge/translation/types'
import type { LoadEngine, LoadInspector } from './engine-port'
import type { CleverTapPluginOptions } from './options'
import { DEFAULT_LOAD_TIMEOUT_MS, positive } from './options'
import { Session } from './session'
import { DESTINATION_NAME } from './workspace'

/** The name of CleverTap's destination in Segment's catalog, so `integrations: { CleverTap: false }` applies. */
export const PLUGIN_NAME = DESTINATION_NAME
export { LIBRARY_NAME } from '../version'

export interface CleverTapPlugin extends Plugin {
  /** CleverTap's id for this device once the SDK knows it (undefined before). */
  getCleverTapId(): string | undefined
  /**
   * The live CleverTap instance, for features no Segment call expresses (inbox, variables, …). Resolves once
   * CleverTap is ready (loading it if it was waiting), or to undefined when it cannot be: not consented,
   * disabled, failed, or the plugin not added to analytics within `loadTimeoutMs`.
   */
  getClient(): Promise<CleverTapClient | undefined>
}

/** `classicDoor`: the plugin runs inside this package's classic integration, which takes the classic one's place. */
export function createPlugin(options: CleverTapPluginOptions, loadEngine: LoadEngine, classicDoor = false, loadInspector?: LoadInspector): CleverTapPlugin {
  const opts: CleverTapPluginOptions = typeof options === 'object' && options !== null ? options : {}
  const session = new Session(opts, loadEngine, loadInspector)
  let added: () => void = () => undefined
  const whenAdded = new Promise<void>((resolve) => (added = resolve))

  const handle = (ctx: Context): Context => {
    if (ctx?.event) session.submit(ctx.event as SegmentEventLike & Record<string, unknown>, ctx)
    return ctx
  }

  const load = (analytics: Analytics): Promise<void> => {
    added()
    session.configure(analytics, classicDoor ? undefined : plugin)
    // Once the plugin is unloaded, the session ignores these: they stay as no-ops.
    if (typeof analytics?.on === 'function') {
      analytics.on('reset', () => session.reset())
      analytics.on('alias', (to, from) => session.alias(to, from))
      analytics.on('track', (name) => session.tracked(name))
    }
    return Promise.resolve()
  }

  let loading: Promise<void> | undefined
  const plugin: CleverTapPlugin = {
    name: PLUGIN_NAME,
    type: 'destination',
    version: VERSION,
    isLoaded: () => session.isLive(),
    load: (_ctx: Context, analytics: Analytics) => (loading ??= load(analytics)),
    unload: () => session.stop(),
    getCleverTapId: () => session.cleverTapId(),
    getClient: async () => {
      // Not added to analytics within the time limit: the session is still new, and answers undefined.
      await Promise.race([whenAdded, new Promise((resolve) => setTimeout(resolve, positive(opts.loadTimeoutMs, DEFAULT_LOAD_TIMEOUT_MS)))])
      return session.client()
    },
    track: handle,
    identify: handle,
    page: handle,
    screen: handle,
    group: handle,
    alias: handle,
  }
  return plugin
}
