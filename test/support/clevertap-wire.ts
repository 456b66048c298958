/**
 * CleverTap's wire as the tests see it: FakeCleverTapServer records every decoded request and answers it
 * the way CleverTap's server does (see tools/clevertap-wire.js, shared with the demo and benchmarks).
 */
import LZString from 'lz-string'

import * as wire from '../../tools/clevertap-wire.js'
import type { WireRequest } from '../../tools/clevertap-wire.js'

export type { WireRequest }

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
   * Each request once: the SDK re-sends requests it kept but has not seen answered yet (same request
   * number, same payload), which is one delivery, not two.
   */
  readonly requests: WireRequest[] = []
  private readonly seen = new Set<string>()
  private guids = 0
  private readonly server = wire.createServer(LZString, () => `${(++this.guids).toString(16).padStart(8, '0')}${'f'.repeat(24)}`)

  /** Records the request and returns the reply's arguments (undefined when not a data request). */
  receive(url: string): [string, number, boolean, number] | undefined {
    const received = this.server.receive(url)
    if (!received) return undefined
    const { request } = received
    this.all.push(request)
    const key = `${request.params.rn}|${new URL(url).searchParams.get('d')}`
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
