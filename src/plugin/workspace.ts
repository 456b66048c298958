/**
 * What the Segment workspace says about CleverTap, read from the analytics instance: the classic
 * destination's settings, its consent categories, and the `bundled` mark Segment's servers read.
 */
import type { Analytics } from '@segment/analytics-next'
import { isPlainObject } from '../bridge/translation/objects'

/** The classic CleverTap destination's settings, as Segment's CDN serves them. */
export interface WorkspaceSettings {
  clevertap_account_id?: unknown
  region?: unknown
  consentSettings?: { categories?: unknown }
  [key: string]: unknown
}

export const DESTINATION_NAME = 'CleverTap'

type Integrations = Record<string, unknown>

function cdnIntegrations(analytics: Analytics | undefined): Integrations | undefined {
  try {
    const integrations = analytics?.settings?.cdnSettings?.integrations as Integrations | undefined
    return typeof integrations === 'object' && integrations !== null ? integrations : undefined
  } catch {
    return undefined
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {}
}

/** The workspace's CleverTap settings, overridden by `integrations.CleverTap` given at load time. */
export function workspaceSettings(analytics: Analytics | undefined): WorkspaceSettings | undefined {
  let fromInit: unknown
  try {
    fromInit = analytics?.options?.integrations?.[DESTINATION_NAME]
  } catch {
    fromInit = undefined
  }
  const merged = { ...asObject(cdnIntegrations(analytics)?.[DESTINATION_NAME]), ...asObject(fromInit) }
  return Object.keys(merged).length > 0 ? (merged as WorkspaceSettings) : undefined
}

/** The consent categories the workspace maps CleverTap to (Segment's `consentSettings`). */
export function workspaceConsentCategories(settings: WorkspaceSettings | undefined): string[] {
  const categories = asObject(settings?.consentSettings).categories
  return Array.isArray(categories) ? categories.filter((c): c is string => typeof c === 'string') : []
}

/**
 * Marks CleverTap as delivered on the device. analytics-next lists the `bundled` destinations in every
 * Segment.io payload's `_metadata` from these settings, and Segment's servers do not deliver a bundled
 * destination again; without the mark, a workspace whose CleverTap entry is not flagged `bundled` would
 * have each event reach CleverTap twice.
 */
export function markDeliveredOnDevice(analytics: Analytics | undefined): void {
  const integrations = cdnIntegrations(analytics)
  if (!integrations) return
  const entry = integrations[DESTINATION_NAME]
  if (typeof entry === 'object' && entry !== null) (entry as Record<string, unknown>).bundlingStatus = 'bundled'
  else integrations[DESTINATION_NAME] = { bundlingStatus: 'bundled' }
}

/**
 * For `updateCDNSettings`: keeps the workspace's CleverTap settings but takes away the marks that make
 * analytics-next install Segment's classic CleverTap integration, so a plugin registered from this
 * package is the only CleverTap on the page. Meant for the snippet, which cannot pass
 * `classicIntegrations`.
 */
export function withoutClassicCleverTap<T extends { integrations?: Record<string, unknown> }>(cdnSettings: T): T {
  const entry = cdnSettings?.integrations?.[DESTINATION_NAME]
  if (typeof entry !== 'object' || entry === null) return cdnSettings
  const { type: _type, versionSettings, ...rest } = entry as Record<string, unknown> & { versionSettings?: Record<string, unknown> }
  // The `bundled` mark for Segment's servers is the plugin's to set (markDeliveredOnDevice).
  const kept: Record<string, unknown> = { ...rest }
  if (versionSettings && typeof versionSettings === 'object') {
    const { componentTypes: _components, ...version } = versionSettings
    kept.versionSettings = version
  }
  return { ...cdnSettings, integrations: { ...cdnSettings.integrations, [DESTINATION_NAME]: kept } }
}
