/**
 * Keeping a reset in its place. analytics-next emits `reset` at once, but hands the calls made before it
 * to destinations a task or more later, so a clear applied at the emit would overtake them: user A's last
 * event would land on the next visitor's profile. A reset therefore waits in the outbox, and calls that
 * arrive meanwhile are placed by the device's anonymousId, which analytics-next renews at every reset:
 * a call with another id was made before the reset, a call with the new one after it (and shows that the
 * calls before it have all arrived). A reset waits RESET_SETTLE_MS at most, less when the page is left.
 */
import type { KeptCall } from './engine-port'
import type { Outbox, Slot } from './outbox'

export const RESET_SETTLE_MS = 250

interface Waiting {
  slot: Slot
  /** The anonymousId analytics-next gave the device with this reset. */
  after: unknown
  stop(): void
}

export class ResetOrder {
  private waiting: Waiting[] = []

  constructor(
    private readonly outbox: () => Outbox,
    /** Called when resets are let go, so delivery can go on. */
    private readonly released: () => void,
    private readonly onPageHide: (callback: () => void) => () => void,
  ) {}

  /** Keeps a reset, held until the calls made before it have arrived. */
  hold(after: unknown): void {
    const entry: Waiting = { slot: this.outbox().push({ event: { type: 'reset' } }, true), after, stop: () => undefined }
    this.waiting.push(entry)
    const settle = () => this.release(this.waiting.indexOf(entry))
    const timer = setTimeout(settle, RESET_SETTLE_MS)
    const unlisten = this.onPageHide(settle)
    entry.stop = () => {
      clearTimeout(timer)
      unlisten()
    }
  }

  /** Keeps `call` made with `anonymousId`, before any reset made after it. */
  keep(call: KeptCall, anonymousId: unknown, held = false): Slot {
    const madeAfter = this.waiting.findIndex((entry) => entry.after === anonymousId)
    if (madeAfter !== -1) this.release(madeAfter)
    const before = this.waiting.find((entry) => entry.after !== anonymousId)
    return this.outbox().push(call, held, before?.slot)
  }

  /** Lets every reset up to `last` go. */
  private release(last: number): void {
    if (last === -1) return
    for (const entry of this.waiting.splice(0, last + 1)) {
      entry.stop()
      this.outbox().release(entry.slot)
    }
    this.released()
  }

  clear(): void {
    for (const entry of this.waiting) entry.stop()
    this.waiting = []
  }
}
