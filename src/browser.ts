/**
 * The script-tag build: `window.CleverTapSegment.createCleverTapPlugin(options)`. It loads its translation
 * engine, a second file, from next to itself, and the engine loads the SDK from `sdkUrl` (CleverTap's CDN
 * by default), so the part every page downloads up front stays small.
 */
import type { Engine, LoadEngine } from './plugin/engine-port'
import type { CleverTapPlugin } from './plugin/plugin'
import { createPlugin } from './plugin/plugin'
import type { CleverTapPluginOptions } from './plugin/options'
import { VERSION } from './version'

const ENGINE_FILE = 'clevertap-segment-web.engine.min.js'

/**
 * The engine next to this file, of this very version: on unpkg or jsDelivr an unversioned URL resolves to
 * whatever is latest, so during a release the two files could come from two versions.
 */
const engineNextTo = (url: string) =>
  new URL(ENGINE_FILE, url.replace(/^(https:\/\/(?:unpkg\.com|cdn\.jsdelivr\.net\/npm)\/clevertap-segment-web)\//, `$1@${VERSION}/`)).href

// Read while this file runs: `currentScript` is only set then.
const ownUrl = (globalThis.document?.currentScript as HTMLScriptElement | null | undefined)?.src

const loadedEngine = () => (window as { CleverTapSegmentEngine?: { engine: Engine } }).CleverTapSegmentEngine?.engine

/** The engine file, added once for every plugin of the page. `engineUrl` is the site's own code, like this file's URL. */
let engineFile: Promise<Engine> | undefined
/** `options` as the site passed them: createPlugin checks them, and here they are only read. */
function engineLoader(options: CleverTapPluginOptions | undefined): LoadEngine {
  return () =>
    (engineFile ??= new Promise<Engine>((resolve, reject) => {
      const url = options?.engineUrl ?? (ownUrl && engineNextTo(ownUrl))
      if (loadedEngine()) return resolve(loadedEngine() as Engine)
      if (!url) return reject(new Error('no engineUrl'))
      const script = document.createElement('script')
      script.src = url
      if (options?.nonce) script.nonce = options.nonce
      // A file that loads but defines no engine is as good as one that failed.
      script.onload = script.onerror = () => (loadedEngine() ? resolve(loadedEngine() as Engine) : reject(new Error(`${url} failed to load`)))
      document.head.appendChild(script)
    }))
}

export function createCleverTapPlugin(options: CleverTapPluginOptions = {}): CleverTapPlugin {
  return createPlugin(options, engineLoader(options))
}

export { PLUGIN_NAME } from './plugin/plugin'
export { withoutClassicCleverTap } from './plugin/workspace'
export { VERSION }
