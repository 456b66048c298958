/**
 * The requests the SDK kept from earlier pages (its backup, `WZRK_L`), readied at a page load before the
 * SDK starts. At that moment none of them is in flight, whatever the SDK's marks say; the SDK itself
 * assumes otherwise in two ways that stop a visit's requests for good or for seconds on every page.
 */
import type { CleverTapClient } from './client'
import { BLOCK_KEY, deviceIdKnown, GUID_KEY, META_KEY, readSdkStorage, REQUESTS_KEY, sdkStorage, unansweredNumbers } from './storage'

/** Where requests kept from earlier pages are renumbered to: far above the numbers one page uses. */
export const EARLIER_REQUESTS_FROM = 1_000_000

interface KeptRequest {
  q?: unknown
  fired?: unknown
}

const write = (key: string, value: unknown) => sdkStorage()?.setItem(key, encodeURIComponent(JSON.stringify(value)))

/** The request numbers of the logins the SDK keeps (`OUL_REQUESTS`) that are still in its backup. */
function keptLogins(kept: Record<string, KeptRequest>): number[] {
  const logins = (readSdkStorage(META_KEY) as { OUL_REQUESTS?: unknown } | undefined)?.OUL_REQUESTS
  return Array.isArray(logins) ? logins.filter((n) => Object.prototype.hasOwnProperty.call(kept, String(n))) : []
}

/**
 * The SDK holds every request until its first one is answered, and persists that hold. When the first
 * request of a visit is never answered (ad blocker, offline, tab closed), the hold survives into later
 * page loads, where it stops every request for good, even with CleverTap reachable. A hold without a
 * CleverTap ID is stale at a page load: releasing it lets the page's first request go out, its answer
 * brings the ID, and the SDK then sends the requests it kept from earlier pages. A hold with a kept login
 * is left alone: the SDK sends kept logins first by itself when it starts under a hold.
 */
export function releaseStaleHold(): boolean {
  try {
    if (readSdkStorage(BLOCK_KEY) !== true || readSdkStorage(GUID_KEY) !== undefined) return false
    const kept = readSdkStorage(REQUESTS_KEY)
    if (typeof kept === 'object' && kept !== null && keptLogins(kept as Record<string, KeptRequest>).length > 0) return false
    sdkStorage()?.removeItem(BLOCK_KEY)
    return true
  } catch {
    return false
  }
}

export interface EarlierRequests {
  /** The numbers they are kept under now. */
  numbers: string[]
  /** How many were renumbered. */
  renumbered: number
}

/**
 * Readies the kept requests for this page.
 *
 * - The SDK sends a kept request once and marks it sent (`fired`), in storage: one whose answer never
 *   came (the page was left first) would never be sent again, and would count as unanswered for ever.
 *   The marks are removed, so the SDK sends such requests again once it has the device's CleverTap ID.
 * - The SDK numbers a page's requests from 1, skipping the numbers its backup holds, and while the device
 *   has no CleverTap ID it holds the page's first request for up to 10 s when a lower number looks
 *   unanswered. Requests kept without an ID (a visit whose first request was never answered) would so
 *   delay the first request of every later page by 10 s, and a visitor who moves on sooner would never
 *   reach CleverTap. They are renumbered above this page's numbers (in their URL too, which the answer
 *   names them by), so the page's first request goes at once and brings the ID; the SDK then sends them.
 *   Not when a login is kept: the SDK sends kept logins first, and takes their answer only under a low
 *   number.
 */
export function readyEarlierRequests(): EarlierRequests {
  try {
    const kept = readSdkStorage(REQUESTS_KEY)
    if (typeof kept !== 'object' || kept === null) return { numbers: [], renumbered: 0 }
    const requests = kept as Record<string, KeptRequest>
    const renumber = readSdkStorage(GUID_KEY) === undefined && keptLogins(requests).length === 0
    const ready: Record<string, KeptRequest> = {}
    let renumbered = 0
    // Integer keys enumerate in ascending order, so the requests keep their order.
    for (const [key, request] of Object.entries(requests)) {
      const { fired: _sent, ...unsent } = request ?? {}
      const number = Number(key)
      if (!renumber || !Number.isInteger(number) || number >= EARLIER_REQUESTS_FROM || typeof unsent.q !== 'string') {
        ready[key] = unsent
        continue
      }
      const moved = EARLIER_REQUESTS_FROM + number
      ready[moved] = { ...unsent, q: unsent.q.replace(/([?&])rn=\d+/, `$1rn=${moved}`) }
      renumbered++
    }
    write(REQUESTS_KEY, ready)
    return { numbers: Object.keys(ready), renumbered }
  } catch {
    return { numbers: [], renumbered: 0 }
  }
}

/**
 * Once the SDK started on a device with a CleverTap ID: has it send at once the requests it kept from
 * earlier pages (`earlier`), and returns the numbers of every request still unanswered, for this page's
 * own commands to wait on. The SDK would send the kept ones only at its first check, 3 s after it starts,
 * after what this page sent meanwhile: a login the last page could not send would then follow the events
 * its user made here, and all would carry the device's ID of that moment. Going offline and back makes
 * the SDK send every kept request it has not marked sent; this page's own requests, sent as it started,
 * are marked so first, as the SDK marks what it sends so. Without an ID the SDK sends the kept ones when
 * its first answer brings one.
 */
export function sendEarlierRequests(client: CleverTapClient, earlier: readonly string[]): string[] {
  try {
    const kept = readSdkStorage(REQUESTS_KEY) as Record<string, KeptRequest> | undefined
    if (deviceIdKnown() && typeof client.setOffline === 'function' && kept && earlier.some((number) => number in kept)) {
      for (const [number, request] of Object.entries(kept)) if (!earlier.includes(number) && request) request.fired = true
      write(REQUESTS_KEY, kept)
      client.setOffline(true)
      client.setOffline(false)
    }
  } catch {
    // The SDK sends them at its own check.
  }
  return unansweredNumbers()
}
