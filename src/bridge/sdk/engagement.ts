/**
 * Watching the page for CleverTap engagement (the SDK's requests and its native display events), and
 * asking for web push permission through the SDK. What counts as engagement is decided by the pure
 * translation (src/bridge/translation/engagement.ts).
 */
import type { Engagement } from '../translation/engagement'
import type { WebPushOutcome } from '../translation/engagement'
import { engagementFromNativeDisplay, engagementFromRequest, engagementFromWebPush } from '../translation/engagement'
import { API_REQUEST } from './endpoints'

const NATIVE_DISPLAY_EVENTS = ['CT_web_native_display', 'CT_web_native_display_json']

/** The requests whose engagement was forwarded in this tab, by their data: the SDK re-sends an unanswered one as it was. */
const FORWARDED_KEY = 'clevertap-segment-web:forwarded'
const FORWARDED_LIMIT = 200

/** True the first time this tab sees a request with this data (`d`), across its pages. */
function firstForward(url: string): boolean {
  const data = new URL(url).searchParams.get('d') ?? url
  let hash = 0
  for (let i = 0; i < data.length; i++) hash = (Math.imul(hash, 31) + data.charCodeAt(i)) | 0
  const key = hash.toString(36)
  try {
    const seen = JSON.parse(sessionStorage.getItem(FORWARDED_KEY) ?? '[]') as unknown
    const list = Array.isArray(seen) ? seen : []
    if (list.includes(key)) return false
    sessionStorage.setItem(FORWARDED_KEY, JSON.stringify([...list, key].slice(-FORWARDED_LIMIT)))
  } catch {
    // Storage blocked: this page alone decides (the watcher sees each script tag once).
  }
  return true
}

/**
 * Watches the page for engagement: CleverTap's requests (script tags the SDK adds) and its native display
 * events. Returns a function that stops watching.
 */
export function watchEngagement(report: (engagement: Engagement) => void): () => void {
  const seen = new WeakSet<Node>()
  // CleverTap's requests are LZ-compressed; the decoder loads only for sites that forward engagement.
  const decoder = import('lz-string').then((lz) => (lz.decompressFromBase64 ?? (lz as unknown as { default: typeof lz }).default.decompressFromBase64).bind(lz))
  decoder.catch(() => undefined)
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      mutation.addedNodes.forEach((node) => {
        const src = (node as HTMLScriptElement).src
        if (seen.has(node) || typeof src !== 'string' || !API_REQUEST.test(src)) return
        seen.add(node)
        decoder.then(
          (decompress) => {
            const engagement = engagementFromRequest(src, decompress)
            if (engagement && firstForward(src)) report(engagement)
          },
          () => undefined,
        )
      })
    }
  })
  observer.observe(document.head ?? document.documentElement, { childList: true, subtree: true })
  const onNativeDisplay = (event: Event) => {
    const engagement = engagementFromNativeDisplay((event as CustomEvent).detail)
    if (engagement) report(engagement)
  }
  for (const name of NATIVE_DISPLAY_EVENTS) document.addEventListener(name, onNativeDisplay)
  return () => {
    observer.disconnect()
    for (const name of NATIVE_DISPLAY_EVENTS) document.removeEventListener(name, onNativeDisplay)
  }
}

/** The options `clevertap.notifications.push` takes, with the callbacks it calls. */
export interface WebPushRequest {
  okCallback?: unknown
  rejectCallback?: unknown
  subscriptionCallback?: unknown
  [option: string]: unknown
}

/**
 * Asks for web push permission through CleverTap (`notifications.push`); the SDK shows the prompt once
 * its server has sent the dashboard's web push settings. The site's own callbacks still run; `report`
 * also hears of each outcome.
 */
export function askForWebPush(
  notifications: { push(...args: unknown[]): unknown },
  options: WebPushRequest,
  report?: (engagement: Engagement) => void,
): void {
  const relay = (callback: unknown, outcome: WebPushOutcome) => () => {
    report?.(engagementFromWebPush(outcome))
    if (typeof callback === 'function') callback()
  }
  notifications.push({
    ...options,
    okCallback: relay(options.okCallback, 'granted'),
    rejectCallback: relay(options.rejectCallback, 'denied'),
    subscriptionCallback: relay(options.subscriptionCallback, 'subscribed'),
  })
}
