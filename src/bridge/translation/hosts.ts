/**
 * Where CleverTap's data goes and where its code comes from: the region (a host prefix), an optional proxy
 * host, and script URLs. Each can come from the workspace's remote settings, so each is checked before it
 * reaches the SDK or the page: a region is a short label under clevertap-prod.com, a proxy is a bare
 * hostname (the SDK always uses https), a script is served over https or from the page's own origin.
 */

import { own } from './own'

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string }

const REGION = /^[a-z]{2,5}\d{0,2}$/
/**
 * CleverTap's regions (developer.clevertap.com "Configuration Guide for CleverTap Regions"; `sk1` from
 * Segment's cloud destination). eu1 is the SDK's default, so it is left unset.
 */
const KNOWN_REGIONS = ['eu1', 'in1', 'sg1', 'us1', 'aps3', 'mec1', 'sk1'] as const
/** CleverTap's regions, as its dashboard names them (Settings → Project). */
export type CleverTapRegion = (typeof KNOWN_REGIONS)[number]
const DEFAULT_REGION = 'eu1'
/** Old two-letter names; the catalog's forms carry a trailing dot, which is dropped before this. */
const ALIASES: Record<string, string> = { eu: 'eu1', none: 'eu1', in: 'in1', sg: 'sg1', us: 'us1' }
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i

/**
 * `undefined` means CleverTap's default region (eu1). A region not in the list (a misspelt `india` would
 * send every call to a host that does not exist) is refused unless `allowUnknown` says it is meant, for a
 * region newer than this list.
 */
export function normalizeRegion(input: unknown, allowUnknown = false): Validated<string | undefined> {
  if (input === undefined || input === null) return { ok: true, value: undefined }
  if (typeof input !== 'string') return { ok: false, error: `region must be a string, got ${typeof input}` }
  const region = input.trim().toLowerCase().replace(/\.+$/, '')
  if (region === '') return { ok: true, value: undefined }
  const named = own(ALIASES, region) ?? region
  if ((KNOWN_REGIONS as readonly string[]).includes(named) || (allowUnknown && REGION.test(named))) return { ok: true, value: named === DEFAULT_REGION ? undefined : named }
  const hint = allowUnknown ? 'a region is letters and up to two digits' : `known regions: ${KNOWN_REGIONS.join(', ')}; for a newer one set allowUnknownRegion: true`
  return { ok: false, error: `region "${input}" is not a CleverTap region (${hint}); nothing is sent` }
}

export function validateTargetDomain(input: unknown): Validated<string | undefined> {
  if (input === undefined || input === null || input === '') return { ok: true, value: undefined }
  if (typeof input !== 'string' || !HOSTNAME.test(input.trim())) {
    return { ok: false, error: `targetDomain must be a hostname such as "ct.example.com", got ${JSON.stringify(String(input))}` }
  }
  return { ok: true, value: input.trim().toLowerCase() }
}


/** A script URL: https, or the page's own origin. */
export function validateScriptUrl(name: string, input: unknown, pageOrigin: string | undefined): Validated<string | undefined> {
  if (input === undefined || input === null || input === '') return { ok: true, value: undefined }
  if (typeof input !== 'string') return { ok: false, error: `${name} must be a string` }
  let url: URL
  try {
    url = new URL(input, pageOrigin)
  } catch {
    return { ok: false, error: `${name} "${input}" is not a URL` }
  }
  if (url.protocol === 'https:' || (pageOrigin !== undefined && url.origin === pageOrigin)) return { ok: true, value: url.href }
  return { ok: false, error: `${name} must use https or the page's own origin, got "${input}"` }
}
