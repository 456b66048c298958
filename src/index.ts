/**
 * clevertap-segment-web: CleverTap as a device-mode destination of Segment's Analytics.js 2.0.
 *
 *   import { AnalyticsBrowser } from '@segment/analytics-next'
 *   import { createCleverTapPlugin } from 'clevertap-segment-web'
 *   AnalyticsBrowser.load({ writeKey, plugins: [createCleverTapPlugin({ accountId: 'XXX-XXX-XXXX' })] })
 */
import type { CleverTapPlugin } from './plugin/plugin'
import { createPlugin } from './plugin/plugin'
import type { CleverTapPluginOptions } from './plugin/options'
import { importSdk } from './sdk-import'

export function createCleverTapPlugin(options: CleverTapPluginOptions = {}): CleverTapPlugin {
  return createPlugin(options, importSdk)
}

export { PLUGIN_NAME, LIBRARY_NAME } from './plugin/plugin'
export type { CleverTapPlugin } from './plugin/plugin'
export type { CleverTapPluginOptions, TranslationReport, WorkspaceSettings } from './plugin/options'
export type { CleverTapCommand, Properties, PropertyValue, Scalar } from './bridge/commands'
export { translate, translateReset, INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG } from './bridge/translate'
export type { TranslateConfig, TranslateState, Translation, SegmentEventLike } from './bridge/translate'
export { VERSION } from './version'
