/**
 * Getting a live CleverTap instance ready: readying the page for the SDK, reusing the page's own instance
 * or loading one, and initialising it once with everything its first request must already carry.
 */
import { applyCommands } from './apply'
import type { CleverTapClient } from './client'
import { liveClient, prepareStub } from './client'
import { atUrl } from './page-url'
import { loadScriptFor } from './load-script'
import { readyEarlierRequests, releaseStaleHold } from './backlog'
import { storageUsable } from './storage'

/** Produces the SDK instance: the npm module for the npm builds, a script URL (with a CSP nonce) otherwise. */
export type SdkSource = (nonce?: string) => Promise<CleverTapClient>

/** The CleverTap SDK's script, as CleverTap's snippet and CDN name it. */
const SDK_SCRIPT = /\/clevertap(\.min)?\.js(\?|$)/
/** Marks the script tags this package adds, so they are not taken for the page's own. */
const OURS = 'data-clevertap-segment'

/** The CleverTap SDK from a script URL (its CDN, or a copy the site hosts). */
export function scriptSource(url: string): SdkSource {
  return (nonce) => loadScriptFor(url, liveClient, nonce, OURS)
}

/** What CleverTap's init is given, all of it resolved. */
export interface InitSettings {
  accountId: string
  region?: string
  targetDomain?: string
  /** CleverTap's custom id for a device it has not seen. */
  customId?: string
  /** CleverTap's init flags for transport and cookies (`enableFetchApi`, `enableEncryptionInTransit`, `isolateSubdomain`, `domainSpecification`). */
  flags?: Record<string, unknown>
  debug: boolean
  privacy?: { optOut?: boolean; useIP?: boolean }
  library: { name: string; version: string }
  /** The URL the first page view should name: where the load's first page call was made. */
  landingUrl?: string
}

/** The SDK's most detailed log level. */
const SDK_DEBUG_LOG_LEVEL = 3

/**
 * Readies the page for a CleverTap copy about to load: refuses a page whose storage is blocked (the SDK
 * would throw into it), readies the requests the SDK kept from earlier pages (backlog.ts) and makes a
 * snippet's stub safe to adopt. Must run before the SDK evaluates. Nothing to do when one is live.
 * Returns the numbers the requests kept from earlier pages have now.
 */
export function readyPageForSdk(accountId: string, log: { warn(message: string): void; debug(message: string): void }): string[] {
  if (liveClient()) return []
  if (!storageUsable()) throw new Error('this page may not use storage (site data blocked), which the CleverTap SDK needs')
  if (releaseStaleHold()) log.debug('released a request hold left by an unanswered earlier visit')
  const earlier = readyEarlierRequests()
  if (earlier.renumbered > 0) log.debug(`${earlier.renumbered} requests kept from earlier pages go after this page's first`)
  const { stubAccountId } = prepareStub()
  if (stubAccountId && stubAccountId !== accountId) {
    log.warn(`the page's own CleverTap snippet uses account ${stubAccountId}; it takes precedence over ${accountId}`)
  }
  return earlier.numbers
}

/** A CleverTap SDK script the page itself is loading (CleverTap's own snippet adds one). */
function pageSdkScript(): HTMLScriptElement | undefined {
  return Array.from(document.getElementsByTagName('script')).find((script) => SDK_SCRIPT.test(script.src) && !script.hasAttribute(OURS))
}

/** How often the plugin looks whether the page's own CleverTap SDK has become live. */
const SNIPPET_POLL_MS = 50

/**
 * The SDK of the page's own CleverTap snippet, once it is live; undefined if its script fails. A large
 * script runs well after its download ends (more so on a slow phone), so its download says nothing: only
 * a live `window.clevertap` does. Waits as long as the plugin waits for CleverTap (`given up`).
 */
function snippetSdk(script: HTMLScriptElement, givenUp: () => boolean): Promise<CleverTapClient | undefined> {
  return new Promise((resolve) => {
    let failed = false
    script.addEventListener('error', () => (failed = true))
    const look = () => {
      const live = liveClient()
      if (live || failed || givenUp()) resolve(live)
      else setTimeout(look, SNIPPET_POLL_MS)
    }
    look()
  })
}

/**
 * The page's live instance; else the one the page's own CleverTap snippet is loading, once it is live (a
 * second copy next to it would re-initialise `window.clevertap`, record a second page view, and now and
 * then block the first); else a new one from the source.
 */
export async function obtainClient(source: SdkSource, nonce: string | undefined, givenUp: () => boolean): Promise<CleverTapClient> {
  const live = liveClient()
  if (live) return live
  const loading = pageSdkScript()
  if (loading) {
    const adopted = await snippetSdk(loading, givenUp)
    if (adopted) return adopted
    if (givenUp()) throw new Error("the page's own CleverTap SDK did not become live in time")
  }
  return source(nonce)
}

/** Initialises the instance once; one already initialised (by the site) is used as it is. */
export function initClient(client: CleverTapClient, setup: InitSettings, warn: (message: string) => void): void {
  const current = client.getAccountID()
  if (current) {
    if (current !== setup.accountId) warn(`CleverTap is already initialised with account ${current}; events go there`)
    return
  }
  // Segment's page calls drive page views; the SDK's own click/popstate detection would double them.
  client.spa = false
  // Attribution rides on every request, the init page view included.
  client.setLibrary?.(setup.library.name, setup.library.version)
  if (setup.debug) client.setLogLevel?.(SDK_DEBUG_LOG_LEVEL)
  // Queued by the SDK until init, so its very first request already carries them.
  if (setup.privacy) applyCommands(client, [{ kind: 'privacy', ...setup.privacy }])
  // init records the load's first page view, at the URL of the load's first page call.
  atUrl(setup.landingUrl, () =>
    client.init(setup.accountId, setup.region, setup.targetDomain, undefined, { ...setup.flags, ...(setup.customId ? { customId: setup.customId } : {}) }),
  )
}
