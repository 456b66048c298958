/**
 * Limits and reserved names of the CleverTap web SDK (clevertap-web-sdk 2.5.x) and of CleverTap's
 * platform. Each value says where it comes from, so it can be re-checked when the SDK moves on.
 */

/** Platform Considerations (docs.clevertap.com): key names are stored up to 120 characters. */
export const MAX_KEY_LENGTH = 120

/** Platform Considerations: scalar property values are stored up to 512 characters. */
export const MAX_STRING_LENGTH = 512

/** The SDK cuts event names at 1024 characters (clevertap.js `_processEventArray2`). */
export const MAX_EVENT_NAME_LENGTH = 1024

/**
 * The SDK flags a payload with more than 100 keys (error 544, `isObjStructureValid`); a profile holds at
 * most 256 custom keys in all (Platform Considerations), so 100 per update keeps both.
 */
export const MAX_PROFILE_PROPERTIES = 100
export const MAX_EVENT_PROPERTIES = 100

/** Multi-value properties hold at most 100 values; the SDK also flags arrays longer than 100. */
export const MAX_ARRAY_LENGTH = 100

/** The SDK logs error 522 for more than 50 items in a Charged event. */
export const MAX_CHARGED_ITEMS = 50

/**
 * The SDK's structure check (`isObjStructureValid`, since 2.4.0) flags more than 5 lists or objects side by
 * side (error 543) and nesting deeper than 3 levels (error 541); beyond these, values are sent as text.
 */
export const MAX_COLLECTIONS_PER_LEVEL = 5
export const MAX_KEPT_DEPTH = 3

/** Deeper values are stringified: nothing real nests this far, and it bounds the work on hostile input. */
export const MAX_DEPTH = 8

/**
 * Characters CleverTap removes from keys and event names (`removeUnsupportedChars`): replacing them with
 * `_` keeps `product.id` readable instead of the SDK's `productid`.
 */
export const UNSUPPORTED_KEY_CHARS = /[.:$'"\\]/g

/** `SYSTEM_EVENTS` in clevertap.js: the SDK refuses these names from `event.push`. */
export const RESERVED_EVENT_NAMES: readonly string[] = [
  'Stayed',
  'UTM Visited',
  'App Launched',
  'Notification Sent',
  'Notification Viewed',
  'Notification Clicked',
]

/** The name CleverTap gives a purchase; its structure is validated separately by the SDK. */
export const CHARGED_EVENT = 'Charged'

/**
 * The key CleverTap's SDK reads in a login's profile as the device's custom CleverTap id, and removes from
 * the profile (clevertap-web-sdk 2.5.4 and later, `onUserLogin`; not `profile.push`).
 */
export const SDK_CUSTOM_ID = 'customId'

/** CleverTap's subscription flags on a profile. */
export const SUBSCRIPTION_FLAGS: readonly string[] = ['MSG-email', 'MSG-push', 'MSG-sms', 'MSG-whatsapp']

/**
 * `PROFILE_RESTRICTED_ROOT_KEYS` in clevertap.js: the SDK validates these itself and throws on some
 * non-string values, so the translation only ever hands it values it accepts.
 */
export const RESERVED_PROFILE_KEYS: readonly string[] = [
  'Identity',
  'Name',
  'Email',
  'Phone',
  'Gender',
  'DOB',
  'Age',
  'Photo',
  'Education',
  'Married',
  'Employed',
  'FBID',
  'GPID',
  'Birthday',
]
