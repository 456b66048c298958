/**
 * Calls kept in the order they were made until CleverTap can take them. A call can be held in its place
 * until something it needs arrives (an alias's real target); delivery stops at the first held call, so
 * nothing overtakes it. Bounded: when full, the oldest plain event goes first; identifies, aliases,
 * groups, resets and the plugin's own commands are kept, since they decide where everything else lands.
 */
import type { KeptCall } from '../plugin/engine-port'
import { isPlainEvent, isReset } from '../plugin/kept-calls'

export interface Slot {
  call: KeptCall
  held: boolean
}

function isPlain(slot: Slot): boolean {
  return !slot.held && isPlainEvent(slot.call)
}

export class Outbox {
  private slots: Slot[] = []
  dropped = 0

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.slots.length
  }

  /** Keeps a call, last or just before `before`; a held one waits in its place until `release`. */
  push(call: KeptCall, held = false, before?: Slot): Slot {
    const slot = { call, held }
    const at = before ? this.slots.indexOf(before) : -1
    if (at === -1) this.slots.push(slot)
    else this.slots.splice(at, 0, slot)
    this.trim()
    return slot
  }

  /** Keeps the bound: the oldest plain event goes first, else the oldest call. */
  private trim(): void {
    while (this.slots.length > this.capacity) {
      const index = this.slots.findIndex(isPlain)
      this.slots.splice(index === -1 ? 0 : index, 1)
      this.dropped++
    }
  }

  /** The kept calls, in order, without taking them. */
  calls(): KeptCall[] {
    return this.slots.map((slot) => slot.call)
  }

  /** Lets a held call go, with what it was waiting for. */
  release(slot: Slot, call: KeptCall = slot.call): void {
    slot.call = call
    slot.held = false
  }

  /** Takes the calls before the first held one, in order. */
  takeReady(): KeptCall[] {
    const end = this.slots.findIndex((slot) => slot.held)
    const ready = end === -1 ? this.slots : this.slots.slice(0, end)
    this.slots = end === -1 ? [] : this.slots.slice(end)
    return ready.map((slot) => slot.call)
  }

  clear(): void {
    this.slots = []
  }

  /** Drops every call not yet delivered but the resets, which decide who later calls belong to. */
  discardCalls(): void {
    this.slots = this.slots.filter((slot) => isReset(slot.call))
  }
}
