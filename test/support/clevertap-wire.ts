/**
 * CleverTap's wire as the tests see it: FakeCleverTapServer records every decoded request and answers it
 * the way CleverTap's server does (see tools/clevertap-wire.js, shared with the demo and benchmarks).
 */
import { createDecipheriv } from 'crypto'
import LZString from 'lz-string'

import * as wire from '../../tools/clevertap-wire.js'
import type { WireRequest } from '../../tools/clevertap-wire.js'

export type { WireRequest }
/** What makes two requests one (a re-send keeps its payload and stamp). */
export const requestKey = wire.requestKey

/**
 * A request whose data the SDK encrypted in transit (`enableEncryptionInTransit`), as CleverTap's server
 * reads it: the `d` parameter is an envelope of AES-GCM ciphertext (its tag last), key and IV; inside is
 * the plain `d`. Returns the URL with the plain `d`, or undefined when the request is not encrypted.
 */
export function decryptedUrl(url: string): string | undefined {
  const parsed = new URL(url)
  const envelope = JSON.parse(LZString.decompressFromBase64(parsed.searchParams.get('d') ?? '') || 'null') as { encrypted?: boolean; itp?: string; itk?: string; itv?: string } | null
  if (!envelope?.encrypted || !envelope.itp || !envelope.itk || !envelope.itv) return undefined
  const sealed = Buffer.from(envelope.itp, 'base64')
  const key = Buffer.from(envelope.itk, 'base64')
  const decipher = createDecipheriv(`aes-${key.length * 8}-gcm` as 'aes-256-gcm', key, Buffer.from(envelope.itv, 'base64'))
  decipher.setAuthTag(sealed.subarray(sealed.length - 16))
  const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8')
  parsed.searchParams.set('d', plain)
  return parsed.href
}

export function decodeRequest(url: string): WireRequest | undefined {
  return wire.decode(url, LZString) ?? undefined
}

/**
 * What a Segment call became on the wire, as the tests name it: the event's name, or `login <Identity>`
 * for a login; undefined for anything else, the SDK's own `wzrk_fetch` included.
 */
export function sentAs(request: WireRequest): string | undefined {
  const what = request.data.evtName ?? (request.data.profile?.Identity ? `login ${request.data.profile.Identity}` : undefined)
  return what === 'wzrk_fetch' ? undefined : what
}

export class FakeCleverTapServer {
  /** Every request received, retransmissions included. */
  readonly all: WireRequest[] = []
  /**
   * Each request once: the SDK re-sends requests it kept but has not seen answered yet (same payload and
   * stamp, `requestKey`), which is one delivery, not two.
   */
  readonly requests: WireRequest[] = []
  private readonly seen = new Set<string>()
  private guids = 0
  private readonly server = wire.createServer(LZString, () => `${(++this.guids).toString(16).padStart(8, '0')}${'f'.repeat(24)}`)

  /** Records the request and returns the reply's arguments (undefined when not a data request). */
  receive(url: string): [string, number, boolean, number] | undefined {
    let plainUrl: string | undefined
    try {
      plainUrl = decryptedUrl(url)
    } catch {
      plainUrl = undefined
    }
    const received = this.server.receive(plainUrl ?? url)
    if (!received) return undefined
    const request = Object.assign(received.request, { encrypted: plainUrl !== undefined, replyGuid: received.args[0] })
    this.all.push(request)
    const key = wire.requestKey(request)
    if (!this.seen.has(key)) {
      this.seen.add(key)
      this.requests.push(request)
    }
    return received.args
  }

  replyScript(url: string): string {
    const args = this.receive(url)
    return args ? this.server.script(args) : ''
  }

  /** The reply the SDK waits for: JSONP for a script request, JSON for its fetch transport. */
  reply(url: string, json = false): string {
    const before = this.all.length
    const args = this.receive(url)
    if (this.all.length > before) this.all[this.all.length - 1].transport = json ? 'fetch' : 'script'
    if (!json) return args ? this.server.script(args) : ''
    if (!args) return '{}'
    const [g, sid, rf, rn] = args
    return JSON.stringify({ meta: { g, sid, rf, rn } })
  }

  /** Decoded event envelopes, each with the `guid` it was attributed to. */
  events(name?: string): Array<Record<string, any>> {
    return this.requests
      .filter((r) => r.data.type === 'event' && (name === undefined || r.data.evtName === name))
      .map((r) => ({ ...r.data, guid: r.guid }))
  }

  /**
   * Decoded profile envelopes, each with the `guid` it was attributed to and `replyGuid`, the profile it
   * leads to: a login that switches profiles (`isOUL`) is answered with a new ID; the first login of a
   * device CleverTap already knows names its current profile.
   */
  profiles(): Array<Record<string, any>> {
    return this.requests.filter((r) => r.data.type === 'profile').map((r) => ({ ...r.data, guid: r.guid, replyGuid: r.replyGuid }))
  }

  pages(): WireRequest[] {
    return this.requests.filter((r) => r.type === 'page')
  }
}
