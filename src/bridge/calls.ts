/**
 * Calls kept, untranslated, until CleverTap and the translation have loaded. Bounded: when full, the
 * oldest plain event goes first; identifies, aliases, groups, resets and privacy changes are kept, since
 * they decide where everything else lands.
 */
import type { CleverTapCommand } from './commands'
import type { SegmentEventLike } from './config'

export type PendingCall = { event: SegmentEventLike } | { commands: CleverTapCommand[] }

const KEPT_TYPES = ['identify', 'alias', 'group', 'reset']

function isPlain(call: PendingCall): boolean {
  return 'event' in call && !KEPT_TYPES.includes(call.event.type)
}

export class CallQueue {
  private calls: PendingCall[] = []
  dropped = 0

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.calls.length
  }

  push(call: PendingCall): void {
    if (this.calls.length >= this.capacity) {
      const index = this.calls.findIndex(isPlain)
      this.calls.splice(index === -1 ? 0 : index, 1)
      this.dropped++
    }
    this.calls.push(call)
  }

  take(): PendingCall[] {
    const calls = this.calls
    this.calls = []
    return calls
  }
}
