/**
 * When CleverTap loads, and how long the plugin waits for it. CleverTap is never on the page's critical
 * path: `ready` waits for analytics and an idle moment, `idle` for the page's load event and an idle
 * moment, `event` for the first call. Calls made before then are kept, whatever the mode.
 */
import type { Analytics } from '@segment/analytics-next'
import type { Connection, LoadEngine, StartRequest } from './engine-port'
import type { LoadOn } from './options'

/** The longest `loadOn: 'ready'` waits for another plugin's `ready()` and an idle moment. */
export const READY_WAIT_MS = 2000
/** The longest `loadOn: 'idle'` waits for an idle moment after the page's load event. */
export const IDLE_WAIT_MS = 5000

/** Runs `callback` when the browser is idle, at most `timeout` ms later. */
function whenIdle(callback: () => void, timeout: number): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts: { timeout: number }) => unknown }).requestIdleCallback
  if (typeof idle === 'function') idle(callback, { timeout })
  else setTimeout(callback, 1)
}

/**
 * Arranges `start` for the mode; `'event'` leaves it to the first call. `start` may come more than once
 * (the session starts once). `afterPageLoad` is the page's load event (page.ts), passed in so this module
 * reads no browser global.
 */
export function scheduleStart(loadOn: LoadOn, analytics: Analytics | undefined, start: () => void, afterPageLoad: (callback: () => void) => void): void {
  if (loadOn === 'idle') afterPageLoad(() => whenIdle(start, IDLE_WAIT_MS))
  if (loadOn !== 'ready') return
  // Once analytics is ready (every other plugin loaded) and the browser is next idle, or READY_WAIT_MS.
  setTimeout(start, READY_WAIT_MS)
  Promise.resolve()
    .then(() => analytics?.ready?.())
    .finally(() => whenIdle(start, READY_WAIT_MS))
    .catch(() => undefined)
}

/** How often the time limit counts: a tick that comes late (the page was busy) still counts only this. */
const TICK_MS = 250

/**
 * Settles with the promise, or rejects after `ms` of time the page could run: the page's own busy time (a
 * slow phone, a heavy start-up) is not counted against CleverTap. The timer never outlives the race.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    let left = ms
    const tick = () => {
      left -= TICK_MS
      if (left <= 0) reject(new Error(message))
      else timer = setTimeout(tick, Math.min(TICK_MS, left))
    }
    timer = setTimeout(tick, Math.min(TICK_MS, ms))
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Loads the engine and starts CleverTap, or rejects after `ms`. What arrives after the time limit is not
 * used; its failure is then nobody's concern.
 */
export function startWithin(loadEngine: LoadEngine, request: StartRequest, ms: number): Promise<Connection> {
  const starting = loadEngine().then((engine) => engine.start(request))
  starting.catch(() => undefined)
  return withTimeout(starting, ms, `CleverTap did not load within ${ms} ms`)
}
