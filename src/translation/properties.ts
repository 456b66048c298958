/**
 * Normalisation of property maps (event properties, traits, Charged items) into what CleverTap stores:
 * flattened or kept nested, bounded in keys, lists and depth. Pure: the input is never modified, and
 * every dropped or changed value leaves a note.
 */
import type { FlatProperties, Properties, PropertyValue, Scalar } from './commands'
import { MAX_ARRAY_LENGTH, MAX_COLLECTIONS_PER_LEVEL, MAX_DEPTH, MAX_KEPT_DEPTH, MAX_KEY_LENGTH, MAX_STRING_LENGTH } from './constants'
import type { Notes, ValueOptions } from './values'
import { asValidDate, DATE_TAG, isPlainObject, joinPath, normalizeKey, normalizeScalar, safeEntries, safeStringify, truncate } from './values'

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
