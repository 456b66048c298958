/**
 * clevertap-segment-web: CleverTap as a device-mode destination of Segment's Analytics.js 2.0.
 *
 *   // A workspace with CleverTap enabled: ours replaces the classic integration from Segment's CDN.
 *   AnalyticsBrowser.load({ writeKey, classicIntegrations: [CleverTapIntegration] })
 *   // Configured in code only:
 *   AnalyticsBrowser.load({ writeKey, plugins: [createCleverTapPlugin({ accountId: 'XXX-XXX-XXXX' })] })
 */
import type { ClassicIntegration } from './plugin/classic'
import { createClassicIntegration } from './plugin/classic'
import type { LoadEngine, LoadInspector } from './plugin/engine-port'
import type { CleverTapPlugin } from './plugin/plugin'
import { createPlugin, PLUGIN_NAME } from './plugin/plugin'
import type { CleverTapPluginOptions, WorkspaceSettings } from './plugin/options'

/** A dynamic import: a site's bundler puts the engine (and, after it, the SDK) in chunks of their own. */
const loadEngine: LoadEngine = async () => (await import(/* webpackChunkName: "clevertap-segment-web-engine" */ './lazy/npm-engine')).engine
/** The in-page inspector, a chunk of its own, loaded only when it is turned on. */
const loadInspector: LoadInspector = async () => (await import(/* webpackChunkName: "clevertap-segment-web-inspector" */ './inspector/panel')).openInspector

/** A destination plugin for `plugins: [...]` or `analytics.register(...)`. */
export function createCleverTapPlugin(options: CleverTapPluginOptions = {}): CleverTapPlugin {
  return createPlugin(options, loadEngine, false, loadInspector)
}

/** CleverTap as a classic integration for `classicIntegrations: [...]`, with options set in code. */
export function createCleverTapIntegration(options: CleverTapPluginOptions = {}): ClassicIntegration {
  return createClassicIntegration(options, loadEngine, loadInspector)
}

/** `classicIntegrations: [CleverTapIntegration]`: the workspace's CleverTap, delivered by this package. */
export const CleverTapIntegration: ClassicIntegration = /* @__PURE__ */ createCleverTapIntegration()

/**
 * The plugin-factory form analytics-next matches to a `remotePlugins` entry of the same name
 * (`cdnSettings.remotePlugins[i].name === 'CleverTap'`); the entry's settings configure it.
 */
export const cleverTapPluginFactory = /* @__PURE__ */ Object.assign(
  // analytics-next hands a factory any JSON value (`PluginFactory`), so anything is accepted and checked.
  (settings?: unknown): CleverTapPlugin => {
    const { clevertap_account_id: id, region } = (settings ?? {}) as WorkspaceSettings
    return createCleverTapPlugin({ accountId: typeof id === 'string' ? id : undefined, region: typeof region === 'string' ? region : undefined })
  },
  { pluginName: PLUGIN_NAME },
)

export { PLUGIN_NAME, LIBRARY_NAME } from './plugin/plugin'
export type { CleverTapPlugin } from './plugin/plugin'
export type { CleverTapPluginOptions, CleverTapRegion, TranslationReport, WebPushOptions, WorkspaceSettings } from './plugin/options'
export type { ClassicIntegration } from './plugin/classic'
export type { CleverTapCommand, ProfileOperation, Properties, PropertyValue, Scalar } from './bridge/translation/commands'
export type { NestedStrategy } from './bridge/translation/values'
export type { CleverTapCampaignDetail, CleverTapClient, CleverTapInboxMessage } from './bridge/sdk/client'
export type { TranslateConfig, TranslateState, Translation, SegmentEventLike } from './bridge/translation/types'
export { VERSION } from './version'
export { withoutClassicCleverTap } from './plugin/workspace'
