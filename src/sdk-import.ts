/** The npm builds' SDK source: a dynamic import, so bundlers split the SDK into its own chunk. */
import type { SdkSource } from './bridge/loader'
import type { CleverTapClient } from './bridge/sdk'

export const importSdk: SdkSource = async () => {
  const module = (await import('clevertap-web-sdk')) as { default?: unknown }
  return (module.default ?? module) as CleverTapClient
}
