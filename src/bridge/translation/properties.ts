/**
 * Normalisation of property maps (event properties, traits, Charged items) into what CleverTap stores:
 * flattened or kept nested, bounded in keys, lists and depth. Pure: the input is never modified, and
 * every dropped or changed value leaves a note.
 */
import type { FlatProperties, Properties, PropertyValue, Scalar } from './commands'
import { MAX_ARRAY_LENGTH, MAX_COLLECTIONS_PER_LEVEL, MAX_DEPTH, MAX_KEPT_DEPTH, MAX_KEY_LENGTH, MAX_STRING_LENGTH } from './constants'
import type { Notes, ValueOptions } from './values'
import { DATE_TAG, isPlainObject, joinPath, jsonText, normalizeKey, normalizeScalar, safeEntries, truncate } from './values'

/** An object or array to walk into; a Date, valid or not, is a single value. */
function isNested(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) !== DATE_TAG
}

const holdsObject = (items: unknown[]) => items.some(isNested)

/** The scalars of an array, bounded; objects in it are left to `columns`. */
function normalizeArray(items: unknown[], path: string, options: ValueOptions, notes: Notes): Scalar[] | undefined {
  const out: Scalar[] = []
  for (let i = 0; i < items.length && out.length < MAX_ARRAY_LENGTH; i++) {
    if (isNested(items[i])) continue
    const scalar = normalizeScalar(items[i], `${path}[${i}]`, options, notes)
    if (scalar !== undefined) out.push(scalar)
  }
  if (items.length > MAX_ARRAY_LENGTH) notes.push(`${path}: array cut to ${MAX_ARRAY_LENGTH} values`)
  return out.length > 0 ? out : undefined
}

/**
 * A list of objects as one list per field, in item order (`products: [{id}, {id}]` → `products_id:
 * [a, b]`): CleverTap segments on lists of values, while JSON text would arrive without its quotes.
 */
function columns(items: unknown[], path: string, depth: number, ancestors: object[], options: WalkOptions, notes: Notes): Map<string, Scalar[]> {
  const out = new Map<string, Scalar[]>()
  items.slice(0, MAX_ARRAY_LENGTH).forEach((item, i) => {
    if (!isNested(item)) return
    if (ancestors.includes(item)) return void notes.push(`${path}[${i}]: circular reference dropped`)
    const fields = new PropertyWriter<PropertyValue>(Number.MAX_SAFE_INTEGER, notes, path)
    walk(item, '', `${path}[${i}]`, depth + 1, [...ancestors, item], { ...options, nested: 'flatten', flatOnly: false, inList: true }, fields, notes)
    for (const [key, value] of Object.entries(fields.finish())) {
      const column = out.get(key) ?? []
      if (column.length < MAX_ARRAY_LENGTH) column.push(...(Array.isArray(value) ? value : [value as Scalar]).slice(0, MAX_ARRAY_LENGTH - column.length))
      out.set(key, column)
    }
  })
  return out
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
        value = (Array.isArray(value) ? joinScalars(value as Scalar[]) : jsonText(value, source, this.notes)) as V
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
  /** Walking an item of a list of objects (see `columns`). */
  inList?: boolean
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
    try {
      visit(rawKey, value)
    } catch {
      // A value that throws at a look (a revoked Proxy, a hostile getter deeper in) costs only itself.
      notes.push(`${joinPath(path, rawKey)}: value could not be read`)
    }
  }

  function visit(rawKey: string, value: unknown): void {
    const keyPath = joinPath(path, rawKey)
    const key = normalizeKey(rawKey, options.keyStyle)
    if (key === undefined) {
      notes.push(`${keyPath || '(empty key)'}: key dropped`)
      return
    }
    if (key !== rawKey) notes.push(`${keyPath}: key sent as "${key}"`)
    const fullKey = truncate(prefix ? `${prefix}_${key}` : key, MAX_KEY_LENGTH)
    if (!isNested(value)) {
      const scalar = normalizeScalar(value, keyPath, options, notes)
      if (scalar !== undefined) writer.set(fullKey, scalar, keyPath)
      return
    }
    if (ancestors.includes(value)) {
      notes.push(`${keyPath}: circular reference dropped`)
      return
    }
    const strategy = options.flatOnly ? 'flatten' : options.nested
    const list = (values: Scalar[]) => (options.flatOnly ? joinScalars(values) : values)
    if (Array.isArray(value) && (strategy === 'flatten' || strategy === 'keep' || !holdsObject(value))) {
      const objects = holdsObject(value)
      // A list of objects inside an item of another list is text: one level of lists per field keeps the
      // work linear in the input, however the lists nest or share their items.
      if (objects && (options.inList || depth >= MAX_DEPTH)) {
        writer.set(fullKey, jsonText(value, keyPath, notes), keyPath)
        return
      }
      const array = normalizeArray(value, keyPath, options, notes)
      if (array !== undefined) writer.set(fullKey, list(array), keyPath)
      if (!objects) return
      const fields = columns(value, keyPath, depth, [...ancestors, value], options, notes)
      if (fields.size > 0) notes.push(`${keyPath}: list of objects sent as one list per field (${[...fields.keys()].map((k) => `${fullKey}_${k}`).join(', ')})`)
      for (const [field, values] of fields) writer.set(truncate(`${fullKey}_${field}`, MAX_KEY_LENGTH), list(values), `${keyPath}.${field}`)
      return
    }
    if (strategy === 'drop') {
      notes.push(`${keyPath}: ${Array.isArray(value) ? 'list of objects' : 'nested object'} dropped`)
    } else if (strategy === 'stringify' || depth >= MAX_DEPTH || (strategy === 'keep' && depth + 1 >= MAX_KEPT_DEPTH)) {
      writer.set(fullKey, jsonText(value, keyPath, notes), keyPath)
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
