/**
 * The translation of the calls the plugin hands over, one after another, with what it carries from call to
 * call: who CleverTap's device is logged in as (read first from the SDK's own storage, so a call by someone
 * else logs them in first) and the page CleverTap started on. What each call became goes to the debug log,
 * the inspector and `onTranslate`.
 */
import { discardedEventNames, loggedInIdentity } from '../bridge/sdk/storage'
import type { CleverTapCommand } from '../bridge/translation/commands'
import { translate, translateReset } from '../bridge/translation/translate'
import type { TranslateState } from '../bridge/translation/types'
import type { KeptCall, StartRequest } from '../plugin/engine-port'
import type { Logger } from '../plugin/log'
import type { ResolvedOptions } from './options'

export interface Translator {
  /** The commands for one call (a consent change's are its own). */
  (call: KeptCall): CleverTapCommand[]
  /** A new batch of calls begins: what the SDK knows is read again. */
  batch(): void
  /**
   * Commands already translated were dropped unsent (a withdrawal of consent): who the device is logged in
   * as is read from the SDK again, so the next call by a user whose login was dropped logs them in.
   */
  resync(): void
}

export function createTranslator(options: ResolvedOptions, log: Logger, initPage: string, inspect: StartRequest['inspect']): Translator {
  let state: TranslateState = { initPage, userId: loggedInIdentity() }
  let discardedNow: Set<string> | undefined
  const translateCall = (call: KeptCall): CleverTapCommand[] => {
    if ('commands' in call) return call.commands
    const { event } = call
    // The events CleverTap's server discards for this account, read once for each batch of calls.
    const config = { ...options.translation, discardedEvents: (discardedNow ??= discardedEventNames()) }
    const translation = event.type === 'reset' ? translateReset(state) : translate(event, state, config)
    state = translation.state
    const notes = [...(call.notes ?? []), ...translation.notes]
    for (const note of notes) log.debug(note)
    for (const command of translation.commands) log.debug(`→ ${command.kind}`, command)
    try {
      inspect?.({ event, commands: translation.commands, notes })
      options.onTranslate?.({ event, commands: translation.commands, notes })
    } catch (error) {
      log.warn('onTranslate threw', error, call.ctx)
    }
    return translation.commands
  }
  return Object.assign(translateCall, {
    batch() {
      discardedNow = undefined
    },
    resync() {
      state = { ...state, userId: loggedInIdentity() }
    },
  })
}
