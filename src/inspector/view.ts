/**
 * The inspector's rows, one per Segment call, in three columns: the Segment event as the plugin heard it;
 * the CleverTap commands the plugin made of it, with every note; and the CleverTap requests it caused,
 * decoded, with whether CleverTap answered. The in-page inspector (panel.ts) and the QA demo both show
 * this view. Everything is rendered as text: event data never becomes markup.
 */
import type { CleverTapCommand } from '../bridge/translation/commands'
import { isForwardedEngagement } from '../bridge/translation/engagement'
import type { SegmentEventLike } from '../bridge/translation/types'
import type { TranslationReport } from '../plugin/options'
import type { CleverTapRequest } from './wire'

export interface InspectorView {
  /** A Segment call, when it is made: its row, newest first. */
  heard(event: SegmentEventLike): void
  /** What the plugin made of a call: its commands and notes, and which requests its row now waits for. */
  translated(report: TranslationReport): void
  /** A request that left for CleverTap, on the row it belongs to; the returned function marks its answer. */
  request(request: CleverTapRequest): (answered: boolean) => void
  /** Rows still waiting for the plugin say why nothing will come on this page. */
  notSent(reason: string): void
}

interface Expected {
  kind: CleverTapCommand['kind']
  name?: string
  url?: string
  met: boolean
}

interface Row {
  event: SegmentEventLike
  commands: HTMLElement
  wire: HTMLElement
  expects: Expected[]
  translated: boolean
}

const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (v instanceof Date ? `Date(${v.toISOString()})` : v), 2) ?? String(value)

function describe(event: SegmentEventLike): string {
  const e = event as unknown as Record<string, unknown>
  const detail: Record<string, unknown> = { track: e.event, page: e.name ?? (e.properties as { path?: unknown } | undefined)?.path, screen: e.name, identify: e.userId ?? 'anonymous', group: e.groupId, alias: e.userId }
  return event.type in detail ? `${event.type} · ${String(detail[event.type] ?? '')}` : String(event.type)
}

/** The parts of a Segment event QA reads. */
function segmentView(event: SegmentEventLike): Record<string, unknown> {
  const view: Record<string, unknown> = { type: event.type }
  for (const key of ['event', 'name', 'userId', 'previousId', 'groupId', 'anonymousId', 'traits', 'properties']) {
    const value = (event as unknown as Record<string, unknown>)[key]
    if (value !== undefined && value !== null) view[key] = value
  }
  return view
}

export function createInspectorView(container: HTMLElement): InspectorView {
  const doc = container.ownerDocument
  const rows: Row[] = []
  const byMessageId = new Map<unknown, Row>()
  let notSent: string | undefined
  let sdkRow: Row | undefined

  const el = (tag: string, className?: string, text?: string) => {
    const node = doc.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }
  const placeholder = (column: HTMLElement, text: string) => {
    const empty = column.querySelector('.empty')
    if (empty) empty.textContent = text
    else column.appendChild(el('div', 'empty', text))
  }

  const addRow = (event: SegmentEventLike, sdk = false): Row => {
    const entry = el('div', 'entry')
    const segment = el('div', 'segment')
    const commands = el('div', 'commands')
    const wire = el('div', 'wire')
    segment.dataset.label = 'Segment event'
    commands.dataset.label = 'CleverTap commands'
    wire.dataset.label = 'CleverTap wire (decoded)'
    segment.appendChild(el('div', 'title', sdk ? "CleverTap SDK (its own requests: init page view, fetch, pings)" : describe(event)))
    if (!sdk) segment.appendChild(el('pre', '', json(segmentView(event))))
    commands.appendChild(el('div', 'empty', sdk ? "the SDK's own requests" : (notSent ?? 'waiting for the plugin…')))
    entry.append(segment, commands, wire)
    // Calls newest first; the SDK's own requests, which belong to no call, in one row at the end.
    if (sdk) container.appendChild(entry)
    else container.insertBefore(entry, container.firstChild)
    const row: Row = { event, commands, wire, expects: [], translated: sdk }
    rows.push(row)
    if (event.messageId) byMessageId.set(event.messageId, row)
    return row
  }

  /** The oldest row still waiting for a request of this kind (pages by URL, events by name). */
  const rowFor = (request: CleverTapRequest): Row => {
    const data = request.data ?? {}
    const kinds = request.type === 'page' ? ['page'] : data.type === 'event' ? ['event', 'charged'] : data.type === 'profile' ? ['login', 'profile', 'privacy'] : []
    const fits = (x: Expected) => {
      if (x.met || !kinds.includes(x.kind)) return false
      if (x.kind === 'page') return !x.url || !data.cpg || x.url.split('#')[0] === String(data.cpg).split('#')[0]
      return data.type !== 'event' || x.name === data.evtName
    }
    for (const row of rows) {
      const expected = row.expects.find(fits)
      if (expected) {
        expected.met = true
        return row
      }
    }
    return (sdkRow ??= addRow({ type: 'sdk' }, true))
  }

  return {
    heard(event) {
      if (event.messageId && byMessageId.has(event.messageId)) return
      const row = addRow(event)
      // CleverTap's own engagement, forwarded to Segment (`forwardEngagement`): never sent back to CleverTap.
      if (isForwardedEngagement(event.properties)) {
        row.translated = true
        placeholder(row.commands, 'CleverTap engagement forwarded to Segment: not sent back to CleverTap')
      }
    },
    translated({ event, commands, notes }) {
      const row = (event.messageId !== undefined && byMessageId.get(event.messageId)) || addRow(event)
      const column = row.commands
      column.textContent = ''
      row.translated = true
      if (commands.length === 0) column.appendChild(el('div', 'empty', 'no command'))
      for (const command of commands) {
        const title = el('div', 'title')
        const { kind, ...body } = command
        const name = 'name' in command ? command.name : kind === 'charged' ? 'Charged' : ''
        title.append(el('span', 'kind', kind), doc.createTextNode(name))
        column.appendChild(title)
        delete (body as { name?: unknown }).name
        if (Object.keys(body).length > 0) column.appendChild(el('pre', '', json(body)))
      }
      for (const note of notes) column.appendChild(el('div', 'note', `⚠ ${note}`))
      // `clear` sends nothing itself: CleverTap's next request starts the new profile.
      row.expects = commands
        .filter((c) => c.kind !== 'clear')
        .map((c) => ({ kind: c.kind, name: c.kind === 'charged' ? 'Charged' : 'name' in c ? c.name : undefined, url: 'url' in c ? (c.url as string | undefined) : undefined, met: false }))
      if (row.wire.querySelector('pre')) return
      if (row.expects.length > 0) placeholder(row.wire, 'waiting for CleverTap…')
      else if (commands.length > 0) placeholder(row.wire, "nothing sent by design: clear() only forgets this device's profile; the next request starts a new one")
      else placeholder(row.wire, `nothing sent for this call${notes.length ? ' (see the note)' : ''}`)
    },
    request(request) {
      const row = rowFor(request)
      row.wire.querySelector('.empty')?.remove()
      const data = request.data ?? {}
      const title = el('div', 'title')
      const label = typeof data.evtName === 'string' ? data.evtName : request.type === 'page' ? 'page view' : data.isOUL ? 'login' : ''
      title.append(el('span', 'kind', request.type + (typeof data.type === 'string' ? `/${data.type}` : '')), doc.createTextNode(label))
      const summary: Record<string, unknown> = request.data
        ? { evtData: data.evtData, profile: data.profile, page: data.cpg, isOUL: data.isOUL || undefined }
        : { data: 'encrypted in transit' }
      Object.assign(summary, { guid: request.guid ?? '(new)', host: request.host, transport: request.transport })
      const answer = el('div', 'answer', 'sent, no answer yet')
      row.wire.append(title, el('pre', '', json(summary)))
      // Where CleverTap's wire format differs from the commands, say so: it is its encoding, not data lost.
      const profile = (data.profile ?? {}) as Record<string, unknown>
      if (profile.Phone !== undefined && !String(profile.Phone).startsWith('+')) row.wire.appendChild(el('div', 'note', "Phone: CleverTap's SDK sends it as a number, without its '+'"))
      if (Object.values({ ...profile, ...(data.evtData as object | undefined) }).some((v) => typeof v === 'string' && v.startsWith('$D_')))
        row.wire.appendChild(el('div', 'note', "$D_…: CleverTap's encoding of a date (seconds since 1970)"))
      row.wire.appendChild(answer)
      return (answered) => {
        answer.textContent = answered ? 'CleverTap answered' : 'no answer: blocked, offline or refused'
        answer.dataset.answered = String(answered)
      }
    },
    notSent(reason) {
      notSent = `not sent: ${reason}`
      for (const row of rows) if (!row.translated) placeholder(row.commands, notSent)
    },
  }
}
