/**
 * Small field normalisers shared by the translations of the different calls: ids, property maps of
 * events, and profile values.
 */
import type { Properties, PropertyValue } from './commands'
import { MAX_EVENT_PROPERTIES, MAX_STRING_LENGTH } from './constants'
import type { TranslateConfig } from './types'
import { normalizeProperties } from './properties'
import type { Notes } from './values'
import { noteStripped } from './values'

export function asText(value: unknown): string | undefined {
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
export function asId(value: unknown, label: string, notes: Notes): string | undefined {
  const id = asText(value)
  if (id !== undefined && id.length > MAX_STRING_LENGTH) {
    notes.push(`${label}: longer than ${MAX_STRING_LENGTH} characters, not sent`)
    return undefined
  }
  if (id !== undefined) noteStripped(id, label, notes)
  return id
}

export function eventProperties(input: unknown, config: TranslateConfig, notes: Notes): Properties {
  return normalizeProperties(input, MAX_EVENT_PROPERTIES, config, notes, 'properties')
}

/** Multi-value profile properties hold strings only. */
export function profileValue(value: PropertyValue): PropertyValue {
  if (!Array.isArray(value)) return value
  return value.map((item) => (item instanceof Date ? item.toISOString() : String(item)))
}
