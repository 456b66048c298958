/**
 * The options, resolved once for everything that runs after CleverTap starts: the account, region, proxy
 * and script URL, checked before anything is downloaded; the translation's options; the features. The
 * plugin resolved the few it needs up front (src/plugin/options.ts) and hands them over as they are.
 * Nothing past this module reads a raw option. A bad account, region, domain or URL is an error rather
 * than a silent fallback, since any fallback would send a site's users' data somewhere it did not choose.
 */
import type { Analytics } from '@segment/analytics-next'
import type { Validated } from '../bridge/translation/hosts'
import { normalizeRegion, validateScriptUrl, validateTargetDomain } from '../bridge/translation/hosts'
import { configure } from '../bridge/translation/options'
import type { TranslateConfig } from '../bridge/translation/types'
import type { CleverTapPluginOptions, EagerOptions, TranslationReport, WebPushOptions } from '../plugin/options'
import { workspaceSettings } from '../plugin/workspace'

export interface ResolvedOptions extends EagerOptions {
  /** Undefined for CleverTap's default region. */
  region?: string
  targetDomain?: string
  /** Where to load the SDK script from, when not the build's default. */
  sdkUrl?: string
  nonce?: string
  translation: TranslateConfig
  /** CleverTap's privacy flags at init, when any is set. */
  privacy?: { optOut?: boolean; useIP?: boolean }
  anonymousIdAsCustomId: boolean
  stampCleverTapId: boolean
  forwardEngagement: boolean
  webPush?: WebPushOptions
  onTranslate?: (report: TranslationReport) => void
  /** CleverTap's own init flags, as given (checked), for init's config. */
  transport: { enableFetchApi?: true; enableEncryptionInTransit?: true; isolateSubdomain?: true; domainSpecification?: number }
}

const ACCOUNT_ID = /^[A-Za-z0-9-]{3,64}$/


export function resolveOptions(
  options: CleverTapPluginOptions,
  eager: EagerOptions,
  analytics: Analytics | undefined,
  pageOrigin: string | undefined,
): Validated<ResolvedOptions> {
  const workspace = workspaceSettings(analytics)
  if (!ACCOUNT_ID.test(eager.accountId)) return { ok: false, error: `accountId ${JSON.stringify(eager.accountId)} is not a CleverTap account id` }
  const region = normalizeRegion(options.region ?? workspace?.region, options.allowUnknownRegion === true)
  if (!region.ok) return region
  const targetDomain = validateTargetDomain(options.targetDomain)
  if (!targetDomain.ok) return targetDomain
  const sdkUrl = validateScriptUrl('sdkUrl', options.sdkUrl ?? (options.allowRemoteSdkUrl ? workspace?.sdkUrl : undefined), pageOrigin)
  if (!sdkUrl.ok) return sdkUrl
  const { optOut, useIP, domainSpecification } = options
  if (domainSpecification !== undefined && !(Number.isInteger(domainSpecification) && domainSpecification >= 2 && domainSpecification <= 10)) {
    return { ok: false, error: `domainSpecification must be a whole number of host name labels from 2 to 10, got ${JSON.stringify(domainSpecification)}` }
  }
  const transport: ResolvedOptions['transport'] = {}
  for (const flag of ['enableFetchApi', 'enableEncryptionInTransit', 'isolateSubdomain'] as const) if (options[flag] === true) transport[flag] = true
  if (domainSpecification !== undefined) transport.domainSpecification = domainSpecification
  return {
    ok: true,
    value: {
      ...eager,
      region: region.value,
      targetDomain: targetDomain.value,
      sdkUrl: sdkUrl.value,
      nonce: typeof options.nonce === 'string' ? options.nonce : undefined,
      translation: configure(options),
      privacy: typeof optOut === 'boolean' || typeof useIP === 'boolean' ? { optOut, useIP } : undefined,
      anonymousIdAsCustomId: options.anonymousIdAsCustomId === true,
      stampCleverTapId: options.stampCleverTapId === true,
      forwardEngagement: options.forwardEngagement === true,
      webPush: typeof options.webPush === 'object' && options.webPush !== null ? options.webPush : undefined,
      onTranslate: typeof options.onTranslate === 'function' ? options.onTranslate : undefined,
      transport,
    },
  }
}
