/**
 * Pacing: commands go to the SDK in slices that leave the page responsive. Each push costs the SDK about
 * a millisecond (it compresses the request and rewrites its backup of unanswered ones, more as they grow),
 * so a thousand calls kept while CleverTap loaded would otherwise hold the main thread for seconds. A
 * slice ends before the item that would take it past SLICE_MS; the next runs in a later task. Commands keep their order, and later ones wait behind
 * them. An item may ask to wait (`run` returns false): it is tried again WAIT_MS later, first in line.
 * When the page is left, what is still waiting is applied at once: the SDK's own backup then carries the
 * requests to the next page.
 */
import { onPageLeft } from '../plugin/page'

/** Well under the 50 ms that makes a long task. */
export const SLICE_MS = 30
/** How soon an item that asked to wait is tried again. */
export const WAIT_MS = 50

export interface Pacer<T> {
  /** Runs the items in order, after any still waiting. */
  push(items: readonly T[]): void
  stop(): void
}

/** `run(item, leaving)` returns false to wait; when the page is left (`leaving`) nothing waits. */
export function createPacer<T>(run: (item: T, leaving: boolean) => boolean, now: () => number = () => performance.now()): Pacer<T> {
  let waiting: T[] = []
  let scheduled = false
  const drain = (deadline: number, leaving = false) => {
    scheduled = false
    let index = 0
    let paused = false
    // The last item's cost predicts the next one's: an item that would end past the deadline waits for the
    // next slice. The SDK's cost per push grows with the requests it has not had answered yet.
    let cost = 0
    for (; index < waiting.length && (index === 0 || now() + cost < deadline); index++) {
      const started = now()
      if (!run(waiting[index], leaving)) {
        paused = true
        break
      }
      cost = now() - started
    }
    waiting = waiting.slice(index)
    if (waiting.length > 0) {
      scheduled = true
      setTimeout(() => drain(now() + SLICE_MS), paused ? WAIT_MS : 0)
    }
  }
  const stopListening = onPageLeft(() => drain(Infinity, true))
  return {
    push(items) {
      waiting.push(...items)
      if (!scheduled) drain(now() + SLICE_MS)
    },
    stop() {
      waiting = []
      stopListening()
    },
  }
}
