/**
 * The composition root of the part that loads later: the translation (src/translation) in front of the
 * SDK edge (src/clevertap), as the plugin's Engine port describes. The npm builds import it lazily; the
 * script build loads it as a second file. Keeping it out of the eager code is what holds the page's
 * up-front cost to a few kilobytes.
 */
import { applyCommands } from '../clevertap/apply'
import type { CleverTapClient } from '../clevertap/client'
import { takeCarried } from '../clevertap/carried-take'
import { askForWebPush, watchEngagement } from '../clevertap/engagement'
import { currentPageUrl } from '../clevertap/page-url'
import type { SdkSource } from '../clevertap/setup'
import { initClient, obtainClient, prepareForSdk, scriptSource } from '../clevertap/setup'
import type { Connection, Engine, EngineSetup, KeptCall } from '../plugin/engine-port'
import { standDownNextToAnother } from '../plugin/doubles'
import { idStamp } from '../plugin/id-stamp'
import { errorText } from '../plugin/log'
import type { CleverTapCommand } from '../translation/commands'
import type { TranslateState } from '../translation/config'
import { configure } from '../translation/configure'
import type { Engagement } from '../translation/engagement'
import { normalizeRegion, validateTargetDomain } from '../translation/hosts'
import { identityFirst } from '../translation/order'
import { translate, translateReset } from '../translation/translate'
import { LIBRARY_NAME, VERSION } from '../version'

function isKeptCall(value: unknown): value is KeptCall {
  const call = value as { event?: { type?: unknown }; commands?: unknown } | null
  return typeof call === 'object' && call !== null && (typeof call.event?.type === 'string' || Array.isArray(call.commands))
}

/** Where the load's first page view should point: the first kept page call's URL. */
function landingUrl(calls: readonly KeptCall[]): string | undefined {
  for (const call of calls) {
    if ('event' in call && call.event.type === 'page') {
      const url = (call.event.context as { page?: { url?: unknown } } | undefined)?.page?.url
      return typeof url === 'string' ? url : undefined
    }
  }
  return undefined
}

function connect(client: CleverTapClient, setup: EngineSetup, initPage: string): Connection {
  const { log } = setup
  const config = configure(setup.options)
  let state: TranslateState = { initPage }

  const translateCall = (call: KeptCall): CleverTapCommand[] => {
    if ('commands' in call) return call.commands
    const { event } = call
    const translation = event.type === 'reset' ? translateReset(state) : translate(event, state, config)
    state = translation.state
    const notes = [...(call.notes ?? []), ...translation.notes]
    for (const note of notes) log.debug(note)
    for (const command of translation.commands) log.debug(`→ ${command.kind}`, command)
    try {
      setup.options.onTranslate?.({ event, commands: translation.commands, notes })
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
  const { analytics, options } = setup
  if (options.stampCleverTapId === true) analytics?.register(idStamp(cleverTapId, VERSION)).catch(() => undefined)
  const forward = options.forwardEngagement === true
    ? ({ name, properties }: Engagement) => {
        analytics?.track(name, properties, { integrations: { CleverTap: false } }).catch(() => undefined)
      }
    : undefined
  const stopWatching = forward ? watchEngagement(forward) : undefined
  try {
    if (typeof options.webPush === 'object' && options.webPush !== null) askForWebPush(client.notifications, options.webPush, forward)
  } catch (error) {
    log.warn('web push request failed', error)
  }

  return {
    client,
    deliver(calls, replay) {
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
    },
    cleverTapId,
    stop: () => stopWatching?.(),
  }
}

/** An engine whose SDK comes from `defaultSdk` unless the setup names a script URL. */
export function createEngine(defaultSdk: SdkSource): Engine {
  return {
    async start(setup) {
      standDownNextToAnother(setup.analytics, setup.self)
      // Checked before the SDK is downloaded: a bad region or proxy sends nothing anywhere.
      const region = normalizeRegion(setup.sdk.region, setup.options.allowUnknownRegion === true)
      if (!region.ok) throw new Error(region.error)
      const targetDomain = validateTargetDomain(setup.sdk.targetDomain)
      if (!targetDomain.ok) throw new Error(targetDomain.error)
      if (setup.carry) {
        const carried = await takeCarried(setup.carry.scope, setup.carry.identity, (why) => setup.log.warn(`${why}; not sent`))
        const calls = carried.filter(isKeptCall)
        if (calls.length > 0) setup.log.debug(`${calls.length} calls carried over from an earlier page`)
        setup.restore(calls)
      }
      prepareForSdk(setup.sdk.accountId, setup.log)
      const client = await obtainClient(setup.sdkUrl ? scriptSource(setup.sdkUrl) : defaultSdk, setup.nonce).catch((error: unknown) => {
        throw new Error(`CleverTap SDK failed to load: ${errorText(error)}`)
      })
      // A copy that arrives after the plugin stopped waiting is left uninitialised, so it sends nothing.
      if (setup.abandoned()) throw new Error('CleverTap arrived after it was given up on')
      const landing = landingUrl(setup.kept())
      const { options, analytics } = setup
      initClient(
        client,
        {
          ...setup.sdk,
          region: region.value,
          targetDomain: targetDomain.value,
          landingUrl: landing,
          library: { name: LIBRARY_NAME, version: VERSION },
          privacy: typeof options.optOut === 'boolean' || typeof options.useIP === 'boolean' ? { optOut: options.optOut, useIP: options.useIP } : undefined,
          customId: options.anonymousIdAsCustomId === true ? analytics?.user?.().anonymousId?.() ?? undefined : undefined,
        },
        (message) => setup.log.warn(message),
      )
      return connect(client, setup, landing ?? currentPageUrl())
    },
  } satisfies Engine
}
