/**
 * What a change of the visitor's consent means for CleverTap: opted out once it is withdrawn, opted in
 * again once it is given back. The opt-out is remembered for the device (CleverTap keeps it for the
 * device too), so the visitor's current choice wins on whichever page it is made: a grant on a later page
 * lifts an opt-out set on an earlier one, and a grant the device never withdrew sends nothing.
 */
import type { CleverTapCommand } from '../bridge/translation/commands'
import { pageStorage } from '../plugin/page'

const OPTED_OUT_PREFIX = 'clevertap-segment-web:opted-out:'

export function privacyFor(granted: boolean, accountId: string): CleverTapCommand[] {
  const key = OPTED_OUT_PREFIX + accountId
  try {
    const optedOut = pageStorage().getItem(key) !== null
    if (granted !== optedOut) return []
    if (granted) pageStorage().removeItem(key)
    else pageStorage().setItem(key, '1')
  } catch {
    // Storage blocked: this page's change alone decides.
  }
  return [{ kind: 'privacy', optOut: !granted }]
}
