/**
 * The order kept calls are applied in once CleverTap is ready. Within each stretch, identity commands go
 * first, so events made before the identify (analytics-next replays the calls a page made before it
 * loaded grouped by method, all at once) land on the user's profile rather than an anonymous one;
 * everything else keeps its order. A stretch belongs to one user and ends at a reset and wherever another
 * user shows: a login of another user, or a call made by another user (`ownerOf`: the Segment userId its
 * call was made with). What came before stays with the user who made it. A stretch also ends where calls
 * were made more than BURST_MS apart (`madeAt`): those came in the order they were made, so an anonymous
 * call made before a later identify stays anonymous.
 */
import type { CleverTapCommand } from './commands'
import { isIdentityCommand } from './commands'

/** Calls heard closer together than this may be analytics-next's replay of its buffer, grouped by method. */
export const BURST_MS = 50

export function identityFirst(
  commands: readonly CleverTapCommand[],
  ownerOf: (command: CleverTapCommand) => unknown = () => undefined,
  madeAt: (command: CleverTapCommand) => number | undefined = () => undefined,
): CleverTapCommand[] {
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
  let last: number | undefined
  for (const command of commands) {
    const at = madeAt(command)
    if (at !== undefined && last !== undefined && Math.abs(at - last) > BURST_MS) close()
    last = at ?? last
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
