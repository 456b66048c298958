/**
 * Single values and keys as CleverTap stores them, and reading objects that may fight back. Pure: the
 * input is never modified, and every dropped or changed value leaves a note.
 */
import type { Scalar } from './commands'
import { MAX_DEPTH, MAX_KEY_LENGTH, MAX_STRING_LENGTH, UNSUPPORTED_KEY_CHARS } from './constants'
import { isPlainObject } from './objects'

export { isPlainObject }

/** How nested objects reach CleverTap. */
export type NestedStrategy = 'flatten' | 'stringify' | 'drop' | 'keep'

/** Custom keys as given, or in lower snake_case as Segment's cloud-mode CleverTap destination sends them. */
export type KeyStyle = 'as-given' | 'snake_case'

export interface ValueOptions {
  nested: NestedStrategy
  keyStyle?: KeyStyle
  /** ISO-8601 date-time strings become Dates, so CleverTap stores them as dates. */
  convertDateStrings: boolean
}

/** Debug messages about what was dropped or changed; the caller decides where they go. */
export type Notes = string[]

/** An ISO-8601 date-time (date and time, optional seconds, fraction and offset). */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/
export const DATE_TAG = '[object Date]'

/** `planType`, `Plan Type` and `plan-type` all become `plan_type`; digits are words of their own (`item2` → `item_2`). */
export function snakeCase(key: string): string {
  const words = key.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|[\p{L}\p{M}]+/gu)
  return words ? words.join('_').toLowerCase() : key
}

/** A key as CleverTap can store it, or undefined when nothing is left of it. */
export function normalizeKey(key: string, style: KeyStyle = 'as-given'): string | undefined {
  const cleaned = (style === 'snake_case' ? snakeCase(key) : key).replace(UNSUPPORTED_KEY_CHARS, '_').trim()
  if (cleaned === '' || cleaned === '__proto__') return undefined
  return cleaned.length > MAX_KEY_LENGTH ? cleaned.slice(0, MAX_KEY_LENGTH) : cleaned
}


/** Dates are recognised by tag, not `instanceof`, and re-made here so the SDK's own check accepts them. */
export function asValidDate(value: unknown): Date | undefined {
  if (Object.prototype.toString.call(value) !== DATE_TAG) return undefined
  const time = (value as Date).getTime()
  return Number.isFinite(time) ? new Date(time) : undefined
}

/** `unsupportedValueCharRegex` in clevertap.js: the SDK deletes these from every string it sends, ids and emails included. */
const STRIPPED_BY_SDK = /['"\\]/g
const SPACE = /\s/
/** Whitespace as the SDK's `\s` trims it; ASCII answered without a regular expression. */
const isSpace = (code: number) => (code <= 32 ? code === 32 || (code >= 9 && code <= 13) : code >= 160 && SPACE.test(String.fromCharCode(code)))

/** Text with something the SDK would strip or trim. Most text has none and is returned at once, so this is one scan. */
function needsChange(text: string): boolean {
  const last = text.length - 1
  if (last < 0) return false
  if (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(last))) return true
  for (let i = 0; i <= last; i++) {
    const code = text.charCodeAt(i)
    if (code === 34 || code === 39 || code === 92) return true
  }
  return false
}
/** Look-alikes that the SDK leaves alone and that read the same: `O'Brien` arrives as `O’Brien`, not `OBrien`. */
const STAND_INS: Record<string, string> = { "'": '\u2019', '"': '\u201d', '\\': '\uff3c' }

/** Text as CleverTap will store it: characters the SDK would strip replaced by look-alikes, ends trimmed, each change noted. */
export function survivingText(text: string, path: string, notes: Notes): string {
  if (!needsChange(text)) return text
  const found = [...new Set(text.match(STRIPPED_BY_SDK))]
  const replaced = found.length > 0 ? text.replace(STRIPPED_BY_SDK, (c) => STAND_INS[c]) : text
  if (found.length > 0) notes.push(`${path}: ${found.join(' ')} sent as ${found.map((c) => STAND_INS[c]).join(' ')} (CleverTap's web SDK strips ' " \\)`)
  const trimmed = replaced.trim()
  if (trimmed !== replaced) notes.push(`${path}: spaces at the ends removed (CleverTap's web SDK trims text)`)
  return trimmed
}

/** For an id or email, which must stay what it is: a note of what the SDK will make of it. */
export function noteStripped(text: string, path: string, notes: Notes): void {
  if (!needsChange(text)) return
  const stripped = text.replace(STRIPPED_BY_SDK, '')
  if (stripped !== text) notes.push(`${path}: CleverTap's web SDK strips ' " \\ from it; it arrives as "${stripped}"`)
}

/** Any value as JSON text that survives the SDK (its quotes become look-alikes). */
export function jsonText(value: unknown, path: string, notes: Notes): string {
  return survivingText(safeStringify(value), path, notes)
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
      const text = survivingText(value, path, notes)
      if (text.length > MAX_STRING_LENGTH) {
        notes.push(`${path}: string cut to ${MAX_STRING_LENGTH} characters`)
        return text.slice(0, MAX_STRING_LENGTH)
      }
      return text
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

export function joinPath(path: string, key: string): string {
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
