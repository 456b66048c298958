/**
 * A call's data as it was when the call was made. A kept call is translated only once CleverTap has
 * loaded, and the page may change its objects meanwhile (a cart reused, a draft revoked), so it keeps a
 * detached copy: plain objects and arrays copied, Dates re-made, other values as they are. A value that
 * cannot be read (a throwing getter, a revoked Proxy) costs only itself, with a note.
 */
import type { SegmentEventLike } from '../bridge/translation/types'

/** Deeper than anything real; beyond it values are kept as they are and the translation bounds them. */
const MAX_COPY_DEPTH = 16

/** `ancestors`: the objects this one is inside, outermost first; their number is its depth. */
function copy(value: unknown, path: string, ancestors: unknown[], notes: string[]): unknown {
  if (typeof value !== 'object' || value === null || ancestors.length > MAX_COPY_DEPTH) return value
  if (ancestors.includes(value)) return void notes.push(`${path}: circular reference dropped`)
  // A Date of another frame fails this test and is kept as it is, like other class instances.
  if (value instanceof Date) return new Date(value.getTime())
  const isArray = Array.isArray(value)
  // A plain object's prototype is its realm's Object.prototype, whose own prototype is null.
  const proto = Object.getPrototypeOf(value)
  if (!isArray && proto !== null && Object.getPrototypeOf(proto) !== null) return value
  // Without a prototype, a `__proto__` key stays an own key of the copy.
  const out: Record<string, unknown> = isArray ? [] : Object.create(null)
  const inner = [...ancestors, value]
  for (const key of Object.keys(value)) {
    const at = isArray ? `${path}[${key}]` : path ? `${path}.${key}` : key
    try {
      out[key] = copy((value as Record<string, unknown>)[key], at, inner, notes)
    } catch {
      notes.push(`${at}: could not be read`)
    }
  }
  return out
}

/** The event's data as it is now (of its context, only where the page was), and notes about what could not be read. */
export function snapshot(event: SegmentEventLike & Record<string, unknown>): { event: SegmentEventLike; notes: string[] } {
  const notes: string[] = []
  const out = copy({ ...event, context: undefined }, '', [], notes) as Record<string, unknown>
  const url = (event.context as { page?: { url?: unknown } } | undefined)?.page?.url
  out.context = typeof url === 'string' ? { page: { url } } : undefined
  return { event: out as unknown as SegmentEventLike, notes }
}
