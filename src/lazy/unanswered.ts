/** CleverTap's API not answering, said once in the console: QA's first question is "Segment fired but CleverTap didn't". */
import { unansweredRequests } from '../bridge/sdk/storage'
import type { Logger } from '../plugin/log'
import { ANSWER_WAIT_MS } from './answers'
import type { ResolvedOptions } from './options'

/**
 * "Segment fired but CleverTap didn't": when CleverTap's API has not answered within ANSWER_WAIT_MS (the
 * longest the plugin waits for an answer) of
 * init, one warning names the host and the likely causes, whether or not `debug` is on.
 */
export function watchForAnswer(options: Pick<ResolvedOptions, 'region' | 'targetDomain'>, log: Logger): void {
  setTimeout(() => {
    const waiting = unansweredRequests()
    if (waiting === 0) return
    const host = options.targetDomain ?? `${options.region ?? 'eu1'}.clevertap-prod.com`
    log.warn(
      `CleverTap's API (https://${host}) has not answered ${waiting} request(s) within ${ANSWER_WAIT_MS / 1000} s. ` +
        'An ad blocker, a proxy or a Content-Security-Policy may block it; the calls are kept and sent once it answers. ' +
        'A host of your own that forwards to CleverTap can be set with targetDomain.',
    )
  }, ANSWER_WAIT_MS)
}
