/**
 * Taking the calls earlier pages left (carried-calls.ts), once the next page starts CleverTap: every
 * batch of this scope, oldest first, once across tabs (under a Web Lock where the browser has them).
 * A batch saved under another Segment identity is dropped, never replayed onto the next visitor's
 * profile, and so is one older than CleverTap's session.
 */
import type { Identity, SavedBatch } from './carried-calls'
import { CARRY_PREFIX, DATE_KEY } from './carried-calls'

/** CleverTap's session ends after 20 minutes without activity (clevertap.js `SCOOKIE_EXP_TIME_IN_SECS`); an older call would land in another session. */
export const CARRY_MAX_AGE_MS = 20 * 60 * 1000

function decode(text: string | null): SavedBatch | undefined {
  const batch = JSON.parse(text ?? 'null', (_key, value: unknown) => {
    const date = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[DATE_KEY] : undefined
    return typeof date === 'number' && Object.keys(value as object).length === 1 ? new Date(date) : value
  }) as SavedBatch | null
  return batch && Array.isArray(batch.calls) ? batch : undefined
}

const sameIdentity = (a: Identity, b: Identity) => (a.anonymousId ?? null) === (b.anonymousId ?? null) && (a.userId ?? null) === (b.userId ?? null)

function takeNow(scope: string, identity: Identity, dropped: (why: string) => void, now: number): unknown[] {
  const prefix = `${CARRY_PREFIX}${scope}:`
  const batches: SavedBatch[] = []
  for (const key of Object.keys(localStorage).filter((k) => k.startsWith(prefix))) {
    try {
      const batch = decode(localStorage.getItem(key))
      if (batch) batches.push(batch)
    } catch {
      dropped('a batch of calls left by an earlier page could not be read')
    }
    localStorage.removeItem(key)
  }
  const calls: unknown[] = []
  for (const batch of batches.sort((a, b) => a.savedAt - b.savedAt)) {
    if (now - batch.savedAt > CARRY_MAX_AGE_MS) dropped(`${batch.calls.length} calls left by an earlier page expired`)
    else if (!sameIdentity(batch.identity ?? {}, identity)) dropped(`${batch.calls.length} calls left by an earlier page belong to another Segment identity`)
    else calls.push(...batch.calls)
  }
  return calls
}

export async function takeCarried(scope: string, identity: Identity, dropped: (why: string) => void, now: () => number = Date.now): Promise<unknown[]> {
  const take = () => {
    try {
      return takeNow(scope, identity, dropped, now())
    } catch {
      return []
    }
  }
  const locks = (globalThis.navigator as { locks?: { request(name: string, callback: () => unknown): Promise<unknown> } } | undefined)?.locks
  if (!locks) return take()
  return (await locks.request(CARRY_PREFIX + scope, take).catch(take)) as unknown[]
}
