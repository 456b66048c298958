/**
 * Consent as Segment's consent tools express it: each event carries
 * `context.consent.categoryPreferences`, and a destination may receive data only when every category it
 * is mapped to is granted. The gate follows the visitor's choice as the calls state it and decides what
 * is kept and when CleverTap may start: a call that states no choice (unstamped) is kept but opens
 * nothing, so it goes to CleverTap only once a later call grants consent. What a change of mind means for
 * CleverTap's own opt-out is the engine's (src/lazy/consent.ts).
 */

export type Consent = 'granted' | 'denied' | 'unstamped'

export function consentOf(event: { context?: unknown } | undefined, categories: readonly string[]): Consent {
  if (categories.length === 0) return 'granted'
  const context = event?.context as { consent?: { categoryPreferences?: unknown } } | undefined
  const preferences = context?.consent?.categoryPreferences
  if (typeof preferences !== 'object' || preferences === null) return 'unstamped'
  return categories.every((category) => (preferences as Record<string, unknown>)[category] === true) ? 'granted' : 'denied'
}

export interface ConsentGate {
  /** Whether CleverTap waits for consent at all. */
  readonly required: boolean
  /** Whether CleverTap may start: it needs no consent, or the latest call that states a choice grants it. */
  readonly open: boolean
  /** The event's consent, and whether it changes the visitor's choice. */
  hear(event: { context?: unknown; event?: unknown }): { consent: Consent; changed: boolean }
  /**
   * analytics-next's `track` emit, which follows every track call whether or not it reached the plugin.
   * Consent tools drop their consent-change event before every destination the new consent no longer
   * allows, so a change that was reported but never heard is a withdrawal: true then.
   */
  reported(name: unknown): boolean
}

/** The track event Segment's consent tools send when the visitor changes consent. */
export const CONSENT_CHANGED_EVENT = 'Segment Consent Preference Updated'

export function createConsentGate(categories: readonly string[]): ConsentGate {
  const required = categories.length > 0
  /** The visitor's choice as the latest call stating one made it; undefined until one does. */
  let granted: boolean | undefined
  /** Consent changes the hooks heard and analytics-next has not yet reported. */
  let changesHeard = 0
  const choose = (choice: boolean) => {
    const changed = required && granted !== choice
    granted = choice
    return changed
  }
  return {
    required,
    get open() {
      return !required || granted === true
    },
    hear(event) {
      if (event.event === CONSENT_CHANGED_EVENT) changesHeard++
      const consent = consentOf(event, categories)
      return { consent, changed: consent !== 'unstamped' && choose(consent === 'granted') }
    },
    reported(name) {
      if (name !== CONSENT_CHANGED_EVENT || !required) return false
      if (changesHeard > 0) {
        changesHeard--
        return false
      }
      return choose(false)
    },
  }
}
