/**
 * Profile operations a Segment call asks for through `integrations.CleverTap` (Segment's place for
 * destination-specific options), translated into checked commands:
 *
 *   analytics.identify('u1', traits, { integrations: { CleverTap: {
 *     increment: { logins: 1 }, decrement: { credits: 2 },
 *     addValues: { tags: ['beta'] }, removeValues: { tags: ['trial'] }, setValues: { sizes: ['M', 'L'] },
 *     remove: ['legacy_plan'],
 *   } } })
 */
import type { ProfileOperation } from './commands'
import { MAX_ARRAY_LENGTH, MAX_STRING_LENGTH } from './constants'
import type { Notes } from './values'
import { isPlainObject, normalizeKey } from './values'

const COUNTERS = ['increment', 'decrement'] as const
const LISTS = { addValues: 'addValues', removeValues: 'removeValues', setValues: 'setValues' } as const

function values(input: unknown, label: string, notes: Notes): Array<string | number> | undefined {
  const list = Array.isArray(input) ? input : [input]
  const out = list.filter((v): v is string | number => (typeof v === 'string' && v.length <= MAX_STRING_LENGTH) || (typeof v === 'number' && Number.isFinite(v)))
  if (out.length < list.length) notes.push(`${label}: values that are not strings or finite numbers dropped`)
  if (out.length > MAX_ARRAY_LENGTH) notes.push(`${label}: cut to ${MAX_ARRAY_LENGTH} values`)
  return out.length > 0 ? out.slice(0, MAX_ARRAY_LENGTH) : undefined
}

export function profileOperations(integrations: unknown, notes: Notes): ProfileOperation[] {
  const options = isPlainObject(integrations) ? integrations.CleverTap : undefined
  if (!isPlainObject(options)) return []
  const operations: ProfileOperation[] = []
  const each = (name: string, fn: (key: string, value: unknown, label: string) => void) => {
    const group = options[name]
    if (group === undefined) return
    if (!isPlainObject(group)) {
      notes.push(`integrations.CleverTap.${name}: expected an object of property → value`)
      return
    }
    for (const [rawKey, value] of Object.entries(group)) {
      const key = normalizeKey(rawKey)
      const label = `integrations.CleverTap.${name}.${rawKey}`
      if (key === undefined) notes.push(`${label}: key dropped`)
      else fn(key, value, label)
    }
  }
  for (const kind of COUNTERS) {
    each(kind, (key, by, label) => {
      if (typeof by === 'number' && Number.isFinite(by) && by > 0) operations.push({ kind, key, by })
      else notes.push(`${label}: not a number greater than 0`)
    })
  }
  for (const kind of Object.values(LISTS)) {
    each(kind, (key, value, label) => {
      const list = values(value, label, notes)
      if (list) operations.push({ kind, key, values: list })
    })
  }
  const remove = options.remove
  if (remove !== undefined) {
    for (const rawKey of Array.isArray(remove) ? remove : [remove]) {
      const key = typeof rawKey === 'string' ? normalizeKey(rawKey) : undefined
      if (key) operations.push({ kind: 'removeKey', key })
      else notes.push(`integrations.CleverTap.remove: ${JSON.stringify(String(rawKey))} is not a property name`)
    }
  }
  return operations
}
