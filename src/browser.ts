/**
 * The script-tag build: `window.CleverTapSegment.createCleverTapPlugin(options)`. It loads its translation
 * engine, a second file, from next to itself, and the engine loads the SDK from `sdkUrl` (CleverTap's CDN
 * by default), so the part every page downloads up front stays small.
 */
import type { Engine, OpenInspector } from './plugin/engine-port'
import type { CleverTapPlugin } from './plugin/plugin'
import { createPlugin } from './plugin/plugin'
import type { CleverTapPluginOptions } from './plugin/options'
import { VERSION } from './version'

const ENGINE_FILE = 'clevertap-segment-web.engine.min.js'

/**
 * This file's URL, pinned to this very version: on unpkg or jsDelivr an unversioned URL resolves to
 * whatever is latest, so during a release the files could come from two versions.
 */
const pinned = (url: string) => url.replace(/(unpkg\.com|jsdelivr\.net\/npm)\/clevertap-segment-web\//, `$1/clevertap-segment-web@${VERSION}/`)

// Read while this file runs: `currentScript` is only set then.
const ownUrl = (globalThis.document?.currentScript as HTMLScriptElement | null | undefined)?.src

/** The build's other files, each added once for every plugin of the page. */
const companions: Record<string, Promise<unknown>> = {}

/** The file at `url`, added once; resolves to the global it defines. */
function companion<T>(global: string, url: string | undefined, nonce: string | undefined): Promise<T> {
  return (companions[global] ??= new Promise((resolve, reject) => {
    const defined = () => (window as unknown as Record<string, unknown>)[global]
    if (defined()) return resolve(defined())
    if (!url) return reject(new Error(`${global}: no URL`))
    const script = document.createElement('script')
    script.src = url
    if (nonce) script.nonce = nonce
    // A file that loads but defines nothing is as good as one that failed.
    script.onload = script.onerror = () => (defined() ? resolve(defined()) : reject(new Error(`${url} failed to load`)))
    document.head.appendChild(script)
  })) as Promise<T>
}

/** `options` as the site passed them: createPlugin checks them, and here they are only read. */
export function createCleverTapPlugin(options: CleverTapPluginOptions = {}): CleverTapPlugin {
  // `engineUrl` is the site's own code, like this file's URL; the inspector sits next to the engine.
  const mine = ownUrl && pinned(ownUrl)
  const engineUrl = options?.engineUrl ?? (mine && new URL(ENGINE_FILE, mine).href)
  const nonce = options?.nonce
  return createPlugin(
    options,
    () => companion<{ engine: Engine }>('CleverTapSegmentEngine', engineUrl, nonce).then((file) => file.engine),
    false,
    // The inspector's file is next to the engine's, named alike.
    () => companion<{ openInspector: OpenInspector }>('CleverTapSegmentInspector', engineUrl?.replace('.engine.', '.inspector.'), nonce).then((file) => file.openInspector),
  )
}

export { PLUGIN_NAME } from './plugin/plugin'
export { withoutClassicCleverTap } from './plugin/workspace'
export { VERSION }
