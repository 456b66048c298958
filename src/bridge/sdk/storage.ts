/**
 * What the CleverTap SDK keeps in the browser's storage, read and repaired here only. The SDK stores each
 * value as URI-encoded JSON under these keys (clevertap.js constants of the same names).
 */

/** The persisted request hold (`BLOCK_REQUEST_COOKIE`). */
export const BLOCK_KEY = 'WZRK_BLOCK'
/** The device's CleverTap ID (`GCOOKIE_NAME`). */
export const GUID_KEY = 'WZRK_G'
/** The requests the SDK has sent or will send and not yet seen answered, by request number (`LCOOKIE_NAME`). */
export const REQUESTS_KEY = 'WZRK_L'
/** Bookkeeping; `OUL_REQUESTS` lists the logins the SDK has kept to send (`META_COOKIE`). */
export const META_KEY = 'WZRK_META'
/** The SDK's local copy of the profile (`PR_COOKIE`). */
export const PROFILE_KEY = 'WZRK_PR'
/** The identities the SDK logged in with, and their CleverTap IDs (its LRU cache). */
export const IDENTITIES_KEY = 'WZRK_X'
/**
 * What CleverTap's server last told the SDK about this account (`ARP_COOKIE`). Since 2.7.3 it names the
 * events the server discards (`d_e`), each as base64 of its name XORed with DISCARD_MASK.
 */
export const ARP_KEY = 'WZRK_ARP'
const DISCARD_MASK = 'WZRK2014WZRK'

export function sdkStorage(): Storage | undefined {
  return typeof window === 'undefined' ? undefined : window.localStorage
}

/**
 * Whether the page may use storage at all. With site data blocked, reading `localStorage` throws
 * (`SecurityError`), and so would the SDK, into the page, as it loads.
 */
export function storageUsable(): boolean {
  try {
    const store = sdkStorage()
    if (!store) return false
    store.getItem(GUID_KEY)
    return true
  } catch {
    return false
  }
}

/**
 * What the SDK keeps under `key`; undefined when absent. Throws when storage is unreadable or the value
 * is not the SDK's encoding (e.g. encrypted).
 */
export function readSdkStorage(key: string): unknown {
  const stored = sdkStorage()?.getItem(key)
  if (stored === null || stored === undefined) return undefined
  return JSON.parse(decodeURIComponent(stored))
}

/**
 * The identity this device is logged in as in CleverTap: the SDK keeps each identity it logged in with
 * and its CleverTap ID (`WZRK_X`, `cache: [[identity, id], …]`); the current one has the device's ID.
 * Undefined when anonymous or unknown.
 */
export function loggedInIdentity(): string | undefined {
  try {
    const guid = readSdkStorage(GUID_KEY)
    const cache = (readSdkStorage(IDENTITIES_KEY) as { cache?: unknown } | undefined)?.cache
    if (typeof guid !== 'string' || !Array.isArray(cache)) return undefined
    const entry = cache.find((item): item is [string, string] => Array.isArray(item) && typeof item[0] === 'string' && item[1] === guid)
    return entry?.[0]
  } catch {
    return undefined
  }
}

/**
 * Whether the device has a CleverTap ID. Until CleverTap's answer brings one, the SDK sends nothing but
 * its first request (and the one right after a clear): it keeps the rest and sends them together once
 * the ID comes, all stamped with that one ID, whatever logins were among them.
 */
export function deviceIdKnown(): boolean {
  try {
    const guid = readSdkStorage(GUID_KEY)
    return typeof guid === 'string' && guid !== ''
  } catch {
    return true
  }
}

/** The numbers of the SDK's requests that still wait for CleverTap's answer (none when unknown). */
export function unansweredNumbers(): string[] {
  try {
    const kept = readSdkStorage(REQUESTS_KEY)
    return typeof kept === 'object' && kept !== null ? Object.keys(kept) : []
  } catch {
    return []
  }
}

/** How many of the SDK's requests still wait for CleverTap's answer (0 when none, or unknown). */
export function unansweredRequests(): number {
  return unansweredNumbers().length
}

/** What the SDK's storage says about the answers it waits for, each value read once. */
export interface AwaitedAnswers {
  /** The device has its CleverTap ID (deviceIdKnown). */
  deviceId: boolean
  /**
   * The SDK was cleared and has not sent a request since: the next request that records something (an
   * event, a profile) carries the reset (`rc`) and goes out at once, and its answer brings the new ID.
   */
  clearPending: boolean
  /** The numbers of the requests that still wait for an answer. */
  unanswered: string[]
  /**
   * A login the SDK was given still waits for its answer, sent or not: the SDK keeps a login's request
   * (listed in `OUL_REQUESTS`) until it is answered, and holds it unsent until the visit's first request
   * is answered. Its answer sets the device's CleverTap ID, so a clear must not come first.
   */
  loginUnanswered: boolean
}

export function awaitedAnswers(): AwaitedAnswers {
  let meta: { OUL_REQUESTS?: unknown; clear?: unknown } | undefined
  try {
    meta = readSdkStorage(META_KEY) as typeof meta
  } catch {
    // Unreadable: no login or clear is known to pend.
  }
  const unanswered = unansweredNumbers()
  const logins = meta?.OUL_REQUESTS
  return {
    deviceId: deviceIdKnown(),
    clearPending: meta?.clear === true,
    unanswered,
    loginUnanswered: Array.isArray(logins) && logins.some((number) => unanswered.includes(String(number))),
  }
}

/**
 * The event names CleverTap's server discards for this account, lower-cased (the SDK compares them so);
 * empty when it named none or it cannot be read. clevertap-web-sdk 2.7.3 and later refuse these events
 * (its error 513); the server ignores them from any SDK.
 */
export function discardedEventNames(): Set<string> {
  try {
    const listed = (readSdkStorage(ARP_KEY) as { d_e?: unknown } | undefined)?.d_e
    if (!Array.isArray(listed)) return new Set()
    const names = listed.filter((item): item is string => typeof item === 'string').map((encoded) => {
      const masked = atob(encoded)
      const bytes = Uint8Array.from(masked, (char, i) => char.charCodeAt(0) ^ DISCARD_MASK.charCodeAt(i % DISCARD_MASK.length))
      return new TextDecoder().decode(bytes).toLowerCase()
    })
    return new Set(names)
  } catch {
    return new Set()
  }
}

/**
 * Whether the SDK's local copy of the profile has the property. Unknown (storage unreadable or
 * encrypted) counts as present, leaving the decision to the SDK.
 */
export function hasLocalProperty(key: string): boolean {
  try {
    const profile = readSdkStorage(PROFILE_KEY)
    return typeof profile === 'object' && profile !== null && Object.prototype.hasOwnProperty.call(profile, key)
  } catch {
    return true
  }
}
