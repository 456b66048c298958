/**
 * Alias targets. analytics-next stamps the current userId over an alias event's new id (`addIdentity`
 * runs after the event is built), so an alias made by an identified user reaches destinations naming that
 * user instead of the new id. The `alias` emit that follows the dispatch carries the real `to` and `from`.
 * An alias whose userId may have been stamped (src/plugin/session.ts `submit`) waits in its
 * place for that emit; past ALIAS_EMIT_WAIT_MS it goes as it is.
 */
import type { SegmentEventLike } from '../bridge/translation/types'

/** analytics-next emits `alias` a few tasks after it hands the event to destinations. */
export const ALIAS_EMIT_WAIT_MS = 1000

export interface AliasTarget {
  to: unknown
  from: unknown
}

interface Waiting {
  previousId: unknown
  resolve(target: AliasTarget | undefined): void
}

const sameId = (a: unknown, b: unknown) => (a ?? undefined) === (b ?? undefined)

export interface AliasTargets {
  /** Calls `resolve` once with the alias's real target, or with undefined when it does not come in time. */
  wait(event: SegmentEventLike, resolve: (target: AliasTarget | undefined) => void): void
  /** The `alias` emit: `from` is null when the call named none. */
  onEmit(to: unknown, from: unknown): void
}

export function createAliasTargets(): AliasTargets {
  const waiting: Waiting[] = []
  return {
    wait(event, resolve) {
      const entry: Waiting = { previousId: event.previousId, resolve }
      waiting.push(entry)
      setTimeout(() => {
        const index = waiting.indexOf(entry)
        if (index === -1) return
        waiting.splice(index, 1)
        resolve(undefined)
      }, ALIAS_EMIT_WAIT_MS)
    },
    onEmit(to, from) {
      // Emits come in dispatch order; an alias that never reached this plugin (`CleverTap: false`) still
      // emits, so the match also needs the same previous id.
      const index = waiting.findIndex((entry) => sameId(entry.previousId, from))
      if (index === -1) return
      const [entry] = waiting.splice(index, 1)
      entry.resolve({ to, from })
    },
  }
}
