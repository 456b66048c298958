/**
 * Waiting for CleverTap's answers before a command that depends on them. The SDK writes the device's
 * CleverTap ID into each request as it is pushed, and every answer sets the device's ID to the one it
 * carries. So while a login is unanswered, what follows waits for its answer: an event pushed then would
 * carry the previous profile's ID, and a clear would be undone by the answer giving that ID back. A login
 * the SDK still holds unsent (the visit's first request unanswered) counts as unanswered. A clear waits
 * for every answer, since whichever request CleverTap answers after it gives the device that request's ID
 * back (a page view the SDK re-sent from an earlier page of the previous user, say), and so does the
 * command right after a login, which the SDK may hold back unsent for a while. These waits last no longer
 * than ANSWER_WAIT_MS: CleverTap answers in well under a second, and a blocked API never answers.
 *
 * Until the device has a CleverTap ID, nothing goes while a request waits for the answer that brings
 * one, however long: the SDK would only keep what it is given and send it all at once when the ID comes,
 * every request stamped with that ID, so events made after a login in the batch would land on the
 * anonymous profile. The plugin keeps such calls itself meanwhile, and carries them to the next page if
 * the visitor leaves first. A change of consent is not held: an opt-out takes effect in the SDK at once.
 * Right after a clear the ID is gone, and the next command is what gets the new one: it goes.
 */
import { loginInFlight } from '../bridge/sdk/client'
import { awaitedAnswers } from '../bridge/sdk/storage'
import type { CleverTapCommand } from '../bridge/translation/commands'

export const ANSWER_WAIT_MS = 5000

/**
 * Returns whether `command` must wait now; on a page being left (`leaving`) nothing waits. Once a wait
 * has run its full time, what it waited for is taken as not coming (a request the SDK holds but does not
 * send, say, while it is opted out): nothing waits for it again until it has been seen to end, so one
 * stuck request costs ANSWER_WAIT_MS once, not once for every command. `first`: the requests the page
 * found unanswered as it started (those the SDK kept from earlier pages, sent first): this page's own
 * commands go after their answers, which may switch the device's profile (a login the last page sent).
 */
export function answerWait(now: () => number = Date.now, first: readonly string[] = []): (command: CleverTapCommand, leaving: boolean) => boolean {
  let earlier = [...first]
  /** Since when the next command has waited. */
  let since: number | undefined
  /** What was waited for in vain, until it is seen to end. */
  const stuck = { login: false, answers: false }
  /** The last command that went was a login: the SDK may not show it as in flight yet. */
  let afterLogin = false
  return (command, leaving) => {
    const sdk = awaitedAnswers()
    const unanswered = sdk.unanswered.length > 0
    if (!leaving && command.kind !== 'privacy' && !sdk.deviceId && !sdk.clearPending && unanswered) return true
    earlier = earlier.filter((number) => sdk.unanswered.includes(number))
    const login = loginInFlight() || sdk.loginUnanswered
    // Right after a login, the SDK may hold it back a while (its visit's first request still unanswered)
    // before it counts as in flight; what follows waits for every answer then, as a clear does.
    const answers = (command.kind === 'clear' || afterLogin) && unanswered
    if (!login) stuck.login = false
    if ((command.kind === 'clear' || afterLogin) && !answers) stuck.answers = false
    const waitFor = (login && !stuck.login) || (answers && !stuck.answers) || (earlier.length > 0 && command.kind !== 'privacy')
    if (!leaving && waitFor && now() - (since ??= now()) < ANSWER_WAIT_MS) return true
    if (waitFor && !leaving) {
      stuck.login ||= login
      stuck.answers ||= answers
      earlier = []
    }
    since = undefined
    afterLogin = command.kind === 'login'
    return false
  }
}

/**
 * Where a change of consent goes when the SDK was just cleared: behind the next command that records
 * something (its index among `later`), which carries the clear and brings the new ID. The SDK sends a
 * consent change without the clear, and holds it until an ID comes; the request after it would then wait
 * up to 10 s, counted as not the first. Undefined: it goes now (nothing such follows, or no clear pends).
 */
export function privacyBehind(command: CleverTapCommand, later: () => readonly CleverTapCommand[]): number | undefined {
  if (command.kind !== 'privacy') return undefined
  const sdk = awaitedAnswers()
  if (!sdk.clearPending || sdk.deviceId) return undefined
  const next = later().findIndex((item) => item.kind !== 'privacy' && item.kind !== 'clear')
  return next === -1 ? undefined : next
}
