/**
 * The script-tag build: `window.CleverTapSegment.createCleverTapPlugin(options)`. The SDK is loaded from
 * `sdkUrl`, by default CleverTap's CDN, so this file stays small.
 */
import type { CleverTapPlugin } from './plugin/plugin'
import { createPlugin, scriptSource } from './plugin/plugin'
import type { CleverTapPluginOptions } from './plugin/options'
import { DEFAULT_SDK_URL } from './plugin/options'

export function createCleverTapPlugin(options: CleverTapPluginOptions = {}): CleverTapPlugin {
  return createPlugin(options, scriptSource(DEFAULT_SDK_URL, options?.nonce))
}

export { translate, translateReset, INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG } from './bridge/translate'
export { PLUGIN_NAME } from './plugin/plugin'
export { VERSION } from './version'
export { withoutClassicCleverTap } from './plugin/workspace'
