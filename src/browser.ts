/**
 * The script-tag build: `window.CleverTapSegment.createCleverTapPlugin(options)`. It loads its translation
 * engine, a second file, from next to itself, and the engine loads the SDK from `sdkUrl` (CleverTap's CDN
 * by default), so the part every page downloads up front stays small.
 */
import { loadScriptFor } from './bridge/sdk/load-script'
import type { Engine, LoadEngine } from './plugin/engine-port'
import type { CleverTapPlugin } from './plugin/plugin'
import { createPlugin } from './plugin/plugin'
import type { CleverTapPluginOptions } from './plugin/options'
import { validateScriptUrl } from './bridge/translation/hosts'
import { VERSION } from './version'

const ENGINE_FILE = 'clevertap-segment-web.engine.min.js'

/**
 * The engine next to this file, of this very version: on unpkg or jsDelivr an unversioned URL resolves to
 * whatever is latest, so during a release the two files could come from two versions.
 */
const engineNextTo = (url: string) =>
  new URL(ENGINE_FILE, url.replace(/^(https:\/\/(?:unpkg\.com|cdn\.jsdelivr\.net\/npm)\/clevertap-segment-web)\//, `$1@${VERSION}/`)).href

// Read while this file runs: `currentScript` is only set then.
const ownUrl = typeof document === 'undefined' ? undefined : (document.currentScript as HTMLScriptElement | null)?.src

function engineLoader(options: CleverTapPluginOptions): LoadEngine {
  return () => {
    const origin = typeof location === 'undefined' ? undefined : location.origin
    const checked = validateScriptUrl('engineUrl', options.engineUrl ?? (ownUrl ? engineNextTo(ownUrl) : undefined), origin)
    if (!checked.ok || !checked.value) return Promise.reject(new Error(checked.ok ? 'engineUrl is not set and cannot be found' : checked.error))
    return loadScriptFor(checked.value, () => (window as { CleverTapSegmentEngine?: { engine: Engine } }).CleverTapSegmentEngine?.engine, options.nonce)
  }
}

export function createCleverTapPlugin(options: CleverTapPluginOptions = {}): CleverTapPlugin {
  const opts = typeof options === 'object' && options !== null ? options : {}
  return createPlugin(opts, engineLoader(opts))
}

export { PLUGIN_NAME } from './plugin/plugin'
export { withoutClassicCleverTap } from './plugin/workspace'
export { VERSION }
