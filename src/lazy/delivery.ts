/**
 * Delivery: the entries the plugin hands over, put in the order their calls were made and delivered once
 * ready. A reset waits until the calls made before it have arrived (reset-order.ts); an alias whose
 * userId analytics-next may have stamped waits for its real target (alias-targets.ts); nothing overtakes
 * a call that waits (outbox.ts). Entries kept while CleverTap loaded go through the same steps, in the
 * order they came, as if they arrived now. A Segment call reaches CleverTap once, however many plugins of
 * this package handed it over (seen-messages.ts).
 */
import type { Entry, KeptCall, KeptEvent } from '../plugin/engine-port'
import { onPageLeft } from '../plugin/page'
import { createAliasTargets } from './alias-targets'
import { Outbox } from './outbox'
import { createResetOrder } from './reset-order'
import { firstTime } from './seen-messages'

export interface Delivery {
  take(entries: readonly Entry[], replay: boolean): void
  pending(): readonly Entry[]
  /** Drops what waits, and its timers. */
  forget(): void
}

export interface DeliverySetup {
  /** Translates and applies calls that are ready, in order. */
  apply(calls: readonly KeptCall[], replay: boolean): void
  /** What a change of consent asks of CleverTap (consent.ts). */
  privacy(granted: boolean): KeptCall
  capacity: number
  warn(message: string): void
}

export function createDelivery({ apply, privacy, capacity, warn }: DeliverySetup): Delivery {
  const outbox = new Outbox(capacity)
  const deliver = (replay: boolean) => {
    const calls = outbox.takeReady()
    if (outbox.dropped > 0) warn(`${outbox.dropped} calls made while CleverTap loaded were dropped (limit ${outbox.capacity})`)
    outbox.dropped = 0
    if (calls.length > 0) apply(calls, replay)
  }
  const resets = createResetOrder(() => outbox, () => deliver(false), onPageLeft)
  const aliases = createAliasTargets()

  const takeOne = (entry: Entry): void => {
    if ('reset' in entry) return resets.hold(entry.reset)
    if ('aliased' in entry) return aliases.onEmit(entry.aliased.to, entry.aliased.from)
    if ('consent' in entry) {
      // A withdrawal: nothing made before it and not yet sent leaves any more (carried calls included).
      if (!entry.consent) outbox.discardCalls()
      return void resets.keep(privacy(entry.consent), undefined)
    }
    if (!firstTime(entry.event.messageId)) return
    const { stamped, ...call } = entry
    if (!stamped) return void resets.keep(call, call.event.anonymousId)
    const slot = resets.keep(call, call.event.anonymousId, true)
    aliases.wait(call.event, (target) => {
      // An alias that names no `from` was made by the user analytics-next stamped: its previous id.
      outbox.release(slot, target ? { ...call, event: { ...call.event, userId: target.to, previousId: target.from ?? call.event.userId } } : call)
      deliver(false)
    })
  }

  return {
    take(entries, replay) {
      for (const entry of entries) {
        try {
          takeOne(entry)
        } catch (error) {
          // One malformed entry (an older build's shape, a half-written value) costs only itself.
          warn(`an entry that could not be read was dropped: ${String(error)}`)
        }
      }
      deliver(replay)
    },
    // A consent change's commands are this page's; the next page hears the visitor's choice from its own calls.
    pending: () => outbox.calls().filter((call): call is KeptEvent => 'event' in call),
    forget() {
      resets.clear()
      outbox.clear()
    },
  }
}
