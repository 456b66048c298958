/**
 * The easiest setup mistake: CleverTap enabled in the workspace, this plugin registered with `plugins` or
 * `analytics.register`, and the classic integration not left out. analytics-next then also installs
 * Segment's classic CleverTap integration from its CDN and hands it every call, so each would reach
 * CleverTap twice. The plugin then stands down as CleverTap would start (the classic integration keeps
 * delivering, once) and says so once, with the one-line fix. The classic integration has no reset, so the
 * plugin still clears CleverTap's identity when analytics resets: on a shared device the next visitor's
 * calls then never land on the previous one's profile. Checked by the lazily loaded engine, so the check
 * costs the page nothing up front.
 */
import type { Analytics, Plugin } from '@segment/analytics-next'
import { liveClient } from '../bridge/sdk/client'
import type { Refusal } from '../plugin/engine-port'
import { DESTINATION_NAME } from '../plugin/workspace'

export const DOUBLE_DELIVERY_FIX =
  "Segment's classic CleverTap integration is also installed from the workspace, so each call would reach CleverTap twice. " +
  'This plugin stands down and the classic integration delivers; the plugin still clears CleverTap\'s identity at analytics.reset(), ' +
  'which the classic integration does not. To use this plugin instead, load analytics with ' +
  '`classicIntegrations: [CleverTapIntegration]` (npm) or `updateCDNSettings: CleverTapSegment.withoutClassicCleverTap` (snippet)'

/**
 * A plugin of this package (this one registered again, a second one from React StrictMode or a hot
 * reload): its calls reach CleverTap once with ours (src/lazy/seen-messages.ts), so it is no reason to
 * stand down. analytics-next wraps a plugin from a `remotePlugins` entry; the wrapper's `action` is the
 * plugin itself.
 */
function ofThisPackage(plugin: Plugin): boolean {
  const inner = (plugin as { action?: unknown }).action ?? plugin
  return typeof (inner as { getCleverTapId?: unknown }).getCleverTapId === 'function'
}

/** Whether a CleverTap destination of another package (Segment's classic integration) is registered with analytics. */
export function anotherCleverTap(analytics: Analytics, self: Plugin): boolean {
  try {
    const plugins = (analytics as unknown as { queue?: { plugins?: Plugin[] } }).queue?.plugins ?? []
    return plugins.some((plugin) => plugin !== self && !ofThisPackage(plugin) && plugin.name === DESTINATION_NAME && plugin.type === 'destination')
  } catch {
    return false
  }
}

/** A start refused for good: its kept calls are not carried to the next page, where the same would happen. */
export function refusal(message: string): Refusal {
  return Object.assign(new Error(message), { refused: true as const })
}

/** Throws the stand-down (a refusal, not a failure) when another CleverTap runs; resets are still CleverTap's. */
export function standDownNextToAnother(analytics: Analytics | undefined, self: Plugin | undefined): void {
  if (!analytics || !self || !anotherCleverTap(analytics, self)) return
  analytics.on?.('reset', () => {
    try {
      liveClient()?.clear()
    } catch {
      // The SDK's own failure; analytics goes on.
    }
  })
  throw refusal(DOUBLE_DELIVERY_FIX)
}
