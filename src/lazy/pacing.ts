/**
 * Pacing: commands go to the SDK in slices that leave the page responsive. Each push costs the SDK about
 * a millisecond (it compresses the request and rewrites its backup of unanswered ones, more as they grow),
 * so a thousand calls kept while CleverTap loaded would otherwise hold the main thread for seconds. A
 * slice ends before the item that would take it past SLICE_MS; the next runs in a later task. Commands
 * keep their order, and later ones wait behind them. An item may ask to wait (`run` returns false): it is
 * tried again WAIT_MS later, first in line. It may instead ask to go behind one of the items after it
 * (`run` returns `{ behind }`, that item's index among them), which then runs first.
 *
 * When the page is left, what is still waiting is applied at once (the SDK's own backup then carries the
 * requests to the next page), except what the plugin's carried calls took over (`handOver`): pushed into
 * an SDK that waits for a login's answer or has a clear pending, those would be lost with the page.
 * Handed-over items wait here in case the page comes back from the back/forward cache.
 */
import { onPageLeft } from '../plugin/page'

/** Well under the 50 ms that makes a long task. */
export const SLICE_MS = 30
/** How soon an item that asked to wait is tried again. */
export const WAIT_MS = 50

export interface Pacer<T> {
  /** Runs the items in order, after any still waiting. */
  push(items: readonly T[]): void
  /**
   * For the page being left: takes the waiting items that `wanted` selects out of the run, and returns
   * them. They run after all if the page is shown again from the back/forward cache (unless `clear`ed).
   */
  handOver(wanted: (item: T) => boolean): T[]
  /** Drops the waiting items that `wanted` selects (a withdrawal of consent), or all with none. */
  clear(wanted?: (item: T) => boolean): void
  stop(): void
}

/** What `run` answers: done (true), wait (false), or go behind the item `behind` places after it. */
export type Outcome = boolean | { behind: number }

/**
 * At most `capacity` items wait once the run has been held `afterMs` (what it waits for is not coming:
 * CleverTap's API blocked, say): past it, the oldest that `plain` selects go, and only those (what decides
 * whose profile the rest reaches is never dropped). A burst being paced, or a short wait, loses nothing.
 * `overflow` hears the first time items go.
 */
export interface PacerBound<T> {
  capacity: number
  afterMs: number
  plain(item: T): boolean
  overflow(): void
}

/**
 * `run(item, leaving, later)` returns false to wait; when the page is left (`leaving`) nothing waits.
 * `later()` lists the items waiting after it.
 */
export function createPacer<T>(
  run: (item: T, leaving: boolean, later: () => readonly T[]) => Outcome,
  bound?: PacerBound<T>,
  now: () => number = () => performance.now(),
): Pacer<T> {
  let waiting: T[] = []
  let handed: T[] = []
  /** Set while the page is left after a hand-over: what it selects is handed over as it comes. */
  let parkedBy: ((item: T) => boolean) | undefined
  let scheduled = false
  let overflowed = false
  /** Since when the first waiting item has asked to wait; undefined while the run moves. */
  let heldSince: number | undefined
  const trim = () => {
    if (!bound || heldSince === undefined || now() - heldSince < bound.afterMs) return
    for (let index = 0; waiting.length > bound.capacity && (index = waiting.findIndex(bound.plain)) !== -1; ) {
      waiting.splice(index, 1)
      if (!overflowed) bound.overflow()
      overflowed = true
    }
  }
  const schedule = (delay: number) => {
    scheduled = true
    setTimeout(() => drain(now() + SLICE_MS), delay)
  }
  const drain = (deadline: number, leaving = false) => {
    scheduled = false
    let index = 0
    let paused = false
    // The last item's cost predicts the next one's: an item that would end past the deadline waits for the
    // next slice. The SDK's cost per push grows with the requests it has not had answered yet.
    let cost = 0
    for (; index < waiting.length && (index === 0 || now() + cost < deadline); index++) {
      const started = now()
      const at = index
      const outcome = run(waiting[index], leaving, () => waiting.slice(at + 1))
      if (outcome === false) {
        paused = true
        heldSince ??= started
        break
      }
      heldSince = undefined
      if (outcome !== true && index + 1 + outcome.behind < waiting.length) {
        const [item] = waiting.splice(index, 1)
        waiting.splice(index + outcome.behind + 1, 0, item)
        index--
      }
      cost = now() - started
    }
    waiting = waiting.slice(index)
    if (paused) trim()
    if (waiting.length > 0) schedule(paused ? WAIT_MS : 0)
  }
  const stopListening = onPageLeft(
    () => drain(Infinity, true),
    () => {
      // Shown again: what was handed over runs here after all, unless a later page took it (`clear`).
      waiting = [...handed, ...waiting]
      handed = []
      parkedBy = undefined
      if (waiting.length > 0 && !scheduled) schedule(0)
    },
  )
  return {
    push(items) {
      // Once the calls were handed over, what comes later in the page's end (a reset let go as the page
      // is left, and the calls after it) was handed over with them.
      for (const item of items) (parkedBy?.(item) ? handed : waiting).push(item)
      if (!scheduled) drain(now() + SLICE_MS)
      trim()
    },
    handOver(wanted) {
      parkedBy = wanted
      const taken = waiting.filter(wanted)
      waiting = waiting.filter((item) => !taken.includes(item))
      handed.push(...taken)
      return taken
    },
    clear(wanted = () => true) {
      waiting = waiting.filter((item) => !wanted(item))
      handed = handed.filter((item) => !wanted(item))
    },
    stop() {
      waiting = []
      handed = []
      stopListening()
    },
  }
}
