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
import type { Entry, Identity } from './engine-port'

export type { Identity }
import { bound, isReset } from './kept-calls'
import { onPageLeft, pageStorage } from './page'

export const CARRY_PREFIX = 'clevertap-segment-web:kept:'
/** How a Date is kept in JSON, so it comes back a Date. */
export const DATE_KEY = '$date'
/** At most this many calls are carried, so the store stays far below localStorage's quota. */
export const CARRY_MAX_CALLS = 200
/**
 * CleverTap's session ends after 20 minutes without activity (clevertap.js `SCOOKIE_EXP_TIME_IN_SECS`): a
 * call older than that would land in another session, and is not kept longer than a request would be.
 */
export const CARRY_MAX_AGE_MS = 20 * 60 * 1000


export interface SavedBatch {
  savedAt: number
  /** The Segment identity when the page was left, and when it started (`from`, absent in older builds). */
  identity: Identity
  from?: Identity
  calls: unknown[]
}

/**
 * A batch's key names its scope and when its youngest call expires, so stale batches are found and
 * removed, on any page of the site, without reading them.
 */
const batchKey = (scope: string, expires: number) => `${CARRY_PREFIX}${scope}:${expires.toString(36)}:${Math.random()}`
const expiryOf = (key: string) => parseInt(key.split(':').reverse()[1], 36)

/**
 * Removes carried batches: every expired one of any scope, and every call of `scope` (the visitor withdrew
 * consent) but its resets, which still decide whose profile the calls made after consent returns reach.
 */
export function purgeCarried(scope?: string, now = Date.now()): void {
  try {
    for (const key of Object.keys(pageStorage())) {
      if (!key.startsWith(CARRY_PREFIX)) continue
      let batch: SavedBatch | undefined
      if (expiryOf(key) > now) {
        if (!key.startsWith(`${CARRY_PREFIX}${scope}:`)) continue
        try {
          const read = JSON.parse(pageStorage().getItem(key)!) as SavedBatch
          read.calls = (read.calls as Entry[]).filter(isReset)
          // Whose page it started as is not kept either: an older batch it would lead to holds only resets
          // too, and the newest reset is the one that counts.
          batch = { ...read, from: undefined }
        } catch {
          // Unreadable: nothing of it can be kept.
        }
      }
      if (batch?.calls.length) pageStorage().setItem(key, JSON.stringify(batch))
      else pageStorage().removeItem(key)
    }
  } catch {
    // Storage blocked: nothing was carried.
  }
}

export function identityOf(analytics: Analytics | undefined): Identity {
  const user = analytics?.user?.()
  // Either may be null: batches are matched with null and absent alike (src/lazy/carried-calls.ts).
  return { anonymousId: user?.anonymousId?.(), userId: user?.id?.() }
}

/** The store's scope: one CleverTap account and one Segment source; undefined when analytics persists nothing. */
export function carryScope(analytics: Analytics, accountId: string): string | undefined {
  const options = analytics.options as { disableClientPersistence?: boolean } | undefined
  return options?.disableClientPersistence ? undefined : `${accountId}:${analytics.settings?.writeKey}`
}

export interface PageBatch {
  /** Saves this page's unsent calls, replacing what it saved before. */
  save(entries: readonly Entry[], identity: Identity, from: Identity): void
  /**
   * Takes back what this page saved, now that it is shown again. False when a later page has taken it
   * meanwhile: those calls are that page's to deliver now.
   */
  reclaim(): boolean
}

export function pageBatch(scope: string, now: () => number = Date.now): PageBatch {
  let key: string | undefined
  let saved = false
  return {
    save(entries, identity, from) {
      try {
        if (key) pageStorage().removeItem(key)
        // A consent change is this page's; the next page hears the visitor's choice from its own calls.
        // Within the bound, resets and logins stay: they decide whose profile the rest lands on.
        const calls = entries.filter((entry) => !('consent' in entry))
        bound(calls, CARRY_MAX_CALLS)
        saved = calls.length > 0
        if (!saved) return
        const at = now()
        // The batch expires with its youngest call (or now, when none has its time).
        key = batchKey(scope, (Math.max(...calls.map((call) => +(call as { at: number }).at || 0)) || at) + CARRY_MAX_AGE_MS)
        // A call's analytics-next context belongs to this page and is not kept. A call that cannot be
        // written (its data has a cycle, or a value that cannot be read) is not carried; the others are.
        const written = calls.flatMap((call) => {
          try {
            return [JSON.stringify(call, function (this: Record<string, unknown>, name, value: unknown) {
              const raw = this[name]
              return name === 'ctx' ? undefined : raw instanceof Date ? { [DATE_KEY]: raw.getTime() } : value
            })]
          } catch {
            return []
          }
        })
        pageStorage().setItem(key, `{"savedAt":${at},"identity":${JSON.stringify(identity)},"from":${JSON.stringify(from)},"calls":[${written}]}`)
      } catch {
        // Storage blocked or full: these calls are not carried, as they would not be without this store.
      }
    },
    reclaim() {
      try {
        const mine = key !== undefined && pageStorage().getItem(key) !== null
        if (key) pageStorage().removeItem(key)
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
  unsent: () => readonly Entry[],
  forget: () => void,
): { carry: { scope: string; identity: Identity }; stop: () => void } | undefined {
  const scope = carryScope(analytics, accountId)
  const identity = identityOf(analytics)
  return scope ? { carry: { scope, identity }, stop: carryOnLeaving(scope, analytics, unsent, forget, identity) } : undefined
}

/** Saves what CleverTap has not taken when the page is left; returns a function that stops. */
function carryOnLeaving(scope: string, analytics: Analytics, unsent: () => readonly Entry[], forget: () => void, from: Identity): () => void {
  const batch = pageBatch(scope)
  return onPageLeft(
    () => batch.save(unsent(), identityOf(analytics), from),
    () => {
      // Back from the back/forward cache: if a later page took the saved calls, they are delivered there.
      if (!batch.reclaim()) forget()
    },
  )
}
