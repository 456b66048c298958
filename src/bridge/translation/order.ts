/**
 * The order kept calls are applied in once CleverTap is ready. Within each stretch, identity commands go
 * first, so events made before the identify (analytics-next replays its own early calls grouped by
 * method) land on the user's profile rather than an anonymous one; everything else keeps its order. A
 * stretch belongs to one user and ends at a reset and wherever another user shows: a login of another
 * user, or a call made by another user (`ownerOf`: the Segment userId its call was made with). What came
 * before stays with the user who made it.
 */
import type { CleverTapCommand } from './commands'
import { isIdentityCommand } from './commands'

export function identityFirst(commands: readonly CleverTapCommand[], ownerOf: (command: CleverTapCommand) => unknown = () => undefined): CleverTapCommand[] {
  const ordered: CleverTapCommand[] = []
  let identity: CleverTapCommand[] = []
  let rest: CleverTapCommand[] = []
  const close = () => {
    ordered.push(...identity, ...rest)
    identity = []
    rest = []
  }
  /** The user whose stretch this is: another user's login or call is a boundary, like a reset. */
  let user: unknown
  const enter = (who: unknown) => {
    if (who === undefined || who === null) return
    if (user !== undefined && who !== user) close()
    user = who
  }
  for (const command of commands) {
    if (command.kind === 'clear') {
      close()
      user = undefined
      ordered.push(command)
    } else if (command.kind === 'login') {
      enter(command.profile.Identity)
      identity.push(command)
    } else {
      enter(ownerOf(command))
      if (isIdentityCommand(command)) identity.push(command)
      else rest.push(command)
    }
  }
  close()
  return ordered
}
