/**
 * Where CleverTap's data goes: the region (a host prefix) and an optional proxy host. Both can come from
 * the workspace's remote settings, so both are checked before they reach the SDK: a region is a short
 * label under clevertap-prod.com, a proxy is a bare hostname (the SDK always uses https).
 */

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string }

const REGION = /^[a-z]{2,5}\d{0,2}$/
/**
 * CleverTap's regions (developer.clevertap.com "Configuration Guide for CleverTap Regions"; `sk1` from
 * Segment's cloud destination), their old two-letter names, and the catalog's forms, which carry a
 * trailing dot. eu1 is the SDK's default, so it is left unset.
 */
const REGIONS: Record<string, string | undefined> = {
  eu1: undefined,
  eu: undefined,
  none: undefined,
  in1: 'in1',
  in: 'in1',
  sg1: 'sg1',
  sg: 'sg1',
  us1: 'us1',
  us: 'us1',
  aps3: 'aps3',
  mec1: 'mec1',
  sk1: 'sk1',
}
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
  if (Object.prototype.hasOwnProperty.call(REGIONS, region)) return { ok: true, value: REGIONS[region] }
  if (allowUnknown && REGION.test(region)) return { ok: true, value: region }
  const known = Object.keys(REGIONS).filter((name) => REGIONS[name] === name || name === 'eu1')
  const hint = allowUnknown ? 'a region is letters and up to two digits' : `known regions: ${known.join(', ')}; for a newer one set allowUnknownRegion: true`
  return { ok: false, error: `region "${input}" is not a CleverTap region (${hint}); nothing is sent` }
}

export function validateTargetDomain(input: unknown): Validated<string | undefined> {
  if (input === undefined || input === null || input === '') return { ok: true, value: undefined }
  if (typeof input !== 'string' || !HOSTNAME.test(input.trim())) {
    return { ok: false, error: `targetDomain must be a hostname such as "ct.example.com", got ${JSON.stringify(String(input))}` }
  }
  return { ok: true, value: input.trim().toLowerCase() }
}

