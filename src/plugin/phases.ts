/**
 * The session's phases and which may follow which: the plugin's whole life with CleverTap.
 *
 *   new ─configure─▶ waiting ─start─▶ starting ─CleverTap live─▶ live
 *    │                  │               └─CleverTap failed─▶ failed   │
 *    └──────────────────┴───────────────────────────────────────┴──────┴──▶ off
 *
 * - `new`: created, not yet added to analytics; nothing is kept.
 * - `waiting`: configured; calls are kept. `start` comes from the schedule (schedule.ts) or the first call
 *   (`loadOn: 'event'`), and stays due while consent does not allow CleverTap (consent.ts).
 * - `starting`: the engine and CleverTap are loading, within `loadTimeoutMs`; calls are still kept.
 * - `live`: kept calls went to the engine; each new one goes at once.
 * - `failed`: CleverTap did not load on this page (blocked, failing, too slow). Calls are still kept, as
 *   they were made, and go on to the next page (carried-calls.ts), where CleverTap may load.
 * - `off`, for good: no account or no browser, a refused start (a bad option, another CleverTap delivering),
 *   or unload.
 */
export type Phase = 'new' | 'waiting' | 'starting' | 'live' | 'failed' | 'off'

/**
 * How far along each phase is. A phase may follow only a phase before it: the session never goes back,
 * and `live` and `failed`, the two ends of `starting`, never follow each other.
 */
const ORDER: { readonly [P in Phase]: number } = { new: 0, waiting: 1, starting: 2, live: 3, failed: 3, off: 4 }

export function mayFollow(from: Phase, to: Phase): boolean {
  return ORDER[to] > ORDER[from]
}
