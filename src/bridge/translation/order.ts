/**
 * The order kept calls are applied in once CleverTap is ready. Within each stretch, identity commands go
 * first, so events made before the identify (analytics-next replays its own early calls grouped by
 * method) land on the user's profile rather than an anonymous one; everything else keeps its order. A
 * stretch ends at a reset and at a login of another user: what came before stays with the previous user.
 */
import type { CleverTapCommand } from './commands'
import { isIdentityCommand } from './commands'

export function identityFirst(commands: readonly CleverTapCommand[]): CleverTapCommand[] {
  const ordered: CleverTapCommand[] = []
  let identity: CleverTapCommand[] = []
  let rest: CleverTapCommand[] = []
  const close = () => {
    ordered.push(...identity, ...rest)
    identity = []
    rest = []
  }
  /** The user whose stretch this is: a login for someone else is a boundary, like a reset. */
  let user: unknown
  for (const command of commands) {
    if (command.kind === 'clear') {
      close()
      user = undefined
      ordered.push(command)
    } else if (command.kind === 'login') {
      if (user !== undefined && command.profile.Identity !== user) close()
      user = command.profile.Identity
      identity.push(command)
    } else if (isIdentityCommand(command)) {
      identity.push(command)
    } else {
      rest.push(command)
    }
  }
  close()
  return ordered
}
