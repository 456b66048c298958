/**
 * Segment event in, CleverTap commands out. Pure: no SDK, no DOM, no clock; the caller keeps the
 * small state (who is logged in, whether the load's first page view was seen) between calls.
 */
import type { CleverTapCommand, FlatProperties, Properties, PropertyValue } from './commands'
import {
  CHARGED_EVENT,
  MAX_CHARGED_ITEMS,
  MAX_EVENT_NAME_LENGTH,
  MAX_EVENT_PROPERTIES,
  MAX_KEY_LENGTH,
  MAX_PROFILE_PROPERTIES,
  MAX_STRING_LENGTH,
  RESERVED_EVENT_NAMES,
  RESERVED_PROFILE_KEYS,
  SUBSCRIPTION_FLAGS,
  UNSUPPORTED_KEY_CHARS,
} from './constants'
import {
  asBoolean,
  normalizeAge,
  normalizeGender,
  normalizePhone,
  normalizeReservedTrait,
  parseBirthday,
} from './profile'
import type { SegmentEventLike, TranslateConfig, TranslateState, Translation } from './config'
import { profileOperations } from './operations'
import type { Notes } from './values'
import { flattenProperties, isPlainObject, normalizeProperties, safeEntries, truncate } from './values'

export const SCREEN_EVENT = 'Screen Viewed'

export { DEFAULT_TRANSLATE_CONFIG, INITIAL_STATE } from './config'
export type { SegmentEventLike, TranslateConfig, TranslateState, Translation } from './config'

export function translate(event: SegmentEventLike, state: TranslateState, config: TranslateConfig): Translation {
  const notes: Notes = []
  const out = (commands: CleverTapCommand[], next: TranslateState = state): Translation => ({ commands, notes, state: next })
  switch (event.type) {
    case 'identify':
      return identify(event, state, config, notes)
    case 'track':
      return out(track(event, config, notes))
    case 'page':
      return page(event, state, config, notes)
    case 'screen': {
      // The screen's name leads its properties.
      const source = isPlainObject(event.properties) ? Object.fromEntries(safeEntries(event.properties, 'properties', notes)) : {}
      const properties = { name: event.name ?? source.name, ...withoutKey(source, 'name') }
      return out([{ kind: 'event', name: SCREEN_EVENT, properties: eventProperties(properties, config, notes) }])
    }
    case 'group':
      return out(group(event, config, notes))
    case 'alias': {
      const userId = asId(event.userId, 'alias userId', notes)
      if (!userId) {
        notes.push('alias: no userId, nothing sent')
        return out([])
      }
      return out([{ kind: 'profile', profile: { Identity: userId } }], { ...state, userId })
    }
    default:
      notes.push(`${String(event.type)}: not sent to CleverTap`)
      return out([])
  }
}

/** `analytics.reset()`: the next user on this device gets a new CleverTap profile. */
export function translateReset(state: TranslateState): Translation {
  return { commands: [{ kind: 'clear' }], notes: [], state: state.initPage === undefined ? {} : { initPage: state.initPage } }
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const text = value.trim()
    return text === '' ? undefined : text
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/**
 * An id as CleverTap can store it. Ids are never cut: a shortened id could name another user, so one
 * longer than CleverTap's value limit is refused.
 */
function asId(value: unknown, label: string, notes: Notes): string | undefined {
  const id = asText(value)
  if (id !== undefined && id.length > MAX_STRING_LENGTH) {
    notes.push(`${label}: longer than ${MAX_STRING_LENGTH} characters, not sent`)
    return undefined
  }
  return id
}

function withoutKey<T extends Record<string, unknown>>(properties: T, key: string): T {
  if (!(key in properties)) return properties
  const copy = { ...properties }
  delete copy[key]
  return copy
}

function eventProperties(input: unknown, config: TranslateConfig, notes: Notes): Properties {
  return normalizeProperties(input, MAX_EVENT_PROPERTIES, config, notes, 'properties')
}

/** The event name as CleverTap keeps it, or undefined when it cannot be sent. */
export function normalizeEventName(name: unknown, notes: Notes): string | undefined {
  if (typeof name !== 'string') {
    notes.push('track: event name is not a string, nothing sent')
    return undefined
  }
  const cleaned = truncate(name.trim().replace(UNSUPPORTED_KEY_CHARS, '_'), MAX_EVENT_NAME_LENGTH)
  if (cleaned === '') {
    notes.push('track: empty event name, nothing sent')
    return undefined
  }
  if (RESERVED_EVENT_NAMES.includes(cleaned) || cleaned === CHARGED_EVENT) {
    notes.push(`track: "${cleaned}" is reserved by CleverTap, nothing sent`)
    return undefined
  }
  return cleaned
}

function track(event: SegmentEventLike, config: TranslateConfig, notes: Notes): CleverTapCommand[] {
  const name = normalizeEventName(event.event, notes)
  if (name === undefined) return []
  const lower = name.toLowerCase()
  if (config.chargedEvents.some((charged) => charged.toLowerCase() === lower)) return [charged(event.properties, config, notes)]
  return [{ kind: 'event', name, properties: eventProperties(event.properties, config, notes) }]
}

function firstPresent(source: Record<string, unknown>, keys: readonly string[]): [string, unknown] | undefined {
  for (const key of keys) {
    const value = source[key]
    if (value !== undefined && value !== null && value !== '') return [key, value]
  }
  return undefined
}

/** What the translation adds to a Charged event from Segment's order fields. */
const CHARGED_FIELDS = ['Charged ID', 'Amount'] as const
const CHARGED_ID_KEYS = ['order_id', 'checkout_id']
const AMOUNT_KEYS = ['total', 'revenue', 'value']

function charged(input: unknown, config: TranslateConfig, notes: Notes): CleverTapCommand {
  const source = isPlainObject(input) ? input : {}
  const rest: Record<string, unknown> = {}
  const idEntry = firstPresent(source, CHARGED_ID_KEYS)
  for (const [key, value] of safeEntries(source, 'properties', notes)) {
    if (key !== 'products' && key !== idEntry?.[0]) rest[key] = value
  }
  // Room is left for the two fields the translation adds itself.
  const properties: FlatProperties = flattenProperties(rest, MAX_EVENT_PROPERTIES - CHARGED_FIELDS.length, config, notes, 'properties')
  if (idEntry) {
    const id = typeof idEntry[1] === 'number' && Number.isFinite(idEntry[1]) ? idEntry[1] : asId(idEntry[1], idEntry[0], notes)
    if (id !== undefined) properties['Charged ID'] = id
    else notes.push(`${idEntry[0]}: not used as Charged ID`)
  }
  const amountEntry = firstPresent(source, AMOUNT_KEYS)
  if (amountEntry) {
    const amount = typeof amountEntry[1] === 'string' ? Number(amountEntry[1]) : amountEntry[1]
    if (typeof amount === 'number' && Number.isFinite(amount)) properties.Amount = amount
    else notes.push(`${amountEntry[0]}: not used as Amount (not a number)`)
  }
  const products = source.products
  const items: FlatProperties[] = []
  if (Array.isArray(products)) {
    for (let i = 0; i < products.length && items.length < MAX_CHARGED_ITEMS; i++) {
      if (!isPlainObject(products[i])) {
        notes.push(`products[${i}]: dropped (not an object)`)
        continue
      }
      const item = flattenProperties(products[i], MAX_EVENT_PROPERTIES, config, notes, `products[${i}]`)
      if (Object.keys(item).length > 0) items.push(item)
    }
    if (products.length > MAX_CHARGED_ITEMS) {
      notes.push(`products: ${products.length - MAX_CHARGED_ITEMS} items over CleverTap's limit of ${MAX_CHARGED_ITEMS} dropped`)
    }
  } else if (products !== undefined && products !== null) {
    notes.push('products: dropped (not an array)')
  }
  return { kind: 'charged', properties, items }
}

/** Where the page was when the call was made: analytics-next's call-time page context, else the properties. */
function pageUrl(event: SegmentEventLike): string | undefined {
  const context = isPlainObject(event.context) ? event.context : {}
  const fromContext = isPlainObject(context.page) ? context.page.url : undefined
  const fromProperties = isPlainObject(event.properties) ? event.properties.url : undefined
  const url = typeof fromContext === 'string' && fromContext ? fromContext : fromProperties
  return typeof url === 'string' && url !== '' ? url : undefined
}

/** Two URLs name the same page view when they differ at most in their fragment. */
function samePage(a: string, b: string): boolean {
  return a.split('#')[0] === b.split('#')[0]
}

function page(event: SegmentEventLike, state: TranslateState, config: TranslateConfig, notes: Notes): Translation {
  const commands: CleverTapCommand[] = []
  const url = pageUrl(event)
  const { initPage, ...next } = state
  if (initPage !== undefined && (url === undefined || samePage(url, initPage))) {
    notes.push('page: this view was already recorded by CleverTap when it started')
  } else {
    commands.push(url === undefined ? { kind: 'page' } : { kind: 'page', url })
  }
  if (config.pageEvent !== undefined) {
    const source = isPlainObject(event.properties) ? event.properties : {}
    const picked: Record<string, unknown> = {
      name: event.name ?? source.name,
      category: event.category ?? source.category,
      url: source.url,
      path: source.path,
      title: source.title,
      referrer: source.referrer,
      search: source.search,
    }
    commands.push({ kind: 'event', name: config.pageEvent, properties: eventProperties(picked, config, notes) })
  }
  return { commands, notes, state: initPage === undefined ? state : next }
}

function group(event: SegmentEventLike, config: TranslateConfig, notes: Notes): CleverTapCommand[] {
  const groupId = asId(event.groupId, 'groupId', notes)
  const traits = normalizeProperties(event.traits ?? event.properties, MAX_PROFILE_PROPERTIES - 1, config, notes, 'group traits')
  const profile: Properties = {}
  if (groupId) profile['Group ID'] = groupId
  for (const [key, value] of Object.entries(traits)) profile[truncate(config.groupTraitPrefix + key, MAX_KEY_LENGTH)] = profileValue(value)
  if (Object.keys(profile).length === 0) {
    notes.push('group: no groupId or traits, nothing sent')
    return []
  }
  return [{ kind: 'profile', profile }]
}

/** Multi-value profile properties hold strings only. */
function profileValue(value: PropertyValue): PropertyValue {
  if (!Array.isArray(value)) return value
  return value.map((item) => (item instanceof Date ? item.toISOString() : String(item)))
}

/** Segment traits with a reserved CleverTap counterpart; every other trait is a custom property. */
const MAPPED_TRAITS = ['name', 'firstName', 'lastName', 'email', 'avatar', 'age', 'phone', 'gender', 'birthday']
const KEEP_AS_CUSTOM = new Set(['firstName', 'lastName'])

function identify(event: SegmentEventLike, state: TranslateState, config: TranslateConfig, notes: Notes): Translation {
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
  if (name) mapped.Name = truncate(name, MAX_STRING_LENGTH)
  const email = asText(readable.email)
  if (email) mapped.Email = truncate(email, MAX_STRING_LENGTH)
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
  if (userId && userId !== state.userId) {
    return { commands: [{ kind: 'login', profile: { Identity: userId, ...profile } }, ...operations], notes, state: { ...state, userId } }
  }
  if (Object.keys(profile).length === 0) {
    if (operations.length === 0) notes.push('identify: no traits to update')
    return { commands: operations, notes, state }
  }
  return { commands: [{ kind: 'profile', profile }, ...operations], notes, state }
}
