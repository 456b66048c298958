/**
 * The translation's inputs and outputs, and its defaults: the small part the plugin needs before the
 * translation itself is loaded.
 */
import type { CleverTapCommand } from './commands'
import type { Notes, ValueOptions } from './values'

/** The parts of a Segment event the translation reads (analytics-next's `SegmentEvent` fits it). */
export interface SegmentEventLike {
  type: string
  event?: unknown
  name?: unknown
  category?: unknown
  userId?: unknown
  previousId?: unknown
  groupId?: unknown
  traits?: unknown
  properties?: unknown
  /** Per-call destination options; `integrations.CleverTap` may carry profile operations. */
  integrations?: unknown
}

export interface TranslateConfig extends ValueOptions {
  /** Track event names sent as CleverTap's Charged, compared case-insensitively. */
  chargedEvents: readonly string[]
  /** Country code for phone numbers given without one, e.g. `+1` or `44`. */
  defaultCountryCode?: string
  /** Also send each page as a custom event of this name (off when undefined). */
  pageEvent?: string
  /** Prefix of group traits on the profile, so they never collide with the user's own traits. */
  groupTraitPrefix: string
}

export interface TranslateState {
  /** The Segment userId this device is logged in as in CleverTap, as far as this page load knows. */
  userId?: string
  /** CleverTap's init records the load's first page view itself; later pages are sent explicitly. */
  pageSeen: boolean
}

export interface Translation {
  commands: CleverTapCommand[]
  notes: Notes
  state: TranslateState
}

export const INITIAL_STATE: TranslateState = Object.freeze({ pageSeen: false })

export const DEFAULT_PAGE_EVENT = 'Web Page Viewed'

export const DEFAULT_TRANSLATE_CONFIG: TranslateConfig = Object.freeze({
  chargedEvents: Object.freeze(['Order Completed']),
  nested: 'flatten',
  convertDateStrings: true,
  groupTraitPrefix: 'Group ',
})

