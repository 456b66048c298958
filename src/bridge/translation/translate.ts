/**
 * Segment event in, CleverTap commands out. Pure: no SDK, no DOM, no clock; the caller keeps the small
 * state (who is logged in, which page view CleverTap's init recorded) between calls.
 */
import type { CleverTapCommand, Properties } from './commands'
import { CHARGED_EVENT, MAX_EVENT_NAME_LENGTH, MAX_KEY_LENGTH, MAX_PROFILE_PROPERTIES, RESERVED_EVENT_NAMES, UNSUPPORTED_KEY_CHARS } from './constants'
import type { SegmentEventLike, TranslateConfig, TranslateState, Translation } from './types'
import { charged } from './charged'
import { asId, eventProperties, profileValue } from './fields'
import { identify } from './identify'
import { normalizeProperties } from './properties'
import type { Notes } from './values'
import { isPlainObject, safeEntries, truncate } from './values'

export { DEFAULT_TRANSLATE_CONFIG, INITIAL_STATE } from './types'
export type { SegmentEventLike, TranslateConfig, TranslateState, Translation } from './types'

export function translate(event: SegmentEventLike, state: TranslateState, config: TranslateConfig): Translation {
  const translation = translateCall(event, state, config)
  const discarded = config.discardedEvents
  if (!discarded || discarded.size === 0) return translation
  const commands = translation.commands.filter((command) => {
    const name = command.kind === 'charged' ? CHARGED_EVENT : command.kind === 'event' ? command.name : undefined
    if (name === undefined || !discarded.has(name.toLowerCase())) return true
    translation.notes.push(`${name}: discarded by CleverTap for this account (its server's list), not sent`)
    return false
  })
  return { ...translation, commands }
}

/**
 * Who made the call, when Segment knows them: the userId of a track, page, screen or group; for an alias,
 * the user it was made from (its previousId, unless that is the device's anonymousId).
 */
function makerOf(event: SegmentEventLike): unknown {
  if (event.type === 'alias') return event.previousId !== event.anonymousId ? event.previousId : undefined
  return event.type === 'track' || event.type === 'page' || event.type === 'screen' || event.type === 'group' ? event.userId : undefined
}

function translateCall(event: SegmentEventLike, state: TranslateState, config: TranslateConfig): Translation {
  const made = makerOf(event)
  if (made === undefined) return translateOne(event, state, config)
  const notes: Notes = []
  const maker = loginAsMaker(event.type, made, state, notes)
  const translation = translateOne(event, maker.state, config)
  return { commands: [...maker.commands, ...translation.commands], notes: [...notes, ...translation.notes], state: translation.state }
}

/**
 * A call made by a Segment user CleverTap's device is not logged in as (their identify was made without
 * consent, before the plugin was on the site, or CleverTap forgot the device): a login first, so the call
 * lands on the profile Segment records it for. `state.userId` is who the device is logged in as.
 */
function loginAsMaker(type: string, made: unknown, state: TranslateState, notes: Notes): { commands: CleverTapCommand[]; state: TranslateState } {
  if (typeof made !== 'string' || made === state.userId || state.formerIds?.includes(made)) return { commands: [], state }
  const userId = asId(made, 'userId', notes)
  if (!userId || userId === state.userId) return { commands: [], state }
  notes.push(`${type}: made by userId ${userId}, whom CleverTap has not seen log in on this device: logged in first`)
  return { commands: [{ kind: 'login', profile: { Identity: userId } }], state: { ...state, userId } }
}

function translateOne(event: SegmentEventLike, state: TranslateState, config: TranslateConfig): Translation {
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
      return out([{ kind: 'event', name: config.screenEvent, properties: eventProperties(properties, config, notes) }])
    }
    case 'group':
      return out(group(event, config, notes))
    case 'alias': {
      const userId = asId(event.userId, 'alias userId', notes)
      if (!userId) {
        notes.push('alias: no userId, nothing sent')
        return out([])
      }
      const formerIds = state.userId === undefined ? state.formerIds : [...(state.formerIds ?? []), state.userId]
      return out([{ kind: 'profile', profile: { Identity: userId } }], { ...state, userId, formerIds })
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

function withoutKey<T extends Record<string, unknown>>(properties: T, key: string): T {
  if (!(key in properties)) return properties
  const copy = { ...properties }
  delete copy[key]
  return copy
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
  if (cleaned !== name) notes.push(`track: event name sent as "${cleaned}"`)
  return cleaned
}

function track(event: SegmentEventLike, config: TranslateConfig, notes: Notes): CleverTapCommand[] {
  const name = normalizeEventName(event.event, notes)
  if (name === undefined) return []
  const lower = name.toLowerCase()
  if (config.chargedEvents.some((charged) => charged.toLowerCase() === lower)) return [charged(event.properties, config, notes)]
  return [{ kind: 'event', name, properties: eventProperties(event.properties, config, notes) }]
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
  const { initPage, ...rest } = state
  const previous = state.lastPage ?? initPage
  const next: TranslateState = url === undefined ? rest : { ...rest, lastPage: url }
  if (initPage !== undefined && (url === undefined || samePage(url, initPage))) {
    notes.push('page: this view was already recorded by CleverTap when it started')
  } else if (url === undefined) {
    commands.push({ kind: 'page' })
  } else {
    const newRoute = previous !== undefined && !samePage(url, previous)
    commands.push(newRoute ? { kind: 'page', url, newRoute } : { kind: 'page', url })
  }
  if (config.pageEvent !== undefined) {
    // The page's name and category lead; the call's own properties (url, path, title, referrer, search and any other) follow.
    const source = isPlainObject(event.properties) ? Object.fromEntries(safeEntries(event.properties, 'properties', notes)) : {}
    const picked = { name: event.name ?? source.name, category: event.category ?? source.category, ...withoutKey(withoutKey(source, 'name'), 'category') }
    commands.push({ kind: 'event', name: config.pageEvent, properties: eventProperties(picked, config, notes) })
  }
  return { commands, notes, state: next }
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

