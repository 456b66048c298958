/**
 * What the Segment workspace says about CleverTap, read from the analytics instance: the classic
 * destination's settings, its consent categories, and the `bundled` mark Segment's servers read.
 */
import type { Analytics } from '@segment/analytics-next'

/** The classic CleverTap destination's settings, as Segment's CDN serves them. */
export interface WorkspaceSettings {
  clevertap_account_id?: unknown
  region?: unknown
  consentSettings?: { categories?: unknown } | null
  [key: string]: unknown
}

export const DESTINATION_NAME = 'CleverTap'

type Integrations = Record<string, unknown>

/** An object to read settings from: the value itself, or an empty one. */
const asObject = (value: unknown): Integrations => (typeof value === 'object' && value !== null ? (value as Integrations) : {})

/** The workspace's destinations, as Segment's CDN serves them to analytics-next (an empty object when it serves none). */
const cdnIntegrations = (analytics: Analytics | undefined): Integrations => asObject(analytics?.settings?.cdnSettings?.integrations)

/** The workspace's CleverTap settings, overridden by `integrations.CleverTap` given at load time. */
export function workspaceSettings(analytics: Analytics | undefined): WorkspaceSettings | undefined {
  try {
    const merged = { ...asObject(cdnIntegrations(analytics)[DESTINATION_NAME]), ...asObject(analytics?.options?.integrations?.[DESTINATION_NAME]) }
    return Object.keys(merged).length > 0 ? merged : undefined
  } catch {
    // Settings that cannot be read (a throwing getter) are no settings.
    return undefined
  }
}

/**
 * Marks CleverTap as delivered on the device. analytics-next lists the `bundled` destinations in every
 * Segment.io payload's `_metadata` from these settings, and Segment's servers do not deliver a bundled
 * destination again; without the mark, a workspace whose CleverTap entry is not flagged `bundled` would
 * have each event reach CleverTap twice.
 */
export function markDeliveredOnDevice(analytics: Analytics | undefined): void {
  try {
    const integrations = cdnIntegrations(analytics)
    integrations[DESTINATION_NAME] = { ...asObject(integrations[DESTINATION_NAME]), bundlingStatus: 'bundled' }
  } catch {
    // Frozen settings: Segment's servers decide from the workspace's own `bundled` flag.
  }
}

/**
 * For `updateCDNSettings`: keeps the workspace's CleverTap settings but takes away the marks that make
 * analytics-next install Segment's classic CleverTap integration, so a plugin registered from this
 * package is the only CleverTap on the page. Meant for the snippet, which cannot pass
 * `classicIntegrations`.
 */
export function withoutClassicCleverTap<T extends { integrations?: Record<string, unknown> }>(cdnSettings: T): T {
  const entry = cdnSettings?.integrations?.[DESTINATION_NAME] as Integrations | undefined
  if (typeof entry !== 'object' || entry === null) return cdnSettings
  // analytics-next installs a destination whose `type` or `versionSettings.componentTypes` says `browser`;
  // both only say how Segment's own integration is delivered, which the plugin never reads. The `bundled`
  // mark for Segment's servers is the plugin's to set (markDeliveredOnDevice).
  const kept = { ...entry, type: undefined, versionSettings: undefined }
  return { ...cdnSettings, integrations: { ...cdnSettings.integrations, [DESTINATION_NAME]: kept } }
}
