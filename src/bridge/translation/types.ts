/**
 * The translation's inputs and outputs, and its defaults: the small part the plugin needs before the
 * translation itself is loaded.
 */
import type { CleverTapCommand } from './commands'
import type { KeyStyle, Notes, ValueOptions } from './values'

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
  /** Segment's ids of the device and of the call; the plugin orders and de-duplicates calls by them. */
  anonymousId?: unknown
  messageId?: unknown
  /** `context.page.url`: where the page was when the call was made (analytics-next captures it then). */
  context?: unknown
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
  /** The event a screen call becomes. */
  screenEvent: string
  keyStyle: KeyStyle
  /**
   * Event names CleverTap's server discards for the account, lower-cased (the SDK keeps the list since
   * 2.7.3): such an event is not sent, with a note, rather than dropped silently by the SDK.
   */
  discardedEvents?: ReadonlySet<string>
}

export interface TranslateState {
  /** The Segment userId this device is logged in as in CleverTap, as far as this page load knows. */
  userId?: string
  /** The profile's earlier identities, which an alias gave it a new one beside: calls by them are that user's. */
  formerIds?: readonly string[]
  /**
   * The URL whose page view CleverTap's init recorded itself, until the load's first page call: that call
   * is the same view when it names the same URL, and a view of its own when the page has moved on.
   */
  initPage?: string
  /** The URL of the last page view, so a page call to another URL is known to be a new route. */
  lastPage?: string
}

export interface Translation {
  commands: CleverTapCommand[]
  notes: Notes
  state: TranslateState
}

/** Nobody logged in and no page view recorded yet: every page call becomes a page view. */
export const INITIAL_STATE: TranslateState = Object.freeze({})

export const DEFAULT_PAGE_EVENT = 'Web Page Viewed'
export const DEFAULT_SCREEN_EVENT = 'Screen Viewed'
/** What Segment's cloud-mode CleverTap destination names a screen call. */
export const CLOUD_SCREEN_EVENT = 'App Screen Viewed'

export const DEFAULT_TRANSLATE_CONFIG: TranslateConfig = Object.freeze({
  chargedEvents: Object.freeze(['Order Completed']),
  nested: 'flatten',
  convertDateStrings: true,
  groupTraitPrefix: 'Group ',
  screenEvent: DEFAULT_SCREEN_EVENT,
  keyStyle: 'as-given',
})

