/**
 * Commands that arrive before the SDK is ready. Bounded; on flush, identity commands go first within
 * each stretch between `clear`s, so early events land on the user's profile, not on an anonymous one.
 */
import type { CleverTapCommand } from './commands'
import { isIdentityCommand } from './commands'

export class CommandBuffer {
  private commands: CleverTapCommand[] = []
  private droppedCount = 0

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.commands.length
  }

  /** How many commands were dropped for lack of room since the last drain. */
  get dropped(): number {
    return this.droppedCount
  }

  add(commands: readonly CleverTapCommand[]): void {
    for (const command of commands) {
      if (this.commands.length >= this.capacity) this.evictOne()
      this.commands.push(command)
    }
  }

  /** Oldest plain event first: identity and reset decide where everything else lands. */
  private evictOne(): void {
    const index = this.commands.findIndex((c) => !isIdentityCommand(c) && c.kind !== 'clear')
    this.commands.splice(index === -1 ? 0 : index, 1)
    this.droppedCount++
  }

  drain(): CleverTapCommand[] {
    const ordered: CleverTapCommand[] = []
    let identity: CleverTapCommand[] = []
    let rest: CleverTapCommand[] = []
    const close = () => {
      ordered.push(...identity, ...rest)
      identity = []
      rest = []
    }
    for (const command of this.commands) {
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
    this.commands = []
    this.droppedCount = 0
    return ordered
  }

  clear(): void {
    this.commands = []
  }
}
