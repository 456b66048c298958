/**
 * CleverTap's wire, decoded, and a stand-in for its server: the same reply logic serves jsdom (called
 * directly) and Chromium (served as the JSONP script the real server returns).
 */
import LZString from 'lz-string'

export interface WireRequest {
  url: string
  host: string
  /** `push`, `page`, `ping`, `data`. */
  type: string
  /** The decoded `d` envelope. */
  data: Record<string, any>
  /** The CleverTap ID the request is attributed to: `g` in the envelope, else the `gc` parameter added when it fired. */
  guid: string | undefined
  params: Record<string, string>
}

export function decodeRequest(url: string): WireRequest | undefined {
  const parsed = new URL(url)
  const d = parsed.searchParams.get('d')
  if (!d) return undefined
  const json = LZString.decompressFromBase64(d)
  if (!json) return undefined
  const params: Record<string, string> = {}
  parsed.searchParams.forEach((value, key) => {
    if (key !== 'd') params[key] = value
  })
  const data = JSON.parse(json)
  return { url, host: parsed.host, type: params.type ?? '', data, params, guid: data.g ?? params.gc }
}

/** Arguments of `$WZRK_WR.s(guid, session, resume, respNumber)`, as CleverTap's server would send them. */
export class FakeCleverTapServer {
  readonly requests: WireRequest[] = []
  private guidCounter = 0
  private guid: string | undefined
  readonly sessionId = 1_700_000_000

  private newGuid(): string {
    this.guidCounter++
    return `${this.guidCounter.toString(16).padStart(8, '0')}${'f'.repeat(24)}`
  }

  /** Records the request and returns the reply arguments (undefined when not a data request). */
  receive(url: string): [string, number, boolean, number] | undefined {
    const request = decodeRequest(url)
    if (!request) return undefined
    this.requests.push(request)
    const isLogin = request.data.isOUL === true || request.data.rc === true
    this.guid = isLogin || !request.guid ? this.newGuid() : request.guid
    const rn = Number(request.params.rn ?? 0)
    return [this.guid!, this.sessionId, request.data.isOUL === true, rn]
  }

  replyScript(url: string): string {
    const args = this.receive(url)
    return args ? `window.$WZRK_WR && window.$WZRK_WR.s(${args.map((a) => JSON.stringify(a)).join(',')});` : ''
  }

  /** Decoded event envelopes, each with the `guid` it was attributed to. */
  events(name?: string): Array<Record<string, any>> {
    return this.requests
      .filter((r) => r.data.type === 'event' && (name === undefined || r.data.evtName === name))
      .map((r) => ({ ...r.data, guid: r.guid }))
  }

  profiles(): Array<Record<string, any>> {
    return this.requests.filter((r) => r.data.type === 'profile').map((r) => ({ ...r.data, guid: r.guid }))
  }

  pages(): WireRequest[] {
    return this.requests.filter((r) => r.type === 'page')
  }
}
