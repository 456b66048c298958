/**
 * Carried calls: calls kept when the visitor leaves the page before CleverTap could take them (a slow
 * network, an early click, or `loadOn` deferring the SDK by design) go on to the next page of the site,
 * as analytics-next keeps its own queue. Each page saves its batch in localStorage under a key of its own
 * when it is left, and takes it back if it is shown again (the back/forward cache). The next page's
 * engine takes the batches (src/lazy/carried-calls.ts) before its own calls, once CleverTap starts (so
 * never before consent), and only for the same Segment identity (so never onto another user's profile
 * after a reset). Off with analytics-next's `disableClientPersistence`.
 */
import type { Analytics } from '@segment/analytics-next'
import { onPageLeft, pageStorage } from './page'

export const CARRY_PREFIX = 'clevertap-segment-web:kept:'
/** How a Date is kept in JSON, so it comes back a Date. */
export const DATE_KEY = '$date'
/** At most this many calls are carried, so the store stays far below localStorage's quota. */
export const CARRY_MAX_CALLS = 200

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

export function identityOf(analytics: Analytics | undefined): Identity {
  const user = analytics?.user?.()
  return { anonymousId: user?.anonymousId?.() ?? undefined, userId: user?.id?.() ?? undefined }
}

/** The store's scope: one CleverTap account and one Segment source; undefined when analytics persists nothing. */
export function carryScope(analytics: Analytics, accountId: string): string | undefined {
  const options = analytics.options as { disableClientPersistence?: boolean } | undefined
  return options?.disableClientPersistence ? undefined : `${accountId}:${String(analytics.settings?.writeKey ?? '')}`
}

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
        if (!saved) return pageStorage().removeItem(key)
        const batch: SavedBatch = { savedAt: now(), identity, calls: calls.slice(-CARRY_MAX_CALLS) }
        // A call's analytics-next context belongs to this page and is not kept.
        pageStorage().setItem(key, JSON.stringify(batch, function (this: Record<string, unknown>, name, value: unknown) {
          const raw = this[name]
          return name === 'ctx' ? undefined : raw instanceof Date ? { [DATE_KEY]: raw.getTime() } : value
        }))
      } catch {
        // Storage blocked or full: these calls are not carried, as they would not be without this store.
      }
    },
    reclaim() {
      try {
        const mine = pageStorage().getItem(key) !== null
        pageStorage().removeItem(key)
        return mine || !saved
      } catch {
        return true
      }
    },
  }
}

/**
 * For a page that carries calls (unless analytics persists nothing): where earlier pages left calls for
 * this one and whose they must be (the identity this page started with), and the saving of this page's
 * own when it is left.
 */
export function carryFor(
  analytics: Analytics,
  accountId: string,
  unsent: () => readonly unknown[],
  forget: () => void,
): { carry: { scope: string; identity: Identity }; stop: () => void } | undefined {
  const scope = carryScope(analytics, accountId)
  return scope ? { carry: { scope, identity: identityOf(analytics) }, stop: carryOnLeaving(scope, analytics, unsent, forget) } : undefined
}

/** Saves what CleverTap has not taken when the page is left; returns a function that stops. */
function carryOnLeaving(scope: string, analytics: Analytics, unsent: () => readonly unknown[], forget: () => void): () => void {
  const batch = pageBatch(scope)
  return onPageLeft(
    () => batch.save(unsent(), identityOf(analytics)),
    () => {
      // Back from the back/forward cache: if a later page took the saved calls, they are delivered there.
      if (!batch.reclaim()) forget()
    },
  )
}
