export interface LZ {
  decompressFromBase64(input: string): string | null
}

export interface WireRequest {
  url: string
  host: string
  /** `push`, `page`, `ping`, `data`. */
  type: string
  /** The decoded `d` envelope. */
  data: Record<string, any>
  params: Record<string, string>
  /** The CleverTap ID the request is attributed to. */
  guid: string | undefined
  /** Set by the tests' server: the CleverTap ID it answered with (a login's profile, or the request's own). */
  replyGuid?: string
  /** Set by the tests' server: the data came encrypted in transit. */
  encrypted?: boolean
  /** Set by the tests' server: how the SDK sent it, a script tag (JSONP) or `fetch`. */
  transport?: 'script' | 'fetch'
}

export const CDN_SDK_URL: string
export const CDN_SDK_URLS: string[]
export const API_HOST: RegExp
export const API_URL: RegExp

export function decode(url: string, lz: LZ): WireRequest | null
/** What makes two requests one: a re-send keeps its payload and stamp (`i`, `sn`), not always its number. */
export function requestKey(request: WireRequest): string
export function createServer(
  lz: LZ,
  newGuid: () => string,
): {
  receive(url: string): { request: WireRequest; args: [string, number, boolean, number] } | null
  script(args: unknown[]): string
}
