/**
 * The analytics-next destination plugin: thin glue between Segment's hooks and the bridge. Every hook
 * translates, then applies (or buffers until CleverTap is ready); nothing here throws into analytics.
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
import type { Logger } from './log'
import { createLogger } from './log'
import type { CleverTapPluginOptions, ResolvedConfig, TranslationReport, WorkspaceSettings } from './options'
import { resolveConfig, translateConfig } from './options'

/** The name of CleverTap's destination in Segment's catalog, so `integrations: { CleverTap: false }` applies. */
export const PLUGIN_NAME = 'CleverTap'
/** Reported to CleverTap with every request (`af` in the payload). */
export const LIBRARY_NAME = 'clevertap-segment-web'

export interface CleverTapPlugin extends Plugin {
  /** CleverTap's id for this device once the SDK knows it (undefined before). */
  getCleverTapId(): string | undefined
}

function workspaceSettings(analytics: Analytics | undefined): WorkspaceSettings | undefined {
  try {
    const fromCdn = analytics?.settings?.cdnSettings?.integrations?.[PLUGIN_NAME]
    const fromInit = analytics?.options?.integrations?.[PLUGIN_NAME]
    const merged = {
      ...(typeof fromCdn === 'object' && fromCdn !== null ? fromCdn : {}),
      ...(typeof fromInit === 'object' && fromInit !== null ? fromInit : {}),
    }
    return Object.keys(merged).length > 0 ? (merged as WorkspaceSettings) : undefined
  } catch {
    return undefined
  }
}

function pageOrigin(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.origin
}

/**
 * Builds the plugin around an SDK source; the package entries supply the source of their build
 * (module import or script tag). An explicit `sdkUrl` always loads by script.
 */
export function createPlugin(options: CleverTapPluginOptions, defaultSource: SdkSource): CleverTapPlugin {
  const opts: CleverTapPluginOptions = typeof options === 'object' && options !== null ? options : {}
  let log: Logger = createLogger(opts.debug === true)
  let translateOptions = translateConfig(opts)
  let state: TranslateState = INITIAL_STATE
  let buffer = new CommandBuffer(1000)
  let client: CleverTapClient | undefined
  let disabled = false
  let loading: Promise<void> | undefined
  let unsubscribe: (() => void) | undefined

  const report = (event: TranslationReport['event'], translation: Translation) => {
    for (const note of translation.notes) log.debug(note)
    if (opts.onTranslate) {
      try {
        opts.onTranslate({ event, commands: translation.commands, notes: translation.notes })
      } catch (error) {
        log.warn('onTranslate threw', error)
      }
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

  const run = (event: TranslationReport['event'], step: () => Translation) => {
    if (disabled) return
    try {
      const translation = step()
      state = translation.state
      report(event, translation)
      for (const command of translation.commands) log.debug(`→ ${command.kind}`, command)
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
  let aliasTargetPending = false
  const alias = (ctx: Context): Context => {
    const event = ctx?.event as SegmentEventLike | undefined
    if (event && event.userId !== undefined && event.userId === event.previousId) {
      aliasTargetPending = true
      return ctx
    }
    return handle(ctx)
  }
  const onAlias = (to: unknown, from: unknown) => {
    if (!aliasTargetPending) return
    aliasTargetPending = false
    const event: SegmentEventLike = { type: 'alias', userId: to, previousId: from }
    run(event, () => translate(event, state, translateOptions))
  }

  const start = async (config: ResolvedConfig, source: SdkSource): Promise<void> => {
    const ready = await startClient(source, {
      accountId: config.accountId,
      region: config.region,
      targetDomain: config.targetDomain,
      timeoutMs: config.loadTimeoutMs,
      warn: (message) => log.warn(message),
      beforeInit: (sdk) => {
        // Segment's page calls drive page views; the SDK's own click/popstate detection would double them.
        sdk.spa = false
        // Attribution rides on every request, the init page view included.
        sdk.setLibrary?.(LIBRARY_NAME, VERSION)
      },
    })
    const dropped = buffer.dropped
    const pending = buffer.drain()
    if (dropped > 0) log.warn(`${dropped} calls made while CleverTap loaded were dropped (buffer limit ${buffer.capacity})`)
    client = ready
    log.debug(`ready; flushing ${pending.length} buffered commands`)
    deliver(pending)
  }

  const plugin: CleverTapPlugin = {
    name: PLUGIN_NAME,
    type: 'destination',
    version: VERSION,
    isLoaded: () => client !== undefined,
    load: (_ctx: Context, analytics: Analytics) => {
      loading ??= (async () => {
        const resolved = resolveConfig(opts, workspaceSettings(analytics), pageOrigin())
        if (!resolved.ok) {
          disabled = true
          log.error(`${resolved.error}. CleverTap is disabled; analytics keeps working.`)
          return
        }
        const config = resolved.value
        log = createLogger(config.debug)
        translateOptions = config.translate
        buffer = new CommandBuffer(config.maxBufferSize)
        if (!hasBrowser()) {
          disabled = true
          log.debug('no browser: CleverTap runs only in the browser')
          return
        }
        if (analytics && typeof analytics.on === 'function') {
          analytics.on('reset', onReset)
          analytics.on('alias', onAlias)
          unsubscribe = () => {
            analytics.off?.('reset', onReset)
            analytics.off?.('alias', onAlias)
          }
        }
        const source = config.sdkUrl ? scriptSource(config.sdkUrl, config.nonce) : defaultSource
        try {
          await start(config, source)
        } catch (error) {
          disabled = true
          buffer.clear()
          log.error(`${error instanceof Error ? error.message : String(error)}. CleverTap is disabled; analytics keeps working.`)
          throw error
        }
      })()
      return loading
    },
    unload: () => {
      unsubscribe?.()
      unsubscribe = undefined
      disabled = true
      buffer.clear()
    },
    getCleverTapId: () => {
      try {
        return client?.getCleverTapID() ?? undefined
      } catch {
        return undefined
      }
    },
    track: handle,
    identify: handle,
    page: handle,
    screen: handle,
    group: handle,
    alias,
  }
  return plugin
}

export { scriptSource }
