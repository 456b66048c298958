/**
 * Calls a page could not hand to CleverTap before it was left (the SDK had not arrived), kept in
 * localStorage for the next page of the same site, as analytics-next keeps its own queue. Each page
 * saves its batch under a key of its own when it is left and takes it back if it is shown again (the
 * back/forward cache). Taking the batches on a later page is the lazily loaded part's (carried-take.ts).
 */

export const CARRY_PREFIX = 'clevertap-segment-web:kept:'
/** How a Date is kept in JSON, so it comes back a Date. */
export const DATE_KEY = '$date'

/** Who the device was in Segment when the calls were saved; a batch is replayed only for the same. */
export interface Identity {
  anonymousId?: unknown
  userId?: unknown
}

export interface SavedBatch {
  savedAt: number
  identity: Identity
  calls: unknown[]
}

/** At most this many calls are carried, so the store stays far below localStorage's quota. */
export const CARRY_MAX_CALLS = 200

export interface PageBatch {
  /** Saves this page's unsent calls, replacing what it saved before. */
  save(calls: readonly unknown[], identity: Identity): void
  /**
   * Takes back what this page saved, now that it is shown again. False when a later page has taken it
   * meanwhile: those calls are that page's to deliver now.
   */
  reclaim(): boolean
}

export function pageBatch(scope: string, now: () => number = Date.now): PageBatch {
  const key = `${CARRY_PREFIX}${scope}:${now().toString(36)}${Math.random().toString(36).slice(2)}`
  let saved = false
  return {
    save(calls, identity) {
      try {
        saved = calls.length > 0
        if (!saved) return localStorage.removeItem(key)
        const batch: SavedBatch = { savedAt: now(), identity, calls: calls.slice(-CARRY_MAX_CALLS) }
        // A call's analytics-next context belongs to this page and is not kept.
        localStorage.setItem(key, JSON.stringify(batch, function (this: Record<string, unknown>, name, value: unknown) {
          const raw = this[name]
          return name === 'ctx' ? undefined : raw instanceof Date ? { [DATE_KEY]: raw.getTime() } : value
        }))
      } catch {
        // Storage blocked or full: these calls are not carried, as they would not be without this store.
      }
    },
    reclaim() {
      try {
        const mine = localStorage.getItem(key) !== null
        localStorage.removeItem(key)
        return mine || !saved
      } catch {
        return true
      }
    },
  }
}
