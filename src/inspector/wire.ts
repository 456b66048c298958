/**
 * CleverTap's requests as the inspector sees them leave the page: each request to CleverTap's API, decoded
 * (its data is LZ-compressed JSON in the `d` parameter), and whether CleverTap answered. The SDK sends by
 * script tags (JSONP), whose load or error says whether an answer came, or, with `enableFetchApi`, by
 * `fetch`, seen here once it has finished. It only watches: nothing is sent or changed.
 */
import * as lz from 'lz-string'

/** Anything on CleverTap's regional API hosts, and a data request to it (`/a?…`). */
const API_REQUEST = /^https:\/\/[a-z0-9-]+\.clevertap-prod\.com\/a\?/

export interface CleverTapRequest {
  url: string
  host: string
  /** `push`, `page`, `ping`, `data`. */
  type: string
  /** The decoded data: undefined when it cannot be read (encrypted in transit). */
  data?: Record<string, unknown>
  /** The CleverTap ID the request is attributed to. */
  guid?: string
  transport: 'script' | 'fetch'
}

const decompress: (input: string) => string | null = (lz.decompressFromBase64 ?? (lz as unknown as { default: typeof lz }).default.decompressFromBase64).bind(lz)

/** The request to CleverTap's API at `url`, decoded; undefined for any other URL. */
export function decodeRequest(url: string, transport: CleverTapRequest['transport']): CleverTapRequest | undefined {
  if (!API_REQUEST.test(url)) return undefined
  const parsed = new URL(url)
  let data: Record<string, unknown> | undefined
  try {
    const json = decompress(parsed.searchParams.get('d') ?? '')
    data = json ? (JSON.parse(json) as Record<string, unknown>) : undefined
  } catch {
    data = undefined
  }
  const guid = typeof data?.g === 'string' ? data.g : (parsed.searchParams.get('gc') ?? undefined)
  return { url, host: parsed.host, type: parsed.searchParams.get('type') ?? '', data, guid, transport }
}

/**
 * Calls `seen` with each CleverTap request from now on, and its returned function with whether CleverTap
 * answered, once that is known. Returns a function that stops watching.
 */
export function watchRequests(doc: Document, seen: (request: CleverTapRequest) => ((answered: boolean) => void) | void): () => void {
  const scripts = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      mutation.addedNodes.forEach((node) => {
        const src = (node as HTMLScriptElement).src
        const request = (node as Element).tagName === 'SCRIPT' && src ? decodeRequest(src, 'script') : undefined
        const answer = request && seen(request)
        if (!answer) return
        node.addEventListener('load', () => answer(true), { once: true })
        node.addEventListener('error', () => answer(false), { once: true })
      })
    }
  })
  scripts.observe(doc.documentElement, { childList: true, subtree: true })
  let fetches: PerformanceObserver | undefined
  try {
    fetches = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
        const request = entry.initiatorType === 'fetch' ? decodeRequest(entry.name, 'fetch') : undefined
        // A finished fetch with no response has no response start.
        if (request) seen(request)?.(entry.responseStart > 0)
      }
    })
    fetches.observe({ type: 'resource' })
  } catch {
    // No resource timing here: requests by fetch are not shown.
  }
  return () => {
    scripts.disconnect()
    fetches?.disconnect()
  }
}
