/**
 * The analytics-next destination plugin: thin glue between Segment's hooks and the bridge. Every hook
 * checks consent, translates, then applies (or buffers until CleverTap is ready); nothing here throws
 * into analytics, and nothing here waits on CleverTap.
 */
import type { Analytics, Context, Plugin } from '@segment/analytics-next'
import { applyCommands } from '../bridge/apply'
import { CommandBuffer } from '../bridge/buffer'
import type { CleverTapCommand } from '../bridge/commands'
import type { SdkSource } from '../bridge/loader'
import { scriptSource, startClient } from '../bridge/loader'
import type { CleverTapClient } from '../bridge/sdk'
import { hasBrowser } from '../bridge/sdk'
import type { SegmentEventLike, Translation, TranslateState } from '../bridge/translate'
import { INITIAL_STATE, translate, translateReset } from '../bridge/translate'
import { VERSION } from '../version'
import { consentOf } from './consent'
import type { Logger } from './log'
import { createLogger } from './log'
import type { CleverTapPluginOptions, ResolvedConfig, TranslationReport } from './options'
import { resolveConfig, translateConfig } from './options'
import { DESTINATION_NAME, markDeliveredOnDevice, workspaceSettings } from './workspace'

/** The name of CleverTap's destination in Segment's catalog, so `integrations: { CleverTap: false }` applies. */
export const PLUGIN_NAME = DESTINATION_NAME
/** Reported to CleverTap with every request (`af` in the payload). */
export const LIBRARY_NAME = 'clevertap-segment-web'

export interface CleverTapPlugin extends Plugin {
  /** CleverTap's id for this device once the SDK knows it (undefined before). */
  getCleverTapId(): string | undefined
}

type ReportedEvent = TranslationReport['event']

function pageOrigin(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.origin
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function whenIdle(callback: () => void): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts: { timeout: number }) => unknown }).requestIdleCallback
  if (typeof idle === 'function') idle(callback, { timeout: 5000 })
  else setTimeout(callback, 1)
}

/**
 * Builds the plugin around an SDK source; the package entries supply the source of their build
 * (module import or script tag). An explicit `sdkUrl` always loads by script.
 */
export function createPlugin(options: CleverTapPluginOptions, defaultSource: SdkSource): CleverTapPlugin {
  const opts: CleverTapPluginOptions = typeof options === 'object' && options !== null ? options : {}
  let log: Logger = createLogger(opts.debug === true)
  let config: ResolvedConfig | undefined
  let translateOptions = translateConfig(opts)
  let state: TranslateState = INITIAL_STATE
  let buffer = new CommandBuffer(1000)
  let client: CleverTapClient | undefined
  let disabled = false
  let analyticsInstance: Analytics | undefined
  let loading: Promise<void> | undefined
  let starting: Promise<void> | undefined
  let unsubscribe: (() => void) | undefined
  /** Whether the last consent-stamped event granted CleverTap's categories. */
  let consented = false
  /** Whether this plugin opted the device out in CleverTap after consent was withdrawn. */
  let optedOut = false

  const report = (event: ReportedEvent, translation: Translation) => {
    for (const note of translation.notes) log.debug(note)
    if (!opts.onTranslate) return
    try {
      opts.onTranslate({ event, commands: translation.commands, notes: translation.notes })
    } catch (error) {
      log.warn('onTranslate threw', error)
    }
  }

  const deliver = (commands: readonly CleverTapCommand[]) => {
    if (commands.length === 0) return
    if (!client) {
      buffer.add(commands)
      return
    }
    for (const failure of applyCommands(client, commands)) {
      log.warn(`CleverTap rejected ${failure.command.kind}`, failure.error)
    }
  }

  const start = async (resolved: ResolvedConfig, source: SdkSource): Promise<void> => {
    const anonymousId = resolved.anonymousIdAsCustomId ? analyticsInstance?.user?.().anonymousId?.() : undefined
    const ready = await startClient(source, {
      accountId: resolved.accountId,
      region: resolved.region,
      targetDomain: resolved.targetDomain,
      timeoutMs: resolved.loadTimeoutMs,
      initConfig: anonymousId ? { customId: anonymousId } : {},
      warn: (message) => log.warn(message),
      debug: (message) => log.debug(message),
      beforeInit: (sdk) => {
        // Segment's page calls drive page views; the SDK's own click/popstate detection would double them.
        sdk.spa = false
        // Attribution rides on every request, the init page view included.
        sdk.setLibrary?.(LIBRARY_NAME, VERSION)
        if (resolved.debug) sdk.setLogLevel?.(3)
        // Queued by the SDK until init, so its very first request already carries them.
        if (resolved.privacy) applyCommands(sdk, [{ kind: 'privacy', ...resolved.privacy }])
      },
    })
    if (disabled) return
    const dropped = buffer.dropped
    const pending = buffer.drain()
    if (dropped > 0) log.warn(`${dropped} calls made while CleverTap loaded were dropped (buffer limit ${buffer.capacity})`)
    client = ready
    log.debug(`ready; flushing ${pending.length} buffered commands`)
    deliver(pending)
  }

  /** Starts the SDK once; a failure disables the plugin with one message and is returned to the caller. */
  const ensureStarted = (): Promise<void> => {
    if (!config) return Promise.resolve()
    const resolved = config
    starting ??= start(resolved, resolved.sdkUrl ? scriptSource(resolved.sdkUrl, resolved.nonce) : defaultSource).catch((error) => {
      disabled = true
      buffer.clear()
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
          deliver([{ kind: 'privacy', optOut: true }])
        }
        log.debug('consent withdrawn: nothing more is sent to CleverTap')
      }
      return false
    }
    if (consent === 'granted' && categories.length > 0 && !consented) {
      consented = true
      if (optedOut) {
        optedOut = false
        deliver([{ kind: 'privacy', optOut: false }])
      }
    }
    return true
  }

  const run = (event: ReportedEvent, step: () => Translation) => {
    if (disabled) return
    try {
      if (event.type !== 'reset' && !allowed(event as { context?: unknown })) {
        log.debug(`${event.type}: no consent for CleverTap, not sent`)
        return
      }
      if (event.type === 'reset' && !starting) return
      const translation = step()
      state = translation.state
      report(event, translation)
      for (const command of translation.commands) log.debug(`→ ${command.kind}`, command)
      if (translation.commands.length > 0 && !starting) startInBackground()
      deliver(translation.commands)
    } catch (error) {
      log.warn(`could not forward ${event.type}`, error)
    }
  }

  const handle = (ctx: Context): Context => {
    const event = ctx?.event as SegmentEventLike | undefined
    if (event) run(event, () => translate(event, state, translateOptions))
    return ctx
  }

  const onReset = () => run({ type: 'reset' }, () => translateReset(state))

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
    const event: SegmentEventLike & { context?: unknown } = { type: 'alias', userId: to, previousId: from, context: aliasTarget.context }
    aliasTarget = undefined
    run(event, () => translate(event, state, translateOptions))
  }

  const getCleverTapId = (): string | undefined => {
    try {
      return client?.getCleverTapID() ?? undefined
    } catch {
      return undefined
    }
  }

  /** An enrichment plugin that puts CleverTap's id on each event for Segment's other destinations. */
  const idStamp: Plugin = {
    name: 'CleverTap ID',
    type: 'enrichment',
    version: VERSION,
    isLoaded: () => true,
    load: () => Promise.resolve(),
  }
  for (const method of ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const) {
    idStamp[method] = (ctx: Context) => {
      const id = getCleverTapId()
      if (id) ctx.updateEvent('context.clevertap', { id })
      return ctx
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

  const load = async (analytics: Analytics): Promise<void> => {
    analyticsInstance = analytics
    const resolved = resolveConfig(opts, workspaceSettings(analytics), pageOrigin())
    if (!resolved.ok) {
      disabled = true
      log.error(`${resolved.error}. CleverTap is disabled; analytics keeps working.`)
      return
    }
    config = resolved.value
    log = createLogger(config.debug)
    translateOptions = config.translate
    buffer = new CommandBuffer(config.maxBufferSize)
    if (!hasBrowser()) {
      disabled = true
      log.debug('no browser: CleverTap runs only in the browser')
      return
    }
    subscribe(analytics)
    markDeliveredOnDevice(analytics)
    if (config.stampCleverTapId && typeof analytics?.register === 'function') {
      analytics.register(idStamp).catch((error) => log.warn('could not add the CleverTap ID stamp', error))
    }
    if (config.consentCategories.length > 0) {
      log.debug(`waiting for consent to ${config.consentCategories.join(', ')} before loading CleverTap`)
      return
    }
    if (config.loadOn === 'event') return
    if (config.loadOn === 'idle') return whenIdle(startInBackground)
    // Eager loading reports failure to analytics-next, which then drops this plugin.
    await ensureStarted()
  }

  return {
    name: PLUGIN_NAME,
    type: 'destination',
    version: VERSION,
    isLoaded: () => client !== undefined,
    load: (_ctx: Context, analytics: Analytics) => (loading ??= load(analytics)),
    unload: () => {
      unsubscribe?.()
      unsubscribe = undefined
      disabled = true
      buffer.clear()
    },
    getCleverTapId,
    track: handle,
    identify: handle,
    page: handle,
    screen: handle,
    group: handle,
    alias,
  }
}

export { scriptSource }
