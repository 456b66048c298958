/**
 * The composition root of the part that loads later: the translation (src/bridge/translation) in front of
 * the SDK edge (src/bridge/sdk), as the plugin's Engine port describes. The npm builds import it lazily; the
 * script build loads it as a second file, which holds the page's up-front cost to a few kilobytes.
 */
import { applyCommands } from '../bridge/sdk/apply'
import type { CleverTapClient } from '../bridge/sdk/client'
import { askForWebPush, watchEngagement } from '../bridge/sdk/engagement'
import { currentPageUrl } from '../bridge/sdk/page-url'
import type { SdkSource } from '../bridge/sdk/start'
import { sendEarlierRequests } from '../bridge/sdk/backlog'
import { initClient, obtainClient, readyPageForSdk, scriptSource } from '../bridge/sdk/start'
import type { CleverTapCommand } from '../bridge/translation/commands'
import type { Engagement } from '../bridge/translation/engagement'
import { identityFirst } from '../bridge/translation/order'
import type { Connection, Engine, KeptCall, KeptEvent, StartRequest } from '../plugin/engine-port'
import { isPlainEvent } from '../plugin/kept-calls'
import { errorText, type Logger } from '../plugin/log'
import { pageOrigin } from './page'
import { LIBRARY_NAME, VERSION } from '../version'
import { ANSWER_WAIT_MS, answerWait, privacyBehind } from './answers'
import { takeCarried } from './carried-calls'
import { createTranslator } from './translator'
import { privacyFor } from './consent'
import { createDelivery } from './delivery'
import { firstAnonymousId, isEntry, landingUrl } from './kept-entries'
import { createPacer } from './pacing'
import { idStamp } from './id-stamp'
import { watchForAnswer } from './unanswered'
import type { ResolvedOptions } from './options'
import { resolveOptions } from './options'
import { refusal, standDownNextToAnother } from './stand-down'

/** What the engine needs once CleverTap is live. */
interface Live {
  client: CleverTapClient
  options: ResolvedOptions
  analytics: StartRequest['analytics']
  log: Logger
  initPage: string
  inspect: StartRequest['inspect']
  /** The numbers of the requests the SDK kept from earlier pages. */
  earlier: readonly string[]
}

function connect({ client, options, analytics, log, initPage, inspect, earlier }: Live): Connection {
  const translateCall = createTranslator(options, log, initPage, inspect)

  const cleverTapId = (): string | undefined => {
    try {
      return client.getCleverTapID() ?? undefined
    } catch {
      return undefined
    }
  }

  // What starts with CleverTap. Engagement goes to Segment with `CleverTap: false`, so it never comes back.
  if (options.stampCleverTapId && analytics) analytics.register(idStamp(cleverTapId, VERSION, analytics)).catch(() => undefined)
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

  // One command at a time, in slices that leave the page responsive (pacing.ts), each after the answers it
  // depends on (answers.ts): the first after those of the requests kept from earlier pages, sent first.
  const mustWait = answerWait(Date.now, sendEarlierRequests(client, earlier))
  const pacer = createPacer<{ command: CleverTapCommand; call?: KeptCall }>(({ command, call }, leaving, later) => {
    const behind = privacyBehind(command, () => later().map((item) => item.command))
    if (!leaving && behind !== undefined) return { behind }
    if (mustWait(command, leaving)) return false
    for (const failure of applyCommands(client, [command])) {
      log.warn(`CleverTap rejected ${failure.command.kind}`, failure.error, call && 'event' in call ? call.ctx : undefined)
    }
    return true
  }, {
    // CleverTap's answers not coming (its API blocked, say) on a page left open: as while CleverTap loads.
    capacity: options.maxBufferSize,
    afterMs: 2 * ANSWER_WAIT_MS, // longer than any wait with a time limit: only a wait for the first answer lasts
    plain: ({ call }) => call !== undefined && isPlainEvent(call),
    overflow: () => log.warn(`CleverTap has not answered; more than ${options.maxBufferSize} commands wait for it: the oldest events are dropped`),
  })

  const apply = (calls: readonly KeptCall[], replay: boolean) => {
    translateCall.batch()
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
    const ownerOf = (command: CleverTapCommand) => {
      const call = origin.get(command)
      return call && 'event' in call && typeof call.event.userId === 'string' ? call.event.userId : undefined
    }
    pacer.push((replay ? identityFirst(commands, ownerOf) : commands).map((command) => ({ command, call: origin.get(command) })))
  }
  /** A pacer item that delivers a Segment call (not a change of consent). */
  const ofEvent = (item: { call?: KeptCall }) => item.call !== undefined && 'event' in item.call
  const delivery = createDelivery({
    apply,
    privacy: (granted) => {
      // A withdrawal: what waits in the pacer leaves no more either, but for resets: a clear sends nothing,
      // and decides whose profile the calls after it land on.
      if (!granted) {
        pacer.clear((item) => ofEvent(item) && item.command.kind !== 'clear')
        translateCall.resync()
      }
      return { commands: privacyFor(granted, options.accountId) }
    },
    capacity: options.maxBufferSize,
    warn: (message) => log.warn(message),
  })

  return {
    client,
    replay({ entries, dropped }) {
      if (dropped > 0) log.warn(`${dropped} calls made while CleverTap loaded were dropped (limit ${options.maxBufferSize})`)
      log.debug(`ready; delivering ${entries.length} kept calls`)
      delivery.take(entries, true)
    },
    take: (entry) => delivery.take([entry], false),
    // Called for the page being left: the calls still waiting in the pacer are carried to the next page
    // with the rest, whole (a login or profile update already pushed for one of them is repeated there,
    // to the same effect), rather than pushed into an SDK that may drop them with this page.
    pending: () => {
      const waiting = pacer.handOver(ofEvent).map(({ call }) => call as KeptEvent)
      return [...new Set(waiting), ...delivery.pending()]
    },
    forget() {
      delivery.forget()
      pacer.clear()
    },
    cleverTapId,
    stop() {
      stopWatching?.()
      delivery.forget()
      pacer.stop()
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
      // What earlier pages left goes before this page's own.
      const { carry } = request
      const carried = carry ? (await takeCarried(carry.scope, carry.identity, (why) => log.warn(`${why}; not sent`))).filter(isEntry) : []
      if (carried.length > 0) log.debug(`${carried.length} calls carried over from an earlier page`)
      request.kept.restore(carried)
      const earlier = readyPageForSdk(options.accountId, log)
      const client = await obtainClient(options.sdkUrl ? scriptSource(options.sdkUrl) : defaultSdk, options.nonce, request.abandoned).catch((error: unknown) => {
        throw new Error(`CleverTap SDK failed to load: ${errorText(error)}`)
      })
      // A copy that arrives after the plugin stopped waiting is left uninitialised, so it sends nothing.
      if (request.abandoned()) throw new Error('CleverTap arrived after it was given up on')
      const landing = landingUrl(request.kept.entries)
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
          flags: options.transport,
          customId: options.anonymousIdAsCustomId ? firstAnonymousId(request.kept.entries) ?? analytics?.user?.().anonymousId?.() ?? undefined : undefined,
        },
        (message) => log.warn(message),
      )
      watchForAnswer(options, log)
      return connect({ client, options, analytics, log, initPage: landing ?? currentPageUrl(), inspect: request.inspect, earlier })
    },
  } satisfies Engine
}
