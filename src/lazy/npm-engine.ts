/**
 * The npm builds' engine. The SDK is a dynamic import: the package ships it as a chunk of its own
 * (rollup.config.mjs), which a site's bundler keeps apart and fetches after this one, once the page is
 * ready for it (src/bridge/sdk/start.ts `readyPageForSdk`).
 */
import type { CleverTapClient } from '../bridge/sdk/client'
import { createEngine } from './engine'

export const engine = createEngine(async () => {
  const module = (await import(/* webpackChunkName: "clevertap-sdk" */ 'clevertap-web-sdk')) as { default?: unknown }
  return (module.default ?? module) as CleverTapClient
})
