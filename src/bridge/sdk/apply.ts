/**
 * The edge where commands become SDK calls. Each call is isolated: the SDK throws on some input and
 * mutates what it is given, so it gets copies and its errors are reported, never raised.
 */
import type { CleverTapCommand, Properties } from '../translation/commands'
import { CHARGED_EVENT } from '../translation/constants'
import type { CleverTapClient } from './client'
import { atUrl } from './page-url'
import { dismissPopups } from './popups'
import { hasLocalProperty } from './storage'

function copy(properties: Properties): Properties {
  const out: Properties = {}
  for (const key of Object.keys(properties)) {
    const value = properties[key]
    out[key] = Array.isArray(value) ? value.slice() : value
  }
  return out
}

function applyOne(client: CleverTapClient, command: CleverTapCommand): void {
  switch (command.kind) {
    case 'login':
      client.onUserLogin.push({ Site: copy(command.profile) })
      return
    case 'profile':
      client.profile.push({ Site: copy(command.profile) })
      return
    case 'event':
      if (Object.keys(command.properties).length === 0) client.event.push(command.name)
      else client.event.push(command.name, copy(command.properties))
      return
    case 'charged':
      client.event.push(CHARGED_EVENT, { ...command.properties, Items: command.items.map((item) => ({ ...item })) })
      return
    case 'page':
      if (command.newRoute) dismissPopups()
      atUrl(command.url, () => client.pageChanged())
      return
    case 'clear':
      client.clear()
      return
    case 'privacy': {
      const flags: Array<Record<string, boolean>> = []
      if (command.optOut !== undefined) flags.push({ optOut: command.optOut })
      if (command.useIP !== undefined) flags.push({ useIP: command.useIP })
      if (flags.length > 0) client.privacy.push(...flags)
      return
    }
    case 'increment':
    case 'decrement':
    case 'removeValues':
    case 'removeKey':
      // The SDK performs these only on properties this browser has set itself; elsewhere it logs and drops.
      if (!hasLocalProperty(command.key)) throw new Error(`${command.kind} skipped: "${command.key}" was not set from this browser yet`)
      if (command.kind === 'increment') client.handleIncrementValue(command.key, command.by)
      else if (command.kind === 'decrement') client.handleDecrementValue(command.key, command.by)
      else if (command.kind === 'removeValues') client.removeMultiValuesForKey(command.key, command.values.slice())
      else client.removeValueForKey(command.key)
      return
    case 'addValues':
      client.addMultiValuesForKey(command.key, command.values.slice())
      return
    case 'setValues':
      client.setMultiValuesForKey(command.key, command.values.slice())
      return
    default:
      assertNever(command)
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown command ${JSON.stringify(value)}`)
}

/** Applies each command; returns the failures instead of throwing them. */
export function applyCommands(client: CleverTapClient, commands: readonly CleverTapCommand[]): Array<{ command: CleverTapCommand; error: unknown }> {
  const failures: Array<{ command: CleverTapCommand; error: unknown }> = []
  for (const command of commands) {
    try {
      applyOne(client, command)
    } catch (error) {
      failures.push({ command, error })
    }
  }
  return failures
}
