/** What the engine reads from the entries the plugin kept, and from those earlier pages carried. */
import type { Entry } from '../plugin/engine-port'

/**
 * An entry an earlier page may carry (one read back may be anything): calls, resets and alias targets. A
 * consent change is not carried (the page's own calls state the visitor's choice), nor an older build's
 * privacy commands.
 */
export function isEntry(value: unknown): value is Entry {
  const entry = value as { event?: { type?: unknown }; aliased?: unknown } | null
  return (
    typeof entry === 'object' &&
    entry !== null &&
    (typeof entry.event?.type === 'string' || 'reset' in entry || (typeof entry.aliased === 'object' && entry.aliased !== null))
  )
}

/**
 * The device's anonymousId as the first kept call carried it: a reset while CleverTap loaded gave the
 * device another, which belongs to the next visitor, not to the calls made before it.
 */
export function firstAnonymousId(entries: readonly Entry[]): string | undefined {
  for (const entry of entries) if ('event' in entry && typeof entry.event.anonymousId === 'string') return entry.event.anonymousId
  return undefined
}

/** Where the load's first page view should point: the first kept page call's URL. */
export function landingUrl(entries: readonly Entry[]): string | undefined {
  for (const call of entries) {
    if ('event' in call && call.event.type === 'page') {
      const url = (call.event.context as { page?: { url?: unknown } } | undefined)?.page?.url
      return typeof url === 'string' ? url : undefined
    }
  }
  return undefined
}
