/**
 * CleverTap's reserved profile fields, each normalised to exactly what the SDK's validation accepts.
 * A value that cannot be made acceptable returns undefined and leaves a note.
 */
import type { Notes } from './values'
import { own } from './own'
import { asValidDate, ISO_DATE_TIME } from './values'

const PHONE_PUNCTUATION = /[\s\-.()/]/g
const DIGITS = /^\d+$/
const COUNTRY_CODE = /^\+?(\d{1,4})$/
/** E.164 numbers have at most 15 digits; the SDK wants more than 8 characters including `+`. */
const MIN_PHONE_DIGITS = 8
const MAX_PHONE_DIGITS = 15

/**
 * `+` and digits. `00` counts as `+`; a national number gets `defaultCountryCode` (its trunk `0`
 * removed) when one is configured, since CleverTap only stores numbers with a country code.
 */
export function normalizePhone(value: unknown, defaultCountryCode: string | undefined, notes: Notes): string | undefined {
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isSafeInteger(value))) {
    if (value !== undefined && value !== null) notes.push('phone: dropped (not a string)')
    return undefined
  }
  let text = String(value).replace(PHONE_PUNCTUATION, '')
  if (text.startsWith('00')) text = `+${text.slice(2)}`
  if (!text.startsWith('+')) {
    const code = defaultCountryCode === undefined ? undefined : COUNTRY_CODE.exec(defaultCountryCode.trim())?.[1]
    if (code === undefined) {
      notes.push('phone: dropped (no country code; set defaultCountryCode)')
      return undefined
    }
    text = `+${code}${text.replace(/^0+/, '')}`
  }
  const digits = text.slice(1)
  if (!DIGITS.test(digits) || digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) {
    notes.push('phone: dropped (not a valid international number)')
    return undefined
  }
  return text
}

const GENDERS: Record<string, 'M' | 'F' | 'O' | 'U'> = {
  m: 'M',
  male: 'M',
  man: 'M',
  f: 'F',
  female: 'F',
  woman: 'F',
  o: 'O',
  other: 'O',
  others: 'O',
  'non-binary': 'O',
  nonbinary: 'O',
  u: 'U',
  unknown: 'U',
}

export function normalizeGender(value: unknown, notes: Notes): 'M' | 'F' | 'O' | 'U' | undefined {
  const gender = typeof value === 'string' ? own(GENDERS, value.trim().toLowerCase()) : undefined
  if (gender === undefined && value !== undefined && value !== null) {
    notes.push(`gender: dropped (${typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value} is not M/F/O/U)`)
  }
  return gender
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A birthday as a Date. A calendar date (`YYYY-MM-DD`) is placed at noon UTC so that it names the
 * same day in every time zone CleverTap may display it in.
 */
export function parseBirthday(value: unknown, notes: Notes): Date | undefined {
  let date: Date | undefined
  if (typeof value === 'string') {
    const text = value.trim()
    const day = DATE_ONLY.exec(text)
    if (day) {
      const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])]
      const candidate = new Date(Date.UTC(year, month - 1, dayOfMonth, 12))
      if (candidate.getUTCMonth() === month - 1 && candidate.getUTCDate() === dayOfMonth) date = candidate
    } else if (ISO_DATE_TIME.test(text)) {
      date = asValidDate(new Date(text))
    }
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    date = asValidDate(new Date(value))
  } else {
    date = asValidDate(value)
  }
  if (date === undefined && value !== undefined && value !== null) notes.push('birthday: dropped (not a date)')
  return date
}

export function normalizeAge(value: unknown, notes: Notes): number | undefined {
  const age = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  if (Number.isFinite(age) && age >= 0) return age
  if (value !== undefined && value !== null) notes.push('age: dropped (not a number)')
  return undefined
}

/** Subscription flags and `Married`/`Employed` take booleans or their usual spellings. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase()
    if (text === 'true' || text === 'yes' || text === 'y') return true
    if (text === 'false' || text === 'no' || text === 'n') return false
  }
  return undefined
}

const EDUCATION = ['School', 'College', 'Graduate']

/**
 * A trait whose key is itself one of CleverTap's reserved profile keys (e.g. a trait named `Married`)
 * must pass the SDK's check for that key, or the SDK drops it (and, for some keys, throws).
 */
export function normalizeReservedTrait(
  key: string,
  value: unknown,
  defaultCountryCode: string | undefined,
  notes: Notes,
): string | number | boolean | Date | undefined {
  switch (key) {
    case 'Gender':
      return normalizeGender(value, notes)
    case 'Phone':
      return normalizePhone(value, defaultCountryCode, notes)
    case 'DOB':
    case 'Birthday':
      return parseBirthday(value, notes)
    case 'Age':
      return normalizeAge(value, notes)
    case 'Married':
    case 'Employed': {
      const flag = asBoolean(value)
      if (flag === undefined) notes.push(`${key}: dropped (not Y/N)`)
      return flag === undefined ? undefined : flag ? 'Y' : 'N'
    }
    case 'Education': {
      const match = typeof value === 'string' ? EDUCATION.find((e) => e.toLowerCase() === value.trim().toLowerCase()) : undefined
      if (match === undefined) notes.push('Education: dropped (not School/College/Graduate)')
      return match
    }
    default:
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
      notes.push(`${key}: dropped (not a string)`)
      return undefined
  }
}
