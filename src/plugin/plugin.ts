/**
 * The analytics-next destination plugin: thin glue between Segment's hooks and the bridge. Every hook
 * checks consent, then translates and applies, or keeps the call until CleverTap and the translation have
 * loaded. Nothing here throws into analytics, and nothing here waits on CleverTap.
 */
import type { Analytics, Context, Plugin } from '@segment/analytics-next'
import { CallQueue } from '../bridge/calls'
import type { PendingCall } from '../bridge/calls'
import type { CleverTapCommand } from '../bridge/commands'
import type { SegmentEventLike, TranslateConfig, TranslateState } from '../bridge/config'
import type { Engine } from '../engine'
import type { SdkSource } from '../bridge/loader'
import { errorText, initClient, LoadError, obtainClient, prepareForSdk, scriptSource, withTimeout } from '../bridge/loader'
import type { CleverTapClient } from '../bridge/sdk'
import { hasBrowser } from '../bridge/sdk'
import { VERSION } from '../version'
import { consentOf } from './consent'
import type { Logger } from './log'
import { createLogger } from './log'
import type { CleverTapPluginOptions, ResolvedConfig, TranslationReport } from './options'
import { DEFAULT_LOAD_TIMEOUT_MS, positive, resolveConfig } from './options'
import { DESTINATION_NAME, markDeliveredOnDevice, workspaceSettings } from './workspace'

/** The name of CleverTap's destination in Segment's catalog, so `integrations: { CleverTap: false }` applies. */
export const PLUGIN_NAME = DESTINATION_NAME
/** Reported to CleverTap with every request (`af` in the payload). */
export const LIBRARY_NAME = 'clevertap-segment-web'

export interface CleverTapPlugin extends Plugin {
  /** CleverTap's id for this device once the SDK knows it (undefined before). */
  getCleverTapId(): string | undefined
  /**
   * The live CleverTap instance, for features no Segment call expresses (inbox, variables, …). Resolves once
   * CleverTap is ready (loading it if it was waiting for a first call), or to undefined when it cannot be:
   * not consented, disabled, failed, or the plugin not added to analytics within `loadTimeoutMs`.
   */
  getClient(): Promise<CleverTapClient | undefined>
}

/** Where a build gets the SDK and the translation engine from. */
export interface Sources {
  sdk: SdkSource
  engine: () => Promise<Engine>
}

/** CleverTap and the lazily loaded engine, with the translation's configuration from the options. */
type Ready = { client: CleverTapClient; engine: Engine; translateConfig: TranslateConfig }

function pageOrigin(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.origin
}

/** Runs `callback` when the browser is idle, at most `timeout` ms later. */
function whenIdle(callback: () => void, timeout: number): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts: { timeout: number }) => unknown }).requestIdleCallback
  if (typeof idle === 'function') idle(callback, { timeout })
  else setTimeout(callback, 1)
}

/**
 * Resolves once analytics is ready and the browser is next idle, so that the page's own start and
 * analytics' first requests come before CleverTap's download and parse. Bounded: another plugin's
 * `ready()` that never settles delays CleverTap by 2 s at most.
 */
function afterAnalyticsReady(analytics: Analytics | undefined): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 2000)
    Promise.resolve()
      .then(() => analytics?.ready?.())
      .catch(() => undefined)
      .then(() => whenIdle(() => {
        clearTimeout(fallback)
        resolve()
      }, 2000))
  })
}

/** After the page's load event, when the browser is idle. */
function afterPageLoad(callback: () => void): void {
  if (document.readyState === 'complete') whenIdle(callback, 5000)
  else window.addEventListener('load', () => whenIdle(callback, 5000), { once: true })
}

/**
 * Builds the plugin around the sources of its build. An explicit `sdkUrl` always loads the SDK by script.
 */
export function createPlugin(options: CleverTapPluginOptions, sources: Sources): CleverTapPlugin {
  const opts: CleverTapPluginOptions = typeof options === 'object' && options !== null ? options : {}
  let log: Logger = createLogger(opts.debug === true)
  let config: ResolvedConfig | undefined
  let state: TranslateState = { pageSeen: false }
  let pending = new CallQueue(1000)
  let ready: Ready | undefined
  let disabled = false
  let analyticsInstance: Analytics | undefined
  let loading: Promise<void> | undefined
  let starting: Promise<void> | undefined
  let unsubscribe: (() => void) | undefined
  /** Whether the last consent-stamped event granted CleverTap's categories. */
  let consented = false
  /** Whether this plugin opted the device out in CleverTap after consent was withdrawn. */
  let optedOut = false
  let stopWatching: (() => void) | undefined
  let loadCalled: () => void = () => undefined
  const whenLoadCalled = new Promise<void>((resolve) => (loadCalled = resolve))

  const report = (event: TranslationReport['event'], commands: readonly CleverTapCommand[], notes: readonly string[]) => {
    for (const note of notes) log.debug(note)
    for (const command of commands) log.debug(`→ ${command.kind}`, command)
    if (!opts.onTranslate) return
    try {
      opts.onTranslate({ event, commands, notes })
    } catch (error) {
      log.warn('onTranslate threw', error)
    }
  }

  /** Translates one call against the running state; returns its commands. */
  const translateCall = ({ engine, translateConfig }: Ready, call: PendingCall): CleverTapCommand[] => {
    if ('commands' in call) return call.commands
    const { event } = call
    const translation = event.type === 'reset' ? engine.translateReset(state) : engine.translate(event, state, translateConfig)
    state = translation.state
    report(event, translation.commands, translation.notes)
    return translation.commands
  }

  const apply = ({ client, engine }: Ready, commands: readonly CleverTapCommand[]) => {
    for (const failure of engine.applyCommands(client, commands)) {
      log.warn(`CleverTap rejected ${failure.command.kind}`, failure.error)
    }
  }

  const submit = (call: PendingCall) => {
    if (!ready) {
      pending.push(call)
      return
    }
    apply(ready, translateCall(ready, call))
  }

  /** Replays the kept calls in order, then applies them with identity first within each stretch. */
  const flush = (now: Ready) => {
    const calls = pending.take()
    if (pending.dropped > 0) log.warn(`${pending.dropped} calls made while CleverTap loaded were dropped (limit ${pending.capacity})`)
    const commands = calls.flatMap((call) => translateCall(now, call))
    log.debug(`ready; ${calls.length} kept calls delivered`)
    apply(now, now.engine.identityFirst(commands))
  }

  const start = async (resolved: ResolvedConfig): Promise<void> => {
    const sdkSource = resolved.sdkUrl ? scriptSource(resolved.sdkUrl, resolved.nonce) : sources.sdk
    const anonymousId = resolved.anonymousIdAsCustomId ? analyticsInstance?.user?.().anonymousId?.() : undefined
    const warn = (message: string) => log.warn(message)
    let givenUp = false
    prepareForSdk(resolved.accountId, warn, (message) => log.debug(message))
    const loads = Promise.all([sources.engine(), obtainClient(sdkSource)]).then(([engine, client]): Ready => {
      // A copy that arrives after the time limit is left uninitialised, so it sends nothing.
      if (givenUp || disabled) throw new LoadError('CleverTap arrived after it was given up on')
      const region = engine.normalizeRegion(resolved.region)
      if (!region.ok) throw new LoadError(region.error)
      const targetDomain = engine.validateTargetDomain(resolved.targetDomain)
      if (!targetDomain.ok) throw new LoadError(targetDomain.error)
      initClient(client, {
        accountId: resolved.accountId,
        region: region.value,
        targetDomain: targetDomain.value,
        initConfig: anonymousId ? { customId: anonymousId } : {},
        warn,
        beforeInit: (sdk) => {
          // Segment's page calls drive page views; the SDK's own click/popstate detection would double them.
          sdk.spa = false
          // Attribution rides on every request, the init page view included.
          sdk.setLibrary?.(LIBRARY_NAME, VERSION)
          if (resolved.debug) sdk.setLogLevel?.(3)
          // Queued by the SDK until init, so its very first request already carries them.
          if (resolved.privacy) engine.applyCommands(sdk, [{ kind: 'privacy', ...resolved.privacy }])
        },
      })
      return { engine, client, translateConfig: engine.configure(opts) }
    })
    // What arrives after the time limit is not used; its failure is then nobody's concern.
    loads.catch(() => undefined)
    const now = await withTimeout(loads, resolved.loadTimeoutMs, `CleverTap did not load within ${resolved.loadTimeoutMs} ms`).catch((error) => {
      givenUp = true
      throw error
    })
    if (disabled) return
    ready = now
    flush(now)
    enableFeatures(now, resolved)
  }

  /** What runs once CleverTap is ready: the ID stamp, engagement forwarding, the web push request. */
  const enableFeatures = ({ engine, client }: Ready, resolved: ResolvedConfig) => {
    if (resolved.stampCleverTapId) analyticsInstance?.register(engine.idStamp(getCleverTapId, VERSION)).catch(() => undefined)
    // Engagement goes to Segment with `CleverTap: false`, so it never comes back to CleverTap.
    const report = resolved.forwardEngagement
      ? ({ name, properties }: { name: string; properties: object }) => {
          analyticsInstance?.track(name, properties, { integrations: { [PLUGIN_NAME]: false } }).catch(() => undefined)
        }
      : undefined
    if (report) stopWatching = engine.watchEngagement(report)
    try {
      if (resolved.webPush) engine.askForWebPush(client.notifications, resolved.webPush, report)
    } catch (error) {
      log.warn('web push request failed', error)
    }
  }

  /** Starts CleverTap once; a failure disables the plugin with one message and is returned to the caller. */
  const ensureStarted = (): Promise<void> => {
    if (!config) return Promise.resolve()
    const resolved = config
    starting ??= start(resolved).catch((error) => {
      disabled = true
      pending.take()
      log.error(`${errorText(error)}. CleverTap is disabled; analytics keeps working.`)
      throw error
    })
    return starting
  }

  const startInBackground = () => {
    ensureStarted().catch(() => {
      // reported by ensureStarted
    })
  }

  /** False when the event may not reach CleverTap; withdrawing consent also opts the device out. */
  const allowed = (event: { context?: unknown }): boolean => {
    const categories = config?.consentCategories ?? []
    const consent = consentOf(event, categories)
    if (consent === 'denied') {
      if (consented) {
        consented = false
        if (starting) {
          optedOut = true
          submit({ commands: [{ kind: 'privacy', optOut: true }] })
        }
        log.debug('consent withdrawn: nothing more is sent to CleverTap')
      }
      return false
    }
    if (consent === 'granted' && categories.length > 0 && !consented) {
      consented = true
      if (optedOut) {
        optedOut = false
        submit({ commands: [{ kind: 'privacy', optOut: false }] })
      }
    }
    return true
  }

  const run = (event: SegmentEventLike & { context?: unknown }) => {
    if (disabled) return
    try {
      if (event.type === 'reset') {
        // Before CleverTap has started nothing of this device is in it, so there is nothing to reset.
        if (starting) submit({ event })
        return
      }
      if (!allowed(event)) {
        log.debug(`${event.type}: no consent for CleverTap, not sent`)
        return
      }
      if (!starting) startInBackground()
      submit({ event })
    } catch (error) {
      log.warn(`could not forward ${event.type}`, error)
    }
  }

  const handle = (ctx: Context): Context => {
    const event = ctx?.event as (SegmentEventLike & { context?: unknown }) | undefined
    if (event) run(event)
    return ctx
  }

  // analytics-next stamps the current userId over an alias event's new id (its `addIdentity`), so when the
  // event names the same id twice, the real target comes from the `alias` emit that follows the dispatch.
  let aliasTarget: { context?: unknown } | undefined
  const alias = (ctx: Context): Context => {
    const event = ctx?.event as SegmentEventLike & { context?: unknown }
    if (event && event.userId !== undefined && event.userId === event.previousId) {
      aliasTarget = event
      return ctx
    }
    return handle(ctx)
  }
  const onAlias = (to: unknown, from: unknown) => {
    if (!aliasTarget) return
    const context = aliasTarget.context
    aliasTarget = undefined
    run({ type: 'alias', userId: to, previousId: from, context })
  }

  const onReset = () => run({ type: 'reset' })

  const getCleverTapId = (): string | undefined => {
    try {
      return ready?.client.getCleverTapID() ?? undefined
    } catch {
      return undefined
    }
  }

  const subscribe = (analytics: Analytics) => {
    if (typeof analytics?.on !== 'function') return
    analytics.on('reset', onReset)
    analytics.on('alias', onAlias)
    unsubscribe = () => {
      analytics.off?.('reset', onReset)
      analytics.off?.('alias', onAlias)
    }
  }

  const getClient = async (): Promise<CleverTapClient | undefined> => {
    const registered = await withTimeout(whenLoadCalled, positive(opts.loadTimeoutMs, DEFAULT_LOAD_TIMEOUT_MS), 'not added to analytics').then(
      () => true,
      () => false,
    )
    if (!registered) return undefined
    await loading?.catch(() => undefined)
    if (disabled || !config || (config.consentCategories.length > 0 && !consented)) return undefined
    return ensureStarted().then(
      () => ready?.client,
      () => undefined,
    )
  }

  const load = async (analytics: Analytics): Promise<void> => {
    loadCalled()
    analyticsInstance = analytics
    const resolved = resolveConfig(opts, workspaceSettings(analytics), pageOrigin())
    if (!resolved.ok) {
      disabled = true
      log.error(`${resolved.error}. CleverTap is disabled; analytics keeps working.`)
      return
    }
    config = resolved.value
    log = createLogger(config.debug)
    pending = new CallQueue(config.maxBufferSize)
    if (!hasBrowser()) {
      disabled = true
      log.debug('no browser: CleverTap runs only in the browser')
      return
    }
    subscribe(analytics)
    markDeliveredOnDevice(analytics)
    if (config.consentCategories.length > 0) {
      log.debug(`waiting for consent to ${config.consentCategories.join(', ')} before loading CleverTap`)
      return
    }
    if (config.loadOn === 'event') return
    if (config.loadOn === 'idle') return afterPageLoad(startInBackground)
    await afterAnalyticsReady(analytics)
    // Loading with analytics reports failure to analytics-next, which then drops this plugin.
    await ensureStarted()
  }

  return {
    name: PLUGIN_NAME,
    type: 'destination',
    version: VERSION,
    isLoaded: () => ready !== undefined,
    load: (_ctx: Context, analytics: Analytics) => (loading ??= load(analytics)),
    unload: () => {
      unsubscribe?.()
      unsubscribe = undefined
      stopWatching?.()
      disabled = true
      pending.take()
    },
    getCleverTapId,
    getClient,
    track: handle,
    identify: handle,
    page: handle,
    screen: handle,
    group: handle,
    alias,
  }
}
