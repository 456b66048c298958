/**
 * CleverTap engagement the browser can see, as Segment track events. Pure part: which CleverTap request
 * or DOM event is engagement, and what Segment event it becomes. Edge part: watching for them.
 */
import { decompressFromBase64 } from 'lz-string'

export interface Engagement {
  name: string
  properties: Record<string, string | number | boolean>
}

/** CleverTap's system events for campaigns (web pop-ups, inbox, native display, web push clicks). */
const NOTIFICATION_EVENTS: Record<string, string> = {
  'Notification Viewed': 'CleverTap Notification Viewed',
  'Notification Clicked': 'CleverTap Notification Clicked',
}

/** Campaign identifiers CleverTap puts on engagement (`wzrk_id` is the campaign and variant id). */
function campaignProperties(data: Record<string, unknown>): Engagement['properties'] {
  const properties: Engagement['properties'] = {}
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith('wzrk_')) continue
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') properties[key] = value
  }
  if (typeof properties.wzrk_id === 'string') properties.campaign_id = properties.wzrk_id.split('_')[0]
  return properties
}

/** The engagement a CleverTap API request reports, if any (its `d` is LZ-string base64). */
export function engagementFromRequest(url: string): Engagement | undefined {
  try {
    const d = new URL(url).searchParams.get('d')
    if (!d) return undefined
    const data = JSON.parse(decompressFromBase64(d) ?? 'null') as { type?: string; evtName?: string; evtData?: Record<string, unknown> } | null
    const name = data?.type === 'event' && data.evtName ? NOTIFICATION_EVENTS[data.evtName] : undefined
    return name ? { name, properties: campaignProperties(data?.evtData ?? {}) } : undefined
  } catch {
    return undefined
  }
}

/** Native display campaigns the SDK hands the page (`CT_web_native_display*` DOM events). */
export function engagementFromNativeDisplay(detail: unknown): Engagement | undefined {
  const d = detail as { msgId?: unknown; pivotId?: unknown } | undefined
  if (!d || (typeof d.msgId !== 'string' && typeof d.msgId !== 'number')) return undefined
  const properties: Engagement['properties'] = { wzrk_id: d.msgId, campaign_id: String(d.msgId).split('_')[0] }
  if (typeof d.pivotId === 'string') properties.wzrk_pivot = d.pivotId
  return { name: 'CleverTap Native Display Received', properties }
}

const NATIVE_DISPLAY_EVENTS = ['CT_web_native_display', 'CT_web_native_display_json']

/**
 * Watches the page for engagement: CleverTap's requests (script tags the SDK adds) and its native display
 * events. Returns a function that stops watching.
 */
export function watchEngagement(report: (engagement: Engagement) => void): () => void {
  const seen = new WeakSet<Node>()
  const host = /\.clevertap-prod\.com\/a\?|\/a\?t=96/
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      mutation.addedNodes.forEach((node) => {
        const src = (node as HTMLScriptElement).src
        if (seen.has(node) || typeof src !== 'string' || !host.test(src)) return
        seen.add(node)
        const engagement = engagementFromRequest(src)
        if (engagement) report(engagement)
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
  const relay = (callback: unknown, name: string) => () => {
    report?.({ name, properties: {} })
    if (typeof callback === 'function') callback()
  }
  notifications.push({
    ...options,
    okCallback: relay(options.okCallback, 'CleverTap Web Push Permission Granted'),
    rejectCallback: relay(options.rejectCallback, 'CleverTap Web Push Permission Denied'),
    subscriptionCallback: relay(options.subscriptionCallback, 'CleverTap Web Push Subscribed'),
  })
}
