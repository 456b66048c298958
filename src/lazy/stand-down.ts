/**
 * The easiest setup mistake: CleverTap enabled in the workspace, this plugin registered with `plugins` or
 * `analytics.register`, and the classic integration not left out. analytics-next then also installs
 * Segment's classic CleverTap integration from its CDN and hands it every call, so each would reach
 * CleverTap twice. The plugin then stands down as CleverTap would start (the classic integration keeps
 * delivering, once) and says so once, with the one-line fix. Checked by the lazily loaded engine, so the
 * check costs the page nothing up front.
 */
import type { Analytics, Plugin } from '@segment/analytics-next'
import type { Refusal } from '../plugin/engine-port'
import { DESTINATION_NAME } from '../plugin/workspace'

export const DOUBLE_DELIVERY_FIX =
  "Segment's classic CleverTap integration is also installed from the workspace, so each call would reach CleverTap twice. " +
  'This plugin stands down and the classic integration delivers. To use this plugin instead, load analytics with ' +
  '`classicIntegrations: [CleverTapIntegration]` (npm) or `updateCDNSettings: CleverTapSegment.withoutClassicCleverTap` (snippet)'

/** Whether another CleverTap destination than `self` is registered with analytics. */
export function anotherCleverTap(analytics: Analytics, self: Plugin): boolean {
  try {
    const plugins = (analytics as unknown as { queue?: { plugins?: Plugin[] } }).queue?.plugins ?? []
    // analytics-next wraps a plugin from a `remotePlugins` entry; the wrapper's `action` is the plugin itself.
    return plugins.some(
      (plugin) => plugin !== self && (plugin as { action?: unknown }).action !== self && plugin.name === DESTINATION_NAME && plugin.type === 'destination',
    )
  } catch {
    return false
  }
}

/** A start refused for good: its kept calls are not carried to the next page, where the same would happen. */
export function refusal(message: string): Refusal {
  return Object.assign(new Error(message), { refused: true as const })
}

/** Throws the stand-down (a refusal, not a failure) when another CleverTap runs. */
export function standDownNextToAnother(analytics: Analytics | undefined, self: Plugin | undefined): void {
  if (analytics && self && anotherCleverTap(analytics, self)) throw refusal(DOUBLE_DELIVERY_FIX)
}
