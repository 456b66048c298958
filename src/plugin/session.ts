/**
 * The plugin's life with CleverTap: configure → start once → keep → deliver → (disable). Calls are kept
 * as they were when made, in the order they were made, until CleverTap is live; then each goes through
 * the engine. Nothing here throws into analytics or waits on CleverTap.
 */
import type { Analytics, Context, Plugin } from '@segment/analytics-next'
import type { CleverTapClient } from '../clevertap/client'
import { afterPageLoad, hasBrowser, onPageLeft, pageOrigin } from '../clevertap/page'
import type { SegmentEventLike } from '../translation/config'
import { createAliasTargets } from './alias'
import { carryOnLeaving, carryScope, identityOf } from './carry-over'
import type { ConsentGate } from './consent'
import { createConsentGate } from './consent'
import type { Connection, EngineSetup, KeptCall, LoadEngine } from './engine-port'
import type { Logger } from './log'
import { createLogger, errorText } from './log'
import type { CleverTapPluginOptions, ResolvedConfig } from './options'
import { DEFAULT_BUFFER_SIZE, resolveConfig } from './options'
import { Outbox } from './outbox'
import { createResetOrder } from './resets'
import { scheduleStart, withTimeout } from './schedule'
import { firstTime } from './once'
import { snapshot } from './snapshot'
import { markDeliveredOnDevice, workspaceSettings } from './workspace'

type Phase = 'new' | 'waiting' | 'starting' | 'live' | 'off'

export type IncomingEvent = SegmentEventLike & { context?: unknown } & Record<string, unknown>

export type Session = ReturnType<typeof createSession>

export function createSession(options: CleverTapPluginOptions, loadEngine: LoadEngine) {
  let log: Logger = createLogger(options.debug === true)
  let phase: Phase = 'new'
  let config: ResolvedConfig | undefined
  let analytics: Analytics | undefined
  let consent: ConsentGate = createConsentGate([])
  let outbox = new Outbox(DEFAULT_BUFFER_SIZE)
  let connection: Connection | undefined
  let connecting: Promise<void> | undefined
  /** The schedule has said "start", but consent has not yet allowed it. */
  let due = false
  let stops: Array<() => void> = []
  const aliases = createAliasTargets()
  let carry: EngineSetup['carry']
  let plainPlugin: Plugin | undefined

  /** Stops for good. After a failed load the kept calls stay, for the next page to deliver (carry-over.ts). */
  const disable = (message?: string, keepCalls = false) => {
    if (message) log.error(`${message}. CleverTap is disabled; analytics keeps working.`)
    phase = 'off'
    if (!keepCalls) {
      outbox.clear()
      for (const stop of stops) stop()
      stops = []
    }
    resets.clear()
  }

  const deliver = (replay: boolean) => {
    if (phase !== 'live' || !connection) return
    const calls = outbox.takeReady()
    if (outbox.dropped > 0) log.warn(`${outbox.dropped} calls made while CleverTap loaded were dropped (limit ${outbox.capacity})`)
    outbox.dropped = 0
    if (calls.length > 0) connection.deliver(calls, replay)
  }

  const resets = createResetOrder(() => outbox, () => deliver(false), onPageLeft)

  /** Loads the engine and CleverTap, within the time limit; then delivers what was kept. */
  const connect = async (resolved: ResolvedConfig): Promise<void> => {
    let abandoned = false
    const { accountId, region, targetDomain, debug } = resolved
    const setup: EngineSetup = {
      sdk: { accountId, region, targetDomain, debug },
      sdkUrl: resolved.sdkUrl,
      nonce: resolved.nonce,
      options,
      analytics,
      kept: () => outbox.calls(),
      carry,
      self: plainPlugin,
      restore: (calls) => outbox.unshift(calls),
      abandoned: () => abandoned || phase === 'off',
      log,
    }
    const starting = loadEngine().then((engine) => engine.start(setup))
    // What arrives after the time limit is not used; its failure is then nobody's concern.
    starting.catch(() => undefined)
    try {
      const live = await withTimeout(starting, resolved.loadTimeoutMs, `CleverTap did not load within ${resolved.loadTimeoutMs} ms`)
      if (phase === 'off') return live.stop()
      connection = live
      phase = 'live'
      log.debug(`ready; delivering ${outbox.size} kept calls`)
      stops.push(live.stop)
      deliver(true)
    } catch (error) {
      abandoned = true
      // Kept calls stay for the next page after a failed load, not when the plugin stands down.
      if (phase !== 'off') disable(errorText(error), !(error as { standDown?: boolean }).standDown)
    }
  }

  /** Starts CleverTap once, when consent allows; until then the start stays due. */
  const start = () => {
    if (phase !== 'waiting' || !config) return
    if (consent.required && !consent.allows) {
      due = true
      return
    }
    phase = 'starting'
    connecting = connect(config)
  }

  const submit = (event: IncomingEvent, ctx?: Context) => {
    if (phase === 'new' || phase === 'off' || !firstTime(event.messageId)) return
    try {
      const decision = consent.decide(event, phase === 'starting' || phase === 'live')
      if (decision.commands.length > 0) resets.keep({ commands: decision.commands }, event.anonymousId)
      if (!decision.allowed) {
        log.debug(`${String(event.type)}: no consent for CleverTap, not sent`)
        deliver(false)
        return
      }
      const copy = snapshot(event)
      const kept: KeptCall = { event: copy.event, notes: copy.notes, ctx }
      if (event.type === 'alias' && aliases.mayBeStamped(copy.event, analytics?.user?.().id?.())) {
        const slot = resets.keep(kept, event.anonymousId, true)
        aliases.wait(copy.event, (target) => {
          outbox.release(slot, target ? { ...kept, event: { ...copy.event, userId: target.to, previousId: target.from ?? undefined } } : kept)
          deliver(false)
        })
      } else {
        resets.keep(kept, event.anonymousId)
      }
      if (phase === 'waiting' && (config?.loadOn === 'event' || due)) start()
      deliver(false)
    } catch (error) {
      log.warn(`could not forward ${String(event.type)}`, error, ctx)
    }
  }

  const reset = () => {
    if (phase !== 'new' && phase !== 'off') resets.hold(identityOf(analytics).anonymousId)
  }

  /** `self` is the plain plugin, which checks that no other CleverTap destination runs next to it. */
  const configure = (instance: Analytics, self?: Plugin) => {
    if (phase !== 'new') return
    analytics = instance
    const resolved = resolveConfig(options, workspaceSettings(instance), pageOrigin())
    if (!resolved.ok) return disable(resolved.error)
    config = resolved.value
    log = createLogger(config.debug)
    // Server-side rendering: CleverTap runs only in the browser.
    if (!hasBrowser()) return disable()
    outbox = new Outbox(config.maxBufferSize)
    consent = createConsentGate(config.consentCategories)
    markDeliveredOnDevice(instance)
    phase = 'waiting'
    const scope = carryScope(instance, config.accountId)
    // Earlier pages' calls are theirs to replay only for the identity this page started with.
    carry = scope ? { scope, identity: identityOf(instance) } : undefined
    if (scope) stops.push(carryOnLeaving(scope, instance, () => outbox))
    if (consent.required) log.debug(`waiting for consent to ${config.consentCategories.join(', ')} before loading CleverTap`)
    scheduleStart(config.loadOn, instance, start, afterPageLoad)
    plainPlugin = self
  }

  return {
    configure,
    submit,
    reset,
    alias: (to: unknown, from: unknown) => aliases.onEmit(to, from),
    /** analytics-next's `track` emit, which follows every track call, delivered to this plugin or not. */
    tracked(name: unknown) {
      if (phase === 'new' || phase === 'off') return
      const commands = consent.reported(name, phase === 'starting' || phase === 'live')
      if (commands.length > 0) resets.keep({ commands }, undefined)
      deliver(false)
    },
    isLive: () => phase === 'live',
    /** The live instance once CleverTap is ready (starting it if it waits), or undefined when it cannot be. */
    async client(): Promise<CleverTapClient | undefined> {
      if (phase === 'waiting' && !(consent.required && !consent.allows)) start()
      await connecting
      return phase === 'live' ? connection?.client : undefined
    },
    cleverTapId: () => connection?.cleverTapId(),
    stop: () => disable(),
  }
}
