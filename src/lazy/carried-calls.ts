/**
 * Carried calls, the taking side: the calls earlier pages left (src/plugin/carried-calls.ts), taken once
 * the next page starts CleverTap: every batch of this scope, oldest first, once across tabs (each batch
 * claimed with a Web Lock where the browser has them). A batch is this page's when it was saved under
 * the Segment identity this page started with, or under the one a later batch of this page's started
 * with (a page that did not start CleverTap, waiting for consent, carried its reset and left the calls
 * before it where they were). Any other is dropped, never replayed onto the next visitor's profile. A
 * call older than CleverTap's session is dropped by its own age, however often it was saved again.
 */
import type { Identity, SavedBatch } from '../plugin/carried-calls'
import { CARRY_MAX_AGE_MS, CARRY_PREFIX, DATE_KEY } from '../plugin/carried-calls'
import { pageStorage } from '../plugin/page'
import { webLocks } from './page'

function decode(text: string | null): SavedBatch | undefined {
  const batch = JSON.parse(text ?? 'null', (_key, value: unknown) => {
    const date = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[DATE_KEY] : undefined
    return typeof date === 'number' && Object.keys(value as object).length === 1 ? new Date(date) : value
  }) as SavedBatch | null
  return batch && Array.isArray(batch.calls) ? batch : undefined
}

const sameIdentity = (a: Identity, b: Identity) => (a.anonymousId ?? null) === (b.anonymousId ?? null) && (a.userId ?? null) === (b.userId ?? null)

/**
 * How long a tab holds its claim on a batch it took. Another tab's copy of localStorage may still show
 * the batch for a moment after it was removed (storage and locks travel separately between processes);
 * the claim outlasts that by far. Held only by a page that found batches, so rarely.
 */
export const CLAIM_HOLD_MS = 10_000

/** True when this tab may take the batch under `key`: no other tab holds it (Web Locks decide it once across tabs). */
function claim(locks: LockManager | undefined, key: string): Promise<boolean> {
  if (!locks) return Promise.resolve(true)
  return new Promise((resolve) => {
    locks
      .request(key, { ifAvailable: true }, (lock) => {
        resolve(lock !== null)
        return lock && new Promise<void>((release) => setTimeout(release, CLAIM_HOLD_MS))
      })
      .catch(() => resolve(true))
  })
}

export async function takeCarried(scope: string, identity: Identity, dropped: (why: string) => void, now: () => number = Date.now): Promise<unknown[]> {
  const locks = webLocks()
  const batches: SavedBatch[] = []
  try {
    for (const key of Object.keys(pageStorage()).filter((k) => k.startsWith(`${CARRY_PREFIX}${scope}:`))) {
      if (!(await claim(locks, key))) continue
      try {
        const batch = decode(pageStorage().getItem(key))
        if (batch) batches.push(batch)
      } catch {
        dropped('a batch of calls left by an earlier page could not be read')
      }
      pageStorage().removeItem(key)
    }
  } catch {
    return []
  }
  // Newest first, the identities this page's batches may have been left under.
  const ours = new Set<SavedBatch>()
  const wanted = [identity]
  for (const batch of [...batches].sort((a, b) => b.savedAt - a.savedAt)) {
    if (!wanted.some((id) => sameIdentity(batch.identity ?? {}, id))) continue
    ours.add(batch)
    if (batch.from) wanted.push(batch.from)
  }
  const calls: unknown[] = []
  const at = now()
  let expired = 0
  for (const batch of batches.sort((a, b) => a.savedAt - b.savedAt)) {
    if (!ours.has(batch)) {
      dropped(`${batch.calls.length} calls left by an earlier page belong to another Segment identity`)
      continue
    }
    for (const call of batch.calls) {
      // A call's own time where it has one (an older build's calls have the batch's).
      const made = (call as { at?: unknown } | null)?.at
      if (at - (typeof made === 'number' ? made : batch.savedAt) > CARRY_MAX_AGE_MS) expired++
      else calls.push(call)
    }
  }
  if (expired > 0) dropped(`${expired} calls left by an earlier page expired`)
  return calls
}
