/**
 * `identify`: a login when the userId is new to this device, else a profile update; Segment's reserved
 * traits mapped to CleverTap's own profile fields, the rest as custom properties.
 */
import type { CleverTapCommand, Properties } from './commands'
import { MAX_PROFILE_PROPERTIES, MAX_STRING_LENGTH, RESERVED_PROFILE_KEYS, SDK_CUSTOM_ID, SUBSCRIPTION_FLAGS } from './constants'
import type { SegmentEventLike, TranslateConfig, TranslateState, Translation } from './types'
import { asId, asText, profileValue } from './fields'
import { profileOperations } from './operations'
import { asBoolean, normalizeAge, normalizeGender, normalizePhone, normalizeReservedTrait, parseBirthday } from './profile'
import { normalizeProperties } from './properties'
import type { Notes } from './values'
import { isPlainObject, noteStripped, safeEntries, survivingText, truncate } from './values'

/** Segment traits with a reserved CleverTap counterpart; every other trait is a custom property. */
const MAPPED_TRAITS = ['name', 'firstName', 'lastName', 'email', 'avatar', 'age', 'phone', 'gender', 'birthday']
const KEEP_AS_CUSTOM = new Set(['firstName', 'lastName'])

export function identify(event: SegmentEventLike, state: TranslateState, config: TranslateConfig, notes: Notes): Translation {
  const traits = isPlainObject(event.traits) ? event.traits : {}
  const readable = Object.fromEntries(safeEntries(traits, 'traits', notes))
  const custom: Record<string, unknown> = {}
  const flags: Record<string, boolean> = {}
  for (const [key, value] of Object.entries(readable)) {
    if (SUBSCRIPTION_FLAGS.includes(key)) {
      const flag = asBoolean(value)
      if (flag === undefined) notes.push(`${key}: dropped (not a boolean)`)
      else flags[key] = flag
    } else if (!MAPPED_TRAITS.includes(key) || KEEP_AS_CUSTOM.has(key)) {
      custom[key] = value
    }
  }

  const mapped: Properties = {}
  const name = asText(readable.name) ?? asText([asText(readable.firstName), asText(readable.lastName)].filter(Boolean).join(' '))
  if (name) mapped.Name = truncate(survivingText(name, 'traits.name', notes), MAX_STRING_LENGTH)
  const email = asText(readable.email)
  if (email) {
    noteStripped(email, 'traits.email', notes)
    mapped.Email = truncate(email, MAX_STRING_LENGTH)
  }
  const photo = asText(readable.avatar)
  if (photo) mapped.Photo = truncate(photo, MAX_STRING_LENGTH)
  const age = normalizeAge(readable.age, notes)
  if (age !== undefined) mapped.Age = age
  const phone = normalizePhone(readable.phone, config.defaultCountryCode, notes)
  if (phone) mapped.Phone = phone
  const gender = normalizeGender(readable.gender, notes)
  if (gender) mapped.Gender = gender
  const dob = parseBirthday(readable.birthday, notes)
  if (dob) mapped.DOB = dob

  // Custom traits share the per-update key limit with the reserved fields and Identity.
  const budget = MAX_PROFILE_PROPERTIES - Object.keys(mapped).length - Object.keys(flags).length - 1
  const profile: Properties = {}
  const normalized = normalizeProperties(custom, budget, config, notes, 'traits')
  for (const [key, value] of Object.entries(normalized)) {
    if (RESERVED_PROFILE_KEYS.includes(key)) {
      const reserved = normalizeReservedTrait(key, value, config.defaultCountryCode, notes)
      if (reserved !== undefined) profile[key] = reserved
    } else {
      profile[key] = profileValue(value)
    }
  }
  Object.assign(profile, mapped, flags)

  const operations = profileOperations(event.integrations, notes)
  const userId = asId(event.userId, 'userId', notes)
  // A userId given but refused (blank, or too long to store) names someone: its traits must not land on
  // whoever is logged in now.
  if (userId === undefined && event.userId !== undefined && event.userId !== null) {
    notes.push('identify: not sent, its userId cannot be stored')
    return { commands: [], notes, state }
  }
  if (userId && userId !== state.userId) {
    // CleverTap's SDK (2.5.4 and later) takes `customId` in a login as the device's CleverTap id and drops
    // it from the profile: the trait goes in a profile update right after, under its own name, so every
    // SDK version (and Segment's cloud mode) gives the user the same profile.
    const { [SDK_CUSTOM_ID]: customId, ...login } = profile
    const after: CleverTapCommand[] = customId === undefined ? [] : [{ kind: 'profile', profile: { [SDK_CUSTOM_ID]: customId } }]
    if (customId !== undefined) notes.push(`traits.${SDK_CUSTOM_ID}: sent in a profile update after the login, where CleverTap's SDK would take it for the device's id`)
    return { commands: [{ kind: 'login', profile: { Identity: userId, ...login } }, ...after, ...operations], notes, state: { ...state, userId, formerIds: undefined } }
  }
  if (Object.keys(profile).length === 0) {
    if (operations.length === 0) notes.push('identify: no traits to update')
    return { commands: operations, notes, state }
  }
  return { commands: [{ kind: 'profile', profile }, ...operations], notes, state }
}
