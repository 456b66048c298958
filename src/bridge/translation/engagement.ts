/**
 * CleverTap engagement the browser can see, as Segment track events: which CleverTap request or native
 * display event is engagement, and what Segment event it becomes. Watching for them is the edge's
 * (src/bridge/sdk/engagement.ts).
 */

import { own } from './own'

export interface Engagement {
  name: string
  properties: Record<string, string | number | boolean>
}

/**
 * CleverTap's system events for campaigns (web pop-ups, inbox, native display, web push clicks), named as
 * CleverTap's Export to Segment names them, so one warehouse table holds both copies.
 */
const NOTIFICATION_EVENTS: Record<string, string> = {
  'Notification Viewed': 'Notification Viewed',
  'Notification Clicked': 'Notification Clicked',
}

/** Marks the browser's copy, which a warehouse tells from the Export's by it. */
export const FORWARDED_BY = { forwarded_by: 'clevertap-segment-web' } as const

/** Whether Segment call properties are those of CleverTap engagement this package forwarded. */
export function isForwardedEngagement(properties: unknown): boolean {
  return (properties as Record<string, unknown> | undefined)?.forwarded_by === FORWARDED_BY.forwarded_by
}

/**
 * Campaign identifiers CleverTap puts on engagement (`wzrk_id` is the campaign and variant id), with the
 * campaign as the Export names it (`Campaign Id`).
 */
function campaignProperties(data: Record<string, unknown>): Engagement['properties'] {
  const properties: Engagement['properties'] = {}
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith('wzrk_')) continue
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') properties[key] = value
  }
  if (typeof properties.wzrk_id === 'string' || typeof properties.wzrk_id === 'number') properties['Campaign Id'] = String(properties.wzrk_id).split('_')[0]
  return { ...properties, ...FORWARDED_BY }
}

/** The engagement a CleverTap API request reports, if any (its `d` is LZ-string base64). */
export function engagementFromRequest(url: string, decompressFromBase64: (input: string) => string | null): Engagement | undefined {
  try {
    const d = new URL(url).searchParams.get('d')
    if (!d) return undefined
    const data = JSON.parse(decompressFromBase64(d) ?? 'null') as { type?: string; evtName?: string; evtData?: Record<string, unknown> } | null
    const name = data?.type === 'event' && typeof data.evtName === 'string' ? own(NOTIFICATION_EVENTS, data.evtName) : undefined
    return name ? { name, properties: campaignProperties(data?.evtData ?? {}) } : undefined
  } catch {
    return undefined
  }
}

/** Native display campaigns the SDK hands the page (`CT_web_native_display*` DOM events). */
export function engagementFromNativeDisplay(detail: unknown): Engagement | undefined {
  const d = detail as { msgId?: unknown; pivotId?: unknown } | undefined
  if (!d || (typeof d.msgId !== 'string' && typeof d.msgId !== 'number')) return undefined
  return { name: 'CleverTap Native Display Received', properties: campaignProperties({ wzrk_id: d.msgId, wzrk_pivot: d.pivotId }) }
}

/** The answers to CleverTap's web push prompt, as the Segment events they become. */
export type WebPushOutcome = 'granted' | 'denied' | 'subscribed'
const WEB_PUSH_EVENTS: Record<WebPushOutcome, string> = {
  granted: 'CleverTap Web Push Permission Granted',
  denied: 'CleverTap Web Push Permission Denied',
  subscribed: 'CleverTap Web Push Subscribed',
}

export function engagementFromWebPush(outcome: WebPushOutcome): Engagement {
  return { name: WEB_PUSH_EVENTS[outcome], properties: { ...FORWARDED_BY } }
}
