/**
 * Where CleverTap's data goes: the region (a host prefix) and an optional proxy host. Both can come from
 * the workspace's remote settings, so both are checked before they reach the SDK: a region is a short
 * label under clevertap-prod.com, a proxy is a bare hostname (the SDK always uses https).
 */

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string }

const REGION = /^[a-z]{2,5}\d{0,2}$/
/** Old two-letter names, and the catalog's values, which carry a trailing dot. */
const REGION_ALIASES: Record<string, string | undefined> = { eu: undefined, eu1: undefined, none: undefined, in: 'in1', sg: 'sg1', us: 'us1' }
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i

/** `undefined` means CleverTap's default region (eu1). */
export function normalizeRegion(input: unknown): Validated<string | undefined> {
  if (input === undefined || input === null) return { ok: true, value: undefined }
  if (typeof input !== 'string') return { ok: false, error: `region must be a string, got ${typeof input}` }
  const region = input.trim().toLowerCase().replace(/\.+$/, '')
  if (region === '') return { ok: true, value: undefined }
  if (Object.prototype.hasOwnProperty.call(REGION_ALIASES, region)) return { ok: true, value: REGION_ALIASES[region] }
  if (!REGION.test(region)) return { ok: false, error: `region "${input}" is not a CleverTap region (eu1, in1, us1, sg1, aps3, mec1, …)` }
  return { ok: true, value: region }
}

export function validateTargetDomain(input: unknown): Validated<string | undefined> {
  if (input === undefined || input === null || input === '') return { ok: true, value: undefined }
  if (typeof input !== 'string' || !HOSTNAME.test(input.trim())) {
    return { ok: false, error: `targetDomain must be a hostname such as "ct.example.com", got ${JSON.stringify(String(input))}` }
  }
  return { ok: true, value: input.trim().toLowerCase() }
}

