/**
 * The plain commands a Segment call becomes. They are data, not calls: the translation produces them,
 * `apply` executes them on the SDK, and the demo and tests can show or compare them.
 */

/** A value CleverTap stores: scalars, Dates, and arrays of scalars. */
export type Scalar = string | number | boolean | Date
/** Nested objects appear only with the `nested: 'keep'` strategy. */
export type PropertyValue = Scalar | Scalar[] | { [key: string]: PropertyValue }
export type Properties = Record<string, PropertyValue>
export type FlatProperties = Record<string, Scalar>

export type CleverTapCommand =
  /** `onUserLogin.push({ Site })`: switch to (or create) the profile of this identity. */
  | { kind: 'login'; profile: Properties }
  /** `profile.push({ Site })`: update the current profile. */
  | { kind: 'profile'; profile: Properties }
  /** `event.push(name, properties)`. */
  | { kind: 'event'; name: string; properties: Properties }
  /** `event.push('Charged', { ...properties, Items: items })`: every value flat, as the SDK demands. */
  | { kind: 'charged'; properties: FlatProperties; items: FlatProperties[] }
  /**
   * `pageChanged()`: CleverTap's own page view. `url` is where the page was when the call was made; the SDK
   * reads the location itself, so the edge shows it that URL while it records the view. `newRoute`: the
   * page moved on from the previous view, so CleverTap's active web pop-ups are dismissed first, as its own
   * single-page-app mode does (clevertap-web-sdk 2.6.1 and later).
   */
  | { kind: 'page'; url?: string; newRoute?: true }
  /** `clear()`: forget the identity on this device; the next user gets a new CleverTap profile. */
  | { kind: 'clear' }
  /** `privacy.push(...)`. */
  | { kind: 'privacy'; optOut?: boolean; useIP?: boolean }
  /** A profile operation through CleverTap's own methods (`handleIncrementValue`, `addMultiValuesForKey`, …). */
  | ProfileOperation

export type ProfileOperation =
  | { kind: 'increment' | 'decrement'; key: string; by: number }
  | { kind: 'addValues' | 'removeValues' | 'setValues'; key: string; values: Array<string | number> }
  | { kind: 'removeKey'; key: string }

/** Commands that decide whose profile later commands land on; kept calls apply these first (order.ts). */
export function isIdentityCommand(command: CleverTapCommand): boolean {
  return command.kind === 'login' || command.kind === 'profile'
}

