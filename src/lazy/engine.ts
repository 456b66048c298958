/**
 * The composition root of the part that loads later: the translation (src/bridge/translation) in front of
 * the SDK edge (src/bridge/sdk), as the plugin's Engine port describes. The npm builds import it lazily;
 * the script build loads it as a second file. Keeping it out of the eager code is what holds the page's
 * up-front cost to a few kilobytes.
 */
import { applyCommands } from '../bridge/sdk/apply'
import type { CleverTapClient } from '../bridge/sdk/client'
import { askForWebPush, watchEngagement } from '../bridge/sdk/engagement'
import { currentPageUrl } from '../bridge/sdk/page-url'
import type { SdkSource } from '../bridge/sdk/start'
import { initClient, obtainClient, readyPageForSdk, scriptSource } from '../bridge/sdk/start'
import type { CleverTapCommand } from '../bridge/translation/commands'
import type { Engagement } from '../bridge/translation/engagement'
import { identityFirst } from '../bridge/translation/order'
import { translate, translateReset } from '../bridge/translation/translate'
import type { TranslateState } from '../bridge/translation/types'
import type { Connection, Engine, Entry, KeptCall, StartRequest } from '../plugin/engine-port'
import { errorText } from '../plugin/log'
import type { Logger } from '../plugin/log'
import { pageOrigin } from '../plugin/page'
import { LIBRARY_NAME, VERSION } from '../version'
import { takeCarried } from './carried-calls'
import { createDelivery } from './delivery'
import { idStamp } from './id-stamp'
import type { ResolvedOptions } from './options'
import { resolveOptions } from './options'
import { refusal, standDownNextToAnother } from './stand-down'

/** An entry as the plugin keeps it (one read back from an earlier page may be anything). */
function isEntry(value: unknown): value is Entry {
  const entry = value as { event?: { type?: unknown }; commands?: unknown; aliased?: unknown } | null
  return (
    typeof entry === 'object' &&
    entry !== null &&
    (typeof entry.event?.type === 'string' || Array.isArray(entry.commands) || 'reset' in entry || (typeof entry.aliased === 'object' && entry.aliased !== null))
  )
}

/** Where the load's first page view should point: the first kept page call's URL. */
function landingUrl(entries: readonly Entry[]): string | undefined {
  for (const call of entries) {
    if ('event' in call && call.event.type === 'page') {
      const url = (call.event.context as { page?: { url?: unknown } } | undefined)?.page?.url
      return typeof url === 'string' ? url : undefined
    }
  }
  return undefined
}

/** What the engine needs once CleverTap is live. */
interface Live {
  client: CleverTapClient
  options: ResolvedOptions
  analytics: StartRequest['analytics']
  log: Logger
  initPage: string
}

function connect({ client, options, analytics, log, initPage }: Live): Connection {
  let state: TranslateState = { initPage }

  const translateCall = (call: KeptCall): CleverTapCommand[] => {
    if ('commands' in call) return call.commands
    const { event } = call
    const translation = event.type === 'reset' ? translateReset(state) : translate(event, state, options.translation)
    state = translation.state
    const notes = [...(call.notes ?? []), ...translation.notes]
    for (const note of notes) log.debug(note)
    for (const command of translation.commands) log.debug(`→ ${command.kind}`, command)
    try {
      options.onTranslate?.({ event, commands: translation.commands, notes })
    } catch (error) {
      log.warn('onTranslate threw', error, call.ctx)
    }
    return translation.commands
  }

  const cleverTapId = (): string | undefined => {
    try {
      return client.getCleverTapID() ?? undefined
    } catch {
      return undefined
    }
  }

  // What starts with CleverTap. Engagement goes to Segment with `CleverTap: false`, so it never comes back.
  if (options.stampCleverTapId) analytics?.register(idStamp(cleverTapId, VERSION)).catch(() => undefined)
  const forward = options.forwardEngagement
    ? ({ name, properties }: Engagement) => {
        analytics?.track(name, properties, { integrations: { CleverTap: false } }).catch(() => undefined)
      }
    : undefined
  const stopWatching = forward ? watchEngagement(forward) : undefined
  try {
    if (options.webPush) askForWebPush(client.notifications, options.webPush, forward)
  } catch (error) {
    log.warn('web push request failed', error)
  }

  const apply = (calls: readonly KeptCall[], replay: boolean) => {
    const commands: CleverTapCommand[] = []
    /** Which call each command came from, so a warning about it reaches that call's context. */
    const origin = new Map<CleverTapCommand, KeptCall>()
    for (const call of calls) {
      const ctx = 'event' in call ? call.ctx : undefined
      try {
        for (const command of translateCall(call)) {
          commands.push(command)
          origin.set(command, call)
        }
      } catch (error) {
        log.warn(`a ${'event' in call ? String(call.event.type) : 'privacy'} call could not be translated and was dropped`, error, ctx)
      }
    }
    for (const failure of applyCommands(client, replay ? identityFirst(commands) : commands)) {
      const call = origin.get(failure.command)
      log.warn(`CleverTap rejected ${failure.command.kind}`, failure.error, call && 'event' in call ? call.ctx : undefined)
    }
  }
  const delivery = createDelivery(apply, options.maxBufferSize, (message) => log.warn(message))

  return {
    client,
    take: delivery.take,
    pending: delivery.pending,
    forget: delivery.forget,
    cleverTapId,
    stop() {
      stopWatching?.()
      delivery.forget()
    },
  }
}

/** An engine whose SDK comes from `defaultSdk` unless the options name a script URL. */
export function createEngine(defaultSdk: SdkSource): Engine {
  return {
    async start(request) {
      const { analytics, log } = request
      standDownNextToAnother(analytics, request.self)
      // Checked before the SDK is downloaded: a bad account, region or proxy sends nothing anywhere.
      const resolved = resolveOptions(request.options, request.eager, analytics, pageOrigin())
      if (!resolved.ok) throw refusal(resolved.error)
      const options = resolved.value
      if (request.carry) {
        const carried = await takeCarried(request.carry.scope, request.carry.identity, (why) => log.warn(`${why}; not sent`))
        const entries = carried.filter(isEntry)
        if (entries.length > 0) log.debug(`${entries.length} calls carried over from an earlier page`)
        request.restore(entries)
      }
      readyPageForSdk(options.accountId, log)
      const client = await obtainClient(options.sdkUrl ? scriptSource(options.sdkUrl) : defaultSdk, options.nonce).catch((error: unknown) => {
        throw new Error(`CleverTap SDK failed to load: ${errorText(error)}`)
      })
      // A copy that arrives after the plugin stopped waiting is left uninitialised, so it sends nothing.
      if (request.abandoned()) throw new Error('CleverTap arrived after it was given up on')
      const landing = landingUrl(request.kept())
      initClient(
        client,
        {
          accountId: options.accountId,
          region: options.region,
          targetDomain: options.targetDomain,
          debug: options.debug,
          privacy: options.privacy,
          landingUrl: landing,
          library: { name: LIBRARY_NAME, version: VERSION },
          customId: options.anonymousIdAsCustomId ? analytics?.user?.().anonymousId?.() ?? undefined : undefined,
        },
        (message) => log.warn(message),
      )
      return connect({ client, options, analytics, log, initPage: landing ?? currentPageUrl() })
    },
  } satisfies Engine
}
