/**
 * The order kept calls are applied in once CleverTap is ready. Within each stretch between resets,
 * identity commands go first, so events made before the identify (analytics-next replays its own early
 * calls grouped by method) land on the user's profile rather than an anonymous one; everything else keeps
 * its order. A reset is never crossed: what came before it stays with the previous user.
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
  for (const command of commands) {
    if (command.kind === 'clear') {
      close()
      ordered.push(command)
    } else if (isIdentityCommand(command)) {
      identity.push(command)
    } else {
      rest.push(command)
    }
  }
  close()
  return ordered
}
