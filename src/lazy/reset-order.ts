/**
 * Keeping a reset in its place. analytics-next emits `reset` at once, but hands the calls made before it
 * to destinations a task or more later, so a clear applied at the emit would overtake them: user A's last
 * event would land on the next visitor's profile. A reset therefore waits in the outbox, and calls that
 * arrive meanwhile are placed by the device's anonymousId, which analytics-next renews at every reset:
 * a call with another id was made before the reset, a call with the new one after it (and shows that the
 * calls before it have all arrived). A reset waits RESET_SETTLE_MS at most, less when the page is left.
 */
import type { KeptCall } from '../plugin/engine-port'
import type { Outbox, Slot } from './outbox'

export const RESET_SETTLE_MS = 250

interface Waiting {
  slot: Slot
  /** The anonymousId analytics-next gave the device with this reset. */
  after: unknown
  stop(): void
}

export interface ResetOrder {
  /** Keeps a reset, held until the calls made before it have arrived. */
  hold(after: unknown): void
  /** Keeps `call` made with `anonymousId`, before any reset made after it. */
  keep(call: KeptCall, anonymousId: unknown, held?: boolean): Slot
  clear(): void
}

/**
 * `outbox` is read at each use (the session replaces it once configured); `released` hears when resets
 * are let go, so delivery can go on.
 */
export function createResetOrder(outbox: () => Outbox, released: () => void, onPageLeft: (callback: () => void) => () => void): ResetOrder {
  let waiting: Waiting[] = []
  /** Lets every reset up to `last` go. */
  const release = (last: number) => {
    if (last === -1) return
    for (const entry of waiting.splice(0, last + 1)) {
      entry.stop()
      outbox().release(entry.slot)
    }
    released()
  }
  return {
    hold(after) {
      const entry: Waiting = { slot: outbox().push({ event: { type: 'reset' } }, true), after, stop: () => undefined }
      waiting.push(entry)
      const settle = () => release(waiting.indexOf(entry))
      const timer = setTimeout(settle, RESET_SETTLE_MS)
      const unlisten = onPageLeft(settle)
      entry.stop = () => {
        clearTimeout(timer)
        unlisten()
      }
    },
    keep(call, anonymousId, held = false) {
      release(waiting.findIndex((entry) => entry.after === anonymousId))
      const before = waiting.find((entry) => entry.after !== anonymousId)
      return outbox().push(call, held, before?.slot)
    },
    clear() {
      for (const entry of waiting) entry.stop()
      waiting = []
    },
  }
}
