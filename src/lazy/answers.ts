/**
 * Waiting for CleverTap's answers before a command that depends on them. The SDK writes the device's
 * CleverTap ID into each request as it is pushed, and every answer sets the device's ID to the one it
 * carries. So while a login is unanswered, what follows waits for its answer: an event pushed then would
 * carry the previous profile's ID, and a clear would be undone by the answer giving that ID back. A login
 * the SDK still holds unsent (the visit's first request unanswered) counts as unanswered. A clear waits
 * for every answer, since whichever request CleverTap answers after it gives the device that request's ID
 * back (a page view the SDK re-sent from an earlier page of the previous user, say). No wait lasts longer
 * than ANSWER_WAIT_MS: CleverTap answers in well under a second, and a blocked API never answers.
 */
import { loginInFlight } from '../bridge/sdk/client'
import { loginUnanswered, unansweredRequests } from '../bridge/sdk/storage'
import type { CleverTapCommand } from '../bridge/translation/commands'

export const ANSWER_WAIT_MS = 5000

/** Returns whether `command` must wait now; on a page being left (`leaving`) nothing waits. */
export function answerWait(now: () => number = Date.now): (command: CleverTapCommand, leaving: boolean) => boolean {
  /** Since when the next command has waited. */
  let since: number | undefined
  return (command, leaving) => {
    const pending = loginInFlight() || loginUnanswered() || (command.kind === 'clear' && unansweredRequests() > 0)
    if (!leaving && pending && now() - (since ??= now()) < ANSWER_WAIT_MS) return true
    since = undefined
    return false
  }
}
