/**
 * The Segment calls (by messageId) handed to CleverTap on this page, by any plugin of this package: a
 * plugin registered twice (React StrictMode, a re-run effect, a hot reload) must not deliver twice. The
 * engine is one module for every plugin of the page, so this set is too. The newest SEEN_LIMIT are
 * remembered.
 */
const seen = new Set<string>()
const SEEN_LIMIT = 1000

/** Whether the call with this messageId is new to this page (calls without one always are). */
export function firstTime(messageId: unknown): boolean {
  if (typeof messageId !== 'string') return true
  if (seen.has(messageId)) return false
  seen.add(messageId)
  if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string)
  return true
}
