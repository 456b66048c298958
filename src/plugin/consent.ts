/**
 * Consent as Segment's consent tools express it: each event carries
 * `context.consent.categoryPreferences`, and a destination may receive data only when every category it
 * is mapped to is granted. An event without that stamp is not gated, as Segment treats it.
 */
export type Consent = 'granted' | 'denied' | 'unstamped'

export function consentOf(event: { context?: unknown } | undefined, categories: readonly string[]): Consent {
  if (categories.length === 0) return 'granted'
  const context = event?.context as { consent?: { categoryPreferences?: unknown } } | undefined
  const preferences = context?.consent?.categoryPreferences
  if (typeof preferences !== 'object' || preferences === null) return 'unstamped'
  return categories.every((category) => (preferences as Record<string, unknown>)[category] === true) ? 'granted' : 'denied'
}
