/**
 * Waiting for CleverTap's answers before a command that depends on them. The SDK writes the device's
 * CleverTap ID into each request as it is pushed, and every answer sets the device's ID to the one it
 * carries. So while a login is unanswered, what follows waits for its answer: an event pushed then would
 * carry the previous profile's ID, and a clear would be undone by the answer giving that ID back. A login
 * the SDK still holds unsent (the visit's first request unanswered) counts as unanswered. A clear waits
 * for every answer, since whichever request CleverTap answers after it gives the device that request's ID
 * back (a page view the SDK re-sent from an earlier page of the previous user, say), and so does the
 * command right after a login, which the SDK may hold back unsent for a while. No wait lasts longer
 * than ANSWER_WAIT_MS: CleverTap answers in well under a second, and a blocked API never answers.
 */
import { loginInFlight } from '../bridge/sdk/client'
import { loginUnanswered, unansweredRequests } from '../bridge/sdk/storage'
import type { CleverTapCommand } from '../bridge/translation/commands'

export const ANSWER_WAIT_MS = 5000

/**
 * Returns whether `command` must wait now; on a page being left (`leaving`) nothing waits. Once a wait
 * has run its full time, what it waited for is taken as not coming (a request the SDK holds but does not
 * send, say, while it is opted out): nothing waits for it again until it has been seen to end, so one
 * stuck request costs ANSWER_WAIT_MS once, not once for every command.
 */
export function answerWait(now: () => number = Date.now): (command: CleverTapCommand, leaving: boolean) => boolean {
  /** Since when the next command has waited. */
  let since: number | undefined
  /** What was waited for in vain, until it is seen to end. */
  const stuck = { login: false, answers: false }
  /** The last command that went was a login: the SDK may not show it as in flight yet. */
  let afterLogin = false
  return (command, leaving) => {
    const login = loginInFlight() || loginUnanswered()
    // Right after a login, the SDK may hold it back a while (its visit's first request still unanswered)
    // before it counts as in flight; what follows waits for every answer then, as a clear does.
    const answers = (command.kind === 'clear' || afterLogin) && unansweredRequests() > 0
    if (!login) stuck.login = false
    if ((command.kind === 'clear' || afterLogin) && !answers) stuck.answers = false
    const waitFor = (login && !stuck.login) || (answers && !stuck.answers)
    if (!leaving && waitFor && now() - (since ??= now()) < ANSWER_WAIT_MS) return true
    if (waitFor && !leaving) {
      stuck.login ||= login
      stuck.answers ||= answers
    }
    since = undefined
    afterLogin = command.kind === 'login'
    return false
  }
}
