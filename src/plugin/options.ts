/**
 * The plugin's options, and the few of them the page needs before CleverTap loads: when to load it, how
 * long to wait, how many calls to keep, whether to log, and which consent it waits for. Everything else
 * (account, region, proxy, script URL, the translation's and the features' options) is checked and
 * resolved once, by the lazily loaded engine (src/lazy/options.ts), so its checks and their messages cost
 * the page nothing up front.
 */
import type { CleverTapRegion } from '../bridge/translation/hosts'
import type { NestedStrategy } from '../bridge/translation/values'
import type { CleverTapCommand } from '../bridge/translation/commands'
import type { SegmentEventLike } from '../bridge/translation/types'
import type { WorkspaceSettings } from './workspace'

export type { WorkspaceSettings } from './workspace'

export type { CleverTapRegion }

/** What the plugin produced for one Segment call, for inspection tools such as the demo. */
export interface TranslationReport {
  event: SegmentEventLike
  commands: readonly CleverTapCommand[]
  notes: readonly string[]
}

export interface CleverTapPluginOptions {
  /** CleverTap account id (Settings → Project in the CleverTap dashboard). Falls back to the workspace's `clevertap_account_id`. */
  accountId?: string
  /**
   * CleverTap region: `eu1` (default), `in1`, `us1`, `sg1`, `aps3`, `mec1`, `sk1`. The catalog's `in.` form
   * is accepted; a region newer than this version, with `allowUnknownRegion`.
   */
  region?: CleverTapRegion | (string & Record<never, never>)
  /** Accept a region that is not in the list above (a region newer than this version). Off: an unknown region is an error and nothing is sent. */
  allowUnknownRegion?: boolean
  /** A proxy host that forwards to CleverTap (hostname only, served over https). */
  targetDomain?: string
  /** Where to load the SDK script from. Default: the npm module (ESM/CJS) or CleverTap's CDN (script build). */
  sdkUrl?: string
  /** Give up loading CleverTap after this long (ms). Default 10000. */
  loadTimeoutMs?: number
  /** Log every decision to the console with a `[CleverTap]` prefix. */
  debug?: boolean
  /** Track events sent as CleverTap's `Charged`. Default `['Order Completed']`, case-insensitive. */
  chargedEvents?: string[]
  /** Country code for phone numbers without one, e.g. `+1`. Without it such numbers are omitted. */
  defaultCountryCode?: string
  /** Also send each page as a custom event: `true` for `Web Page Viewed`, or a name. Default off. */
  pageEvent?: boolean | string
  /**
   * Shape data as Segment's cloud-mode CleverTap destination does, for workspaces that send the same users
   * from servers or apps: custom keys in lower snake_case, pages as `Web Page Viewed` events (unless
   * `pageEvent` says otherwise), screens as `App Screen Viewed`. Default off.
   */
  cloudModeCompatible?: boolean
  /** Turn ISO-8601 date-time strings into CleverTap dates. Default true. */
  convertDateStrings?: boolean
  /** Nested objects: `flatten` (default, `a.b` → `a_b`), `stringify`, `drop`, or `keep`. */
  nested?: NestedStrategy
  /** Prefix for group traits on the profile. Default `Group `. */
  groupTraitPrefix?: string
  /** Most calls kept while CleverTap loads, and most commands waiting for its answers (oldest events go first). Default 1000. */
  maxBufferSize?: number
  /** A CSP nonce for the SDK script tag. */
  nonce?: string
  /** Script build only: where its second file (`clevertap-segment-web.engine.min.js`) is. Default: next to the first. */
  engineUrl?: string
  /** Accept `sdkUrl` from the workspace's remote settings. Off: a remote setting must not choose a script host. */
  allowRemoteSdkUrl?: boolean
  /** Called with what each Segment call became. */
  onTranslate?: (report: TranslationReport) => void
  /**
   * The in-page inspector, for QA on the real site: each Segment call, what the plugin made of it and the
   * requests CleverTap sent, decoded. `true` opens it; default: opened per tab by `?clevertap_inspector=1`;
   * `false` forbids that.
   */
  inspector?: boolean
  /**
   * Consent categories CleverTap needs (e.g. `['Marketing']`); default: the workspace's consent settings.
   * While any is not granted on an event's `context.consent.categoryPreferences`, CleverTap is neither
   * loaded nor sent anything.
   */
  consentCategories?: string[]
  /**
   * When to load CleverTap: `ready` (default: once analytics is ready and the browser is next idle, at most
   * 2 s later), `idle` (after the page's load event, when the browser is idle), or `event` (at the first call).
   */
  loadOn?: LoadOn
  /** CleverTap's privacy flags: opt this device out, and whether CleverTap may use the IP address. */
  optOut?: boolean
  useIP?: boolean
  /**
   * Use Segment's anonymousId as CleverTap's custom id on a device CleverTap has not seen, so profiles
   * made in the browser carry an id Segment's server-side data shares. Existing devices keep theirs.
   */
  anonymousIdAsCustomId?: boolean
  /**
   * Send CleverTap's requests with `fetch` instead of script tags (JSONP), for a CSP that allows
   * `connect-src` to CleverTap's host but no scripts from it. CleverTap's `enableFetchApi`.
   */
  enableFetchApi?: boolean
  /**
   * Encrypt each request's data (AES-GCM, in the browser) on its way to CleverTap; implies fetch. Needs
   * encryption in transit enabled for the account, else the SDK falls back to plain requests. CleverTap's
   * `enableEncryptionInTransit`.
   */
  enableEncryptionInTransit?: boolean
  /** Keep CleverTap's device cookie on this exact host, not shared with sibling subdomains. CleverTap's `isolateSubdomain`. */
  isolateSubdomain?: boolean
  /**
   * How many labels of the host name CleverTap's device cookie is set for: `2` shares it across
   * `*.example.com`, `3` keeps it to `*.shop.example.com`. CleverTap's `domainSpecification`.
   */
  domainSpecification?: number
  /** Stamp CleverTap's id on every Segment event as `context.clevertap.id`, once it is known. */
  stampCleverTapId?: boolean
  /**
   * Ask for web push permission through CleverTap once it has loaded (never before consent). The site
   * hosts CleverTap's service worker at `serviceWorkerPath` (default `/clevertap_sw.js`).
   */
  webPush?: WebPushOptions
  /**
   * Send the CleverTap engagement the browser sees to Segment as track events, named as CleverTap's Export
   * names them (`Notification Viewed`, …) and marked `forwarded_by`. They are never sent back to CleverTap.
   * Default off.
   */
  forwardEngagement?: boolean
}

/** CleverTap's own web push options (`clevertap.notifications.push`). */
export interface WebPushOptions {
  titleText?: string
  bodyText?: string
  okButtonText?: string
  rejectButtonText?: string
  okButtonColor?: string
  askAgainTimeInSeconds?: number
  skipDialog?: boolean
  serviceWorkerPath?: string
  /** Safari (APNs) */
  apnsWebPushId?: string
  apnsWebPushServiceUrl?: string
  okCallback?: () => void
  rejectCallback?: () => void
  subscriptionCallback?: () => void
  [option: string]: unknown
}

/** What the plugin resolves up front; the engine takes these as they are. */
/** When CleverTap loads (the `loadOn` option; schedule.ts). */
export type LoadOn = 'ready' | 'idle' | 'event'

export interface EagerOptions {
  /** As given (code, else workspace), trimmed; its form is checked by the engine. */
  accountId: string
  loadTimeoutMs: number
  debug: boolean
  maxBufferSize: number
  consentCategories: string[]
  loadOn: LoadOn
}

export const DEFAULT_LOAD_TIMEOUT_MS = 10_000
export const DEFAULT_BUFFER_SIZE = 1000

/** The value when it is a positive number, else the fallback. */
export function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback
}

export const NO_ACCOUNT_ID = 'no accountId (options or Segment workspace)'

/** The categories given in code, else those the workspace maps CleverTap to (Segment's `consentSettings`). */
function consentCategories(options: CleverTapPluginOptions, workspace: WorkspaceSettings | undefined): string[] {
  const categories: unknown = Array.isArray(options.consentCategories) ? options.consentCategories : workspace?.consentSettings?.categories
  return Array.isArray(categories) ? categories.filter((c): c is string => typeof c === 'string') : []
}

/** Options given in code win over workspace settings. Undefined without an account id. */
export function eagerOptions(options: CleverTapPluginOptions, workspace: WorkspaceSettings | undefined): EagerOptions | undefined {
  const accountId = options.accountId ?? workspace?.clevertap_account_id
  if (typeof accountId !== 'string' || !accountId.trim()) return undefined
  return {
    accountId: accountId.trim(),
    loadTimeoutMs: positive(options.loadTimeoutMs, DEFAULT_LOAD_TIMEOUT_MS),
    debug: options.debug === true,
    maxBufferSize: Math.floor(positive(options.maxBufferSize, DEFAULT_BUFFER_SIZE)),
    consentCategories: consentCategories(options, workspace),
    loadOn: options.loadOn === 'idle' || options.loadOn === 'event' ? options.loadOn : 'ready',
  }
}
