/**
 * A call's data as it was when the call was made. A kept call is translated only once CleverTap has
 * loaded, and the page may change its objects meanwhile (a cart reused, a draft revoked), so it keeps a
 * detached copy, made by the browser's structured clone: objects, arrays and Dates copied, cycles kept as
 * cycles (the translation cuts them, with a note). Data the browser cannot clone (a function, a throwing
 * getter, a revoked Proxy) leaves the call as it is, with a note: it is read when CleverTap takes it.
 */
import type { SegmentEventLike } from '../bridge/translation/types'

/** The event's data as it is now (of its context, only where the page was), and notes about what could not be copied. */
export function snapshot(event: SegmentEventLike & Record<string, unknown>): { event: SegmentEventLike; notes: string[] } {
  const notes: string[] = []
  const { context, ...data } = event
  let copy: Record<string, unknown> = data
  try {
    copy = structuredClone(data)
  } catch {
    notes.push('not copied when made: read when sent')
  }
  const url = (context as { page?: { url?: unknown } } | undefined)?.page?.url
  copy.context = typeof url === 'string' ? { page: { url } } : undefined
  return { event: copy as unknown as SegmentEventLike, notes }
}
