/**
 * The plugin's life with CleverTap, the state machine phases.ts draws. What the plugin hears (calls as made,
 * analytics-next's reset and alias emits) is kept in the order it came until CleverTap is live (kept-calls.ts);
 * then it goes to the engine, which orders and delivers it. Nothing here throws into analytics or waits on CleverTap.
 */
import type { Analytics, Context, Plugin } from '@segment/analytics-next'
import type { CleverTapClient } from '../bridge/sdk/client'
import type { SegmentEventLike } from '../bridge/translation/types'
import { carryFor, identityOf, purgeCarried } from './carried-calls'
import { createConsentGate } from './consent'
import type { Connection, Entry, Inspector, LoadEngine, LoadInspector, Refusal, StartRequest } from './engine-port'
import { KeptCalls } from './kept-calls'
import type { Logger } from './log'
import { createLogger, errorText } from './log'
import type { CleverTapPluginOptions, EagerOptions } from './options'
import { eagerOptions, NO_ACCOUNT_ID } from './options'
import { afterPageLoad, hasBrowser, inspectorRequested } from './page'
import type { Phase } from './phases'
import { mayFollow } from './phases'
import { scheduleStart, startWithin } from './schedule'
import { snapshot } from './snapshot'
import { markDeliveredOnDevice, workspaceSettings } from './workspace'

export class Session {
  #phase: Phase = 'new'
  #log: Logger = createLogger(false)
  #eager?: EagerOptions
  #analytics?: Analytics
  /** The plain plugin (the classic door has none): it stands down if another CleverTap destination runs. */
  #self?: Plugin
  #consent = createConsentGate([])
  #kept = new KeptCalls(Infinity) // handed to the engine once CleverTap is live
  #carry?: StartRequest['carry']
  #connection?: Connection
  #connecting?: Promise<void>
  /** The schedule has said "start", but consent has not yet allowed it. */
  #startDue = false
  #stops: Array<() => void> = []
  #inspector?: Inspector
  readonly #options: CleverTapPluginOptions
  readonly #loadEngine: LoadEngine
  readonly #loadInspector?: LoadInspector

  constructor(options: CleverTapPluginOptions, loadEngine: LoadEngine, loadInspector?: LoadInspector) {
    this.#options = options
    this.#loadEngine = loadEngine
    this.#loadInspector = loadInspector
  }

  #to(next: Phase, why?: string): boolean {
    if (!mayFollow(this.#phase, next)) return false
    this.#phase = next
    this.#inspector?.phase(next, why)
    return true
  }

  /** Configured and not stopped: calls are kept or delivered. */
  #accepting = (): boolean => this.#phase !== 'new' && this.#phase !== 'off'

  configure(analytics: Analytics, self?: Plugin): void {
    if (this.#phase !== 'new') return
    this.#analytics = analytics
    this.#self = self
    const eager = eagerOptions(this.#options, workspaceSettings(analytics))
    if (!eager) return this.#disable(NO_ACCOUNT_ID)
    // Server-side rendering: CleverTap runs only in the browser.
    if (!hasBrowser()) return this.#disable()
    this.#eager = eager
    this.#log = createLogger(eager.debug)
    this.#consent = createConsentGate(eager.consentCategories)
    this.#kept = new KeptCalls(eager.maxBufferSize)
    markDeliveredOnDevice(analytics)
    // Carried calls past their time are removed on every page, whichever account or source left them.
    purgeCarried()
    this.#to('waiting')
    // The inspector, when asked for: its own chunk, loaded now so it sees the calls from the start.
    if (this.#options.inspector ?? inspectorRequested())
      this.#loadInspector?.()
        .then((open) => (this.#inspector = open(this.#kept.entries, this.#phase, this.#consent.open)))
        .catch(() => undefined)
    const carried = carryFor(analytics, eager.accountId, () => this.#unsent(), () => this.#forget())
    this.#carry = carried?.carry
    if (carried) this.#stops.push(carried.stop)
    if (this.#consent.required) this.#log.debug(`waiting for consent: ${eager.consentCategories}`)
    scheduleStart(eager.loadOn, analytics, () => this.#start(), afterPageLoad)
  }

  /** Keeps a Segment call in its place, or hands it on once CleverTap is live. */
  submit(event: SegmentEventLike & Record<string, unknown>, ctx?: Context): void {
    if (!this.#accepting()) return
    const type = String(event.type)
    try {
      const { consent, changed } = this.#consent.hear(event)
      if (changed) this.#choose(consent === 'granted')
      if (consent === 'denied') return this.#log.debug(`${type}: not sent (no consent)`)
      const copy = snapshot(event)
      // analytics-next stamps the current userId over an alias's new id: such an alias waits for the
      // `alias` emit that carries its real target (src/lazy/alias-targets.ts).
      const { userId } = copy.event
      const stamped = (type === 'alias' && userId != null && userId === this.#analytics?.user?.().id?.()) || undefined
      this.#pass({ event: copy.event, notes: copy.notes, ctx, stamped, at: Date.now() })
      this.#inspector?.heard(copy.event)
      if (this.#eager?.loadOn === 'event' || this.#startDue) this.#start()
    } catch (error) {
      this.#log.warn(`could not forward ${type}`, error, ctx)
    }
  }

  /** analytics-next's `reset` emit: the reset goes after the calls made before it. */
  reset(): void {
    if (this.#accepting()) this.#pass({ reset: identityOf(this.#analytics).anonymousId })
  }

  /** analytics-next's `alias` emit, with the alias's real target. */
  alias(to: unknown, from: unknown): void {
    if (this.#accepting()) this.#pass({ aliased: { to, from } })
  }

  /** analytics-next's `track` emit, which follows every track call, delivered to this plugin or not. */
  tracked(name: unknown): void {
    if (this.#accepting() && this.#consent.reported(name)) this.#choose(false)
  }

  isLive = (): boolean => this.#phase === 'live'

  /** The live instance once CleverTap is ready (starting it if it waits), or undefined when it cannot be. */
  async client(): Promise<CleverTapClient | undefined> {
    if (this.#consent.open) this.#start()
    await this.#connecting
    return this.#phase === 'live' ? this.#connection?.client : undefined
  }

  cleverTapId = (): string | undefined => this.#connection?.cleverTapId()
  stop = (): void => this.#disable()

  /** Starts CleverTap once, when consent allows; until then the start stays due. */
  #start(): void {
    if (this.#phase !== 'waiting' || !this.#eager) return
    if (!this.#consent.open) return void (this.#startDue = true)
    this.#to('starting')
    this.#connecting = this.#connect(this.#eager)
  }

  /** Loads the engine and CleverTap, within the time limit; then delivers what was kept. */
  async #connect(eager: EagerOptions): Promise<void> {
    const request: StartRequest = {
      options: this.#options, eager, analytics: this.#analytics, kept: this.#kept, carry: this.#carry, self: this.#self, log: this.#log,
      // Given up on: CleverTap too slow or refused here.
      abandoned: () => this.#phase === 'failed' || this.#phase === 'off',
      inspect: (report) => this.#inspector?.translated(report),
    }
    try {
      const live = await startWithin(this.#loadEngine, request, eager.loadTimeoutMs)
      if (!this.#to('live')) return live.stop()
      this.#connection = live
      this.#stops.push(() => live.stop())
      live.replay(this.#kept.take())
    } catch (error) {
      // A refusal would only be repeated on the next page; a failed load may not be, so calls go on there.
      if ((error as Partial<Refusal>).refused) this.#disable(errorText(error))
      else if (this.#to('failed', errorText(error))) this.#log.error(`${errorText(error)}; calls go on to the next page`)
    }
  }

  /** Keeps the entry, or hands it on once CleverTap is live. */
  #pass(entry: Entry): void {
    if (this.#phase === 'live' && this.#connection) this.#connection.take(entry)
    else this.#kept.keep(entry)
  }

  /** What CleverTap has not taken yet: what was kept, or what the engine still holds. */
  #unsent = (): readonly Entry[] => (this.#connection ? this.#connection.pending() : this.#kept.entries)

  /**
   * The visitor changed their mind: a withdrawal discards every call kept for CleverTap, here and for later
   * pages. Either way the engine hears of it in its place, and sets CleverTap's opt-out to match.
   */
  #choose(granted: boolean): void {
    if (!granted) {
      this.#kept.discardCalls()
      purgeCarried(this.#carry?.scope)
    }
    this.#pass({ consent: granted })
  }

  /** Drops what was kept and what the engine holds (a later page took it, or the plugin stops). */
  #forget(): void {
    this.#kept.take()
    this.#connection?.forget()
  }

  /** Stops for good, with nothing kept. */
  #disable(message?: string): void {
    if (this.#to('off', message) && message) this.#log.error(`${message}: CleverTap is off`)
    this.#forget()
    for (const stop of this.#stops) stop()
    this.#stops = []
  }
}
