/**
 * A call's data as it was when the call was made. A kept call is translated only once CleverTap has
 * loaded, and the page may change its objects meanwhile (a cart reused, a draft revoked), so it keeps a
 * detached copy: plain objects and arrays copied, Dates re-made, other values as they are. A value that
 * cannot be read (a throwing getter, a revoked Proxy) costs only itself, with a note.
 */
import type { SegmentEventLike } from '../translation/config'

/** Deeper than anything real; beyond it values are kept as they are and the translation bounds them. */
const MAX_COPY_DEPTH = 16

/** The parts of a Segment event the translation reads, each copied. */
const FIELDS = ['type', 'event', 'name', 'category', 'userId', 'previousId', 'groupId', 'anonymousId', 'messageId', 'traits', 'properties'] as const

function copy(value: unknown, path: string, depth: number, ancestors: unknown[], notes: string[]): unknown {
  if (typeof value !== 'object' || value === null || depth > MAX_COPY_DEPTH) return value
  if (ancestors.includes(value)) {
    notes.push(`${path}: circular reference dropped`)
    return undefined
  }
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime())
  const inner = [...ancestors, value]
  if (Array.isArray(value)) return value.map((item, i) => copy(item, `${path}[${i}]`, depth + 1, inner, notes))
  const proto = Object.getPrototypeOf(value)
  if (proto !== null && proto !== Object.prototype && Object.getPrototypeOf(proto) !== null) return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    try {
      const item = copy((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1, inner, notes)
      // `__proto__` as an own key stays an own key of the copy.
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true })
    } catch {
      notes.push(`${path}.${key}: value could not be read`)
    }
  }
  return out
}

/** The event's data as it is now, and notes about what could not be read. */
export function snapshot(event: SegmentEventLike & Record<string, unknown>): { event: SegmentEventLike; notes: string[] } {
  const notes: string[] = []
  const out: Record<string, unknown> = {}
  for (const field of FIELDS) {
    try {
      const value = copy(event[field], field, 0, [], notes)
      if (value !== undefined) out[field] = value
    } catch {
      notes.push(`${field}: could not be read`)
    }
  }
  try {
    const context = event.context as { page?: { url?: unknown } } | undefined
    const url = context?.page?.url
    if (typeof url === 'string') out.context = { page: { url } }
    const options = (event.integrations as Record<string, unknown> | undefined)?.CleverTap
    if (options !== undefined) out.integrations = { CleverTap: copy(options, 'integrations.CleverTap', 0, [], notes) }
  } catch {
    notes.push('context or integrations could not be read')
  }
  return { event: out as unknown as SegmentEventLike, notes }
}
