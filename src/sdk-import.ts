/**
 * The npm builds' sources: dynamic imports, so a site's bundler puts the CleverTap SDK and the translation
 * engine in chunks of their own, fetched only when the plugin loads.
 */
import type { Sources } from './plugin/plugin'
import type { CleverTapClient } from './bridge/sdk'

export const npmSources: Sources = {
  sdk: async () => {
    const module = (await import('clevertap-web-sdk')) as { default?: unknown }
    return (module.default ?? module) as CleverTapClient
  },
  engine: async () => (await import('./engine')).engine,
}
