/**
 * Consent as Segment's consent tools express it: each event carries
 * `context.consent.categoryPreferences`, and a destination may receive data only when every category it
 * is mapped to is granted. An event without that stamp is not gated, as Segment treats it. Withdrawing
 * consent after CleverTap has started also sets CleverTap's own opt-out; granting it again lifts it.
 */
import type { CleverTapCommand } from '../bridge/translation/commands'

export type Consent = 'granted' | 'denied' | 'unstamped'

export function consentOf(event: { context?: unknown } | undefined, categories: readonly string[]): Consent {
  if (categories.length === 0) return 'granted'
  const context = event?.context as { consent?: { categoryPreferences?: unknown } } | undefined
  const preferences = context?.consent?.categoryPreferences
  if (typeof preferences !== 'object' || preferences === null) return 'unstamped'
  return categories.every((category) => (preferences as Record<string, unknown>)[category] === true) ? 'granted' : 'denied'
}

export interface ConsentDecision {
  allowed: boolean
  /** Privacy commands the change of consent needs, to go before the event (if it is allowed). */
  commands: CleverTapCommand[]
}

export interface ConsentGate {
  /** Whether CleverTap waits for consent at all. */
  readonly required: boolean
  /** Whether CleverTap may start: an event was allowed, and none was denied since. */
  readonly allows: boolean
  /** Whether CleverTap may start as far as consent goes: it needs none, or it is given. */
  readonly open: boolean
  decide(event: { context?: unknown }, started: boolean): ConsentDecision
  /**
   * analytics-next's `track` emit, which follows every track call whether or not it reached the plugin.
   * Consent tools drop their consent-change event before every destination the new consent no longer
   * allows, so a change that was reported but never seen means CleverTap is no longer allowed.
   */
  reported(name: unknown, started: boolean): CleverTapCommand[]
}

/** The track event Segment's consent tools send when the visitor changes consent. */
export const CONSENT_CHANGED_EVENT = 'Segment Consent Preference Updated'

export function createConsentGate(categories: readonly string[]): ConsentGate {
  let granted = false
  let allows = false
  let optedOut = false
  /** Consent changes the hooks saw and analytics-next has not yet reported. */
  let changesSeen = 0
  const deny = (started: boolean): CleverTapCommand[] => {
    const commands: CleverTapCommand[] = []
    if (granted && started) {
      optedOut = true
      commands.push({ kind: 'privacy', optOut: true })
    }
    granted = false
    allows = false
    return commands
  }
  return {
    required: categories.length > 0,
    get allows() {
      return allows
    },
    get open() {
      return categories.length === 0 || allows
    },
    decide(event, started) {
      if ((event as { event?: unknown }).event === CONSENT_CHANGED_EVENT) changesSeen++
      const consent = consentOf(event, categories)
      if (consent === 'denied') return { allowed: false, commands: deny(started) }
      const commands: CleverTapCommand[] = []
      if (consent === 'granted' && categories.length > 0 && !granted) {
        granted = true
        if (optedOut) {
          optedOut = false
          commands.push({ kind: 'privacy', optOut: false })
        }
      }
      allows = true
      return { allowed: true, commands }
    },
    reported(name, started) {
      if (name !== CONSENT_CHANGED_EVENT || categories.length === 0) return []
      if (changesSeen > 0) {
        changesSeen--
        return []
      }
      return deny(started)
    },
  }
}
