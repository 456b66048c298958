/**
 * Normalisation of property maps (event properties, traits, Charged items) into what CleverTap stores.
 * Pure: the input is never modified, and every dropped or changed value leaves a note.
 */
import type { FlatProperties, Properties, PropertyValue, Scalar } from './commands'
import {
  MAX_ARRAY_LENGTH,
  MAX_COLLECTIONS_PER_LEVEL,
  MAX_DEPTH,
  MAX_KEPT_DEPTH,
  MAX_KEY_LENGTH,
  MAX_STRING_LENGTH,
  UNSUPPORTED_KEY_CHARS,
} from './constants'
import { isPlainObject } from './objects'

export { isPlainObject }

/** How nested objects reach CleverTap. */
export type NestedStrategy = 'flatten' | 'stringify' | 'drop' | 'keep'

export interface ValueOptions {
  nested: NestedStrategy
  /** ISO-8601 date-time strings become Dates, so CleverTap stores them as dates. */
  convertDateStrings: boolean
}

/** Debug messages about what was dropped or changed; the caller decides where they go. */
export type Notes = string[]

/** An ISO-8601 date-time (date and time, optional seconds, fraction and offset). */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/
const DATE_TAG = '[object Date]'

/** A key as CleverTap can store it, or undefined when nothing is left of it. */
export function normalizeKey(key: string): string | undefined {
  const cleaned = key.replace(UNSUPPORTED_KEY_CHARS, '_').trim()
  if (cleaned === '' || cleaned === '__proto__') return undefined
  return cleaned.length > MAX_KEY_LENGTH ? cleaned.slice(0, MAX_KEY_LENGTH) : cleaned
}


/** Dates are recognised by tag, not `instanceof`, and re-made here so the SDK's own check accepts them. */
export function asValidDate(value: unknown): Date | undefined {
  if (Object.prototype.toString.call(value) !== DATE_TAG) return undefined
  const time = (value as Date).getTime()
  return Number.isFinite(time) ? new Date(time) : undefined
}

export function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text
}

/**
 * A single value as a CleverTap scalar, or undefined when CleverTap cannot hold it.
 * `null` and `undefined` mean "no value" and are dropped without a note.
 */
export function normalizeScalar(value: unknown, path: string, options: ValueOptions, notes: Notes): Scalar | undefined {
  switch (typeof value) {
    case 'string': {
      if (options.convertDateStrings && ISO_DATE_TIME.test(value)) {
        const date = new Date(value)
        if (Number.isFinite(date.getTime())) return date
      }
      if (value.length > MAX_STRING_LENGTH) {
        notes.push(`${path}: string cut to ${MAX_STRING_LENGTH} characters`)
        return value.slice(0, MAX_STRING_LENGTH)
      }
      return value
    }
    case 'number':
      if (Number.isFinite(value)) return value
      notes.push(`${path}: ${String(value)} dropped (not a finite number)`)
      return undefined
    case 'boolean':
      return value
    case 'bigint':
      return truncate(value.toString(), MAX_STRING_LENGTH)
    case 'undefined':
      return undefined
    case 'function':
    case 'symbol':
      notes.push(`${path}: ${typeof value} dropped`)
      return undefined
    default: {
      if (value === null) return undefined
      const date = asValidDate(value)
      if (date) return date
      if (Object.prototype.toString.call(value) === DATE_TAG) notes.push(`${path}: invalid Date dropped`)
      return undefined
    }
  }
}

/** Own enumerable entries, tolerating getters and proxies that throw. */
export function safeEntries(value: object, path: string, notes: Notes): Array<[string, unknown]> {
  let keys: string[]
  try {
    keys = Object.keys(value)
  } catch {
    notes.push(`${path || 'object'}: keys could not be read`)
    return []
  }
  const entries: Array<[string, unknown]> = []
  for (const key of keys) {
    try {
      entries.push([key, (value as Record<string, unknown>)[key]])
    } catch {
      notes.push(`${joinPath(path, key)}: value could not be read`)
    }
  }
  return entries
}

function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key
}

/** JSON text of any value: circular references cut, BigInt as text, bounded in depth and length. */
export function safeStringify(value: unknown): string {
  const ancestors: unknown[] = []
  let text: string | undefined
  try {
    text = JSON.stringify(value, function (this: unknown, _key, current: unknown) {
      if (typeof current === 'bigint') return current.toString()
      if (typeof current !== 'object' || current === null) return current
      while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop()
      if (ancestors.includes(current) || ancestors.length >= MAX_DEPTH) return undefined
      ancestors.push(current)
      return current
    })
  } catch {
    text = undefined
  }
  return truncate(text ?? '', MAX_STRING_LENGTH)
}

/** Arrays of scalars stay arrays; anything holding objects becomes JSON text. */
function normalizeArray(
  items: unknown[],
  path: string,
  options: ValueOptions,
  notes: Notes,
): Scalar[] | string | undefined {
  if (items.some((item) => typeof item === 'object' && item !== null && !asValidDate(item))) {
    return safeStringify(items)
  }
  const out: Scalar[] = []
  for (let i = 0; i < items.length && out.length < MAX_ARRAY_LENGTH; i++) {
    const scalar = normalizeScalar(items[i], `${path}[${i}]`, options, notes)
    if (scalar !== undefined) out.push(scalar)
  }
  if (items.length > MAX_ARRAY_LENGTH) notes.push(`${path}: array cut to ${MAX_ARRAY_LENGTH} values`)
  return out.length > 0 ? out : undefined
}

/** A list as one text value, for places where CleverTap accepts no arrays. */
function joinScalars(items: Scalar[]): string {
  return truncate(items.map((item) => (typeof item === 'object' ? item.toISOString() : String(item))).join(', '), MAX_STRING_LENGTH)
}

/** Accumulates normalised properties under a bound, keeping the first of colliding keys. */
class PropertyWriter<V> {
  readonly out: Record<string, V> = {}
  private count = 0
  private overflow = 0
  private collections = 0

  constructor(
    private readonly max: number,
    private readonly notes: Notes,
    private readonly label: string,
  ) {}

  set(key: string, value: V, source: string): void {
    if (Object.prototype.hasOwnProperty.call(this.out, key)) {
      this.notes.push(`${source}: dropped, key "${key}" already set`)
      return
    }
    if (this.count >= this.max) {
      this.overflow++
      return
    }
    if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      if (this.collections >= MAX_COLLECTIONS_PER_LEVEL) {
        this.notes.push(`${source}: sent as text, more than ${MAX_COLLECTIONS_PER_LEVEL} lists or objects in one place`)
        value = safeStringify(value) as V
      } else {
        this.collections++
      }
    }
    this.out[key] = value
    this.count++
  }

  finish(): Record<string, V> {
    if (this.overflow > 0) {
      this.notes.push(`${this.label}: ${this.overflow} properties over the limit of ${this.max} dropped`)
    }
    return this.out
  }
}

interface WalkOptions extends ValueOptions {
  /** Charged events and items: arrays joined into text, since the SDK drops a Charged event holding one. */
  flatOnly: boolean
}

function walk(
  input: object,
  prefix: string,
  path: string,
  depth: number,
  ancestors: object[],
  options: WalkOptions,
  writer: PropertyWriter<PropertyValue>,
  notes: Notes,
): void {
  for (const [rawKey, value] of safeEntries(input, path, notes)) {
    const keyPath = joinPath(path, rawKey)
    const key = normalizeKey(rawKey)
    if (key === undefined) {
      notes.push(`${keyPath || '(empty key)'}: key dropped`)
      continue
    }
    const fullKey = truncate(prefix ? `${prefix}_${key}` : key, MAX_KEY_LENGTH)
    if (typeof value !== 'object' || value === null || asValidDate(value) || Object.prototype.toString.call(value) === DATE_TAG) {
      const scalar = normalizeScalar(value, keyPath, options, notes)
      if (scalar !== undefined) writer.set(fullKey, scalar, keyPath)
      continue
    }
    if (ancestors.includes(value)) {
      notes.push(`${keyPath}: circular reference dropped`)
      continue
    }
    if (Array.isArray(value)) {
      const array = normalizeArray(value, keyPath, options, notes)
      if (array === undefined) continue
      writer.set(fullKey, options.flatOnly && Array.isArray(array) ? joinScalars(array) : array, keyPath)
      continue
    }
    const strategy = options.flatOnly ? 'flatten' : options.nested
    if (strategy === 'drop') {
      notes.push(`${keyPath}: nested object dropped`)
    } else if (strategy === 'stringify' || depth >= MAX_DEPTH || (strategy === 'keep' && depth + 1 >= MAX_KEPT_DEPTH)) {
      writer.set(fullKey, safeStringify(value), keyPath)
    } else if (strategy === 'keep') {
      const inner = new PropertyWriter<PropertyValue>(Number.MAX_SAFE_INTEGER, notes, keyPath)
      walk(value, '', keyPath, depth + 1, [...ancestors, value], options, inner, notes)
      const kept = inner.finish()
      if (Object.keys(kept).length > 0) writer.set(fullKey, kept, keyPath)
    } else {
      walk(value, fullKey, keyPath, depth + 1, [...ancestors, value], options, writer, notes)
    }
  }
}

function collect(input: unknown, max: number, options: WalkOptions, notes: Notes, label: string): Properties {
  const writer = new PropertyWriter<PropertyValue>(max, notes, label)
  if (isPlainObject(input)) walk(input, '', label, 0, [input], options, writer, notes)
  return writer.finish()
}

/** Event properties and custom traits, with the configured nested strategy and a bound on their number. */
export function normalizeProperties(input: unknown, max: number, options: ValueOptions, notes: Notes, label: string): Properties {
  return collect(input, max, { ...options, flatOnly: false }, notes, label)
}

/** Charged event properties and items: everything flat, arrays joined. */
export function flattenProperties(input: unknown, max: number, options: ValueOptions, notes: Notes, label: string): FlatProperties {
  return collect(input, max, { ...options, flatOnly: true }, notes, label) as FlatProperties
}
