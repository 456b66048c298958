/**
 * A page in jsdom with the real analytics-next and the real CleverTap SDK. The network edge is faked:
 * CleverTap's JSONP tags are read as they are added and answered by FakeCleverTapServer, and Segment's
 * API calls go to a recording `fetch`. Nothing leaves the process.
 */
import * as wire from '../../tools/clevertap-wire.js'
import { FakeCleverTapServer } from './clevertap-wire'

export const ACCOUNT_ID = 'TEST-R78-ZZZ-5Z7Z'

const CLEVERTAP_GLOBALS = ['clevertap', 'wizrocket', '$WZRK_WR', '$CLTP_WR', 'isOULInProgress', 'oulReqN', 'encryptionInTransitInstance']

export interface SegmentRequest {
  url: string
  body: any
}

export interface Page {
  server: FakeCleverTapServer
  segment: SegmentRequest[]
  /** Stops answering CleverTap (an ad blocker, or offline). */
  blockCleverTap(): void
  dispose(): void
}

function clearCookies(): void {
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0].trim()
    if (!name) continue
    const host = location.hostname
    const parts = host.split('.')
    const domains = ['', host, ...parts.map((_, i) => '.' + parts.slice(i).join('.'))]
    for (const domain of domains) {
      document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/${domain ? `; domain=${domain}` : ''}`
    }
  }
}

/** A fresh page: no CleverTap globals, no storage, no cookies, fresh modules. */
export function freshPage(options: { keepStorage?: boolean } = {}): Page {
  jest.resetModules()
  for (const name of CLEVERTAP_GLOBALS) delete (window as any)[name]
  if (!options.keepStorage) {
    localStorage.clear()
    sessionStorage.clear()
    clearCookies()
  }
  history.replaceState({}, '', '/products/1')
  document.head.innerHTML = ''
  document.body.innerHTML = ''

  const server = new FakeCleverTapServer()
  let blocked = false
  const seen = new WeakSet<Node>()
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      mutation.addedNodes.forEach((node) => {
        if (!(node instanceof HTMLScriptElement) || seen.has(node) || !node.src) return
        seen.add(node)
        const url = node.src
        if (!wire.API_URL.test(url)) return
        if (blocked) return
        // A real reply arrives later than the request; answering in a macrotask keeps that order.
        setTimeout(() => {
          const args = server.receive(url)
          if (args) (window as any).$WZRK_WR?.s(...args)
        }, 0)
      })
    }
  })
  observer.observe(document, { childList: true, subtree: true })

  const segment: SegmentRequest[] = []
  ;(window as any).fetch = async (url: string, init?: { body?: string }) => {
    const target = String(url)
    if (!target.startsWith('https://api.segment.io/') && !target.startsWith('https://cdn.segment.com/')) {
      throw new Error(`test tried to reach ${target}`)
    }
    segment.push({ url: target, body: init?.body ? JSON.parse(init.body) : undefined })
    return { ok: true, status: 200, json: async () => ({}), text: async () => '{}', headers: { get: () => null } }
  }

  return {
    server,
    segment,
    blockCleverTap: () => {
      blocked = true
    },
    dispose: () => observer.disconnect(),
  }
}

export { eventually } from './poll'

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

/** CDN settings as Segment's CDN would serve them for a source with only Segment.io. */
export function cdnSettings(extra: Record<string, unknown> = {}): any {
  return {
    integrations: { 'Segment.io': { apiKey: 'test-write-key' }, ...extra },
    metrics: { sampleRate: 0 },
  }
}
