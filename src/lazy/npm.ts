/**
 * The npm builds' engine. The SDK is a dynamic import, so a site's bundler gives it a chunk of its own,
 * fetched after this one, once the page is ready for it (src/clevertap/setup.ts `prepareForSdk`).
 */
import type { CleverTapClient } from '../clevertap/client'
import { createEngine } from './engine'

export const engine = createEngine(async () => {
  const module = (await import('clevertap-web-sdk')) as { default?: unknown }
  return (module.default ?? module) as CleverTapClient
})
