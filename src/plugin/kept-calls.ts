/**
 * Kept calls: what the plugin hears while CleverTap loads, kept as it came, in the order it came —
 * Segment calls copied when made, the plugin's own commands, and analytics-next's reset and alias emits in
 * their place among them. Putting them in the order they were made (a reset after the calls made before
 * it, an alias with its real target) is the engine's, once CleverTap has loaded (src/lazy/delivery.ts);
 * here they are only kept, within a bound.
 */
import type { Entry, KeptCall } from './engine-port'

/** Calls that decide where everything else lands: kept when a bound is reached. */
const DECIDING_TYPES = ['identify', 'alias', 'group', 'reset']

/** A reset, as analytics-next emits it or as the engine holds it: it decides whose profile the calls after it reach. */
export const isReset = (entry: Entry | KeptCall): boolean => 'reset' in entry || ('event' in entry && entry.event.type === 'reset')

/** A plain event: the first to go when a bound is reached. */
export function isPlainEvent(entry: Entry | KeptCall): boolean {
  return 'event' in entry && !DECIDING_TYPES.includes(entry.event.type)
}

/**
 * Brings `entries` within `capacity`, in place: the oldest plain event goes first, else the oldest entry;
 * returns how many went.
 */
export function bound(entries: Entry[], capacity: number): number {
  let dropped = 0
  for (; entries.length > capacity; dropped++) {
    const index = entries.findIndex(isPlainEvent)
    entries.splice(index === -1 ? 0 : index, 1)
  }
  return dropped
}

export class KeptCalls {
  #entries: Entry[] = []
  #dropped = 0
  readonly #capacity: number

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  get entries(): readonly Entry[] {
    return this.#entries
  }

  /**
   * Keeps `entry` last, within the bound: the oldest plain event goes first, else the oldest entry. Of
   * the consent changes nothing has heard yet, only the latest counts.
   */
  keep(entry: Entry): void {
    if ('consent' in entry) this.#entries = this.#entries.filter((kept) => !('consent' in kept))
    this.#entries.push(entry)
    this.#dropped += bound(this.#entries, this.#capacity)
  }

  /** Drops every call kept, for a withdrawal of consent: what decides who later calls belong to (resets) stays. */
  discardCalls(): void {
    this.#entries = this.#entries.filter(isReset)
  }

  /** Puts what earlier pages left before this page's own. */
  restore(entries: readonly Entry[]): void {
    this.#entries.unshift(...entries)
  }

  /** Takes everything kept, with how many entries the bound cost. */
  take(): { entries: Entry[]; dropped: number } {
    const taken = { entries: this.#entries, dropped: this.#dropped }
    this.#entries = []
    this.#dropped = 0
    return taken
  }
}
