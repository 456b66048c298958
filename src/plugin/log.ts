/**
 * The plugin's messages: on the console with one prefix (debug lines only with `debug`), and, for a
 * message about one Segment call, also on that call's context, so `analytics.debug(true)` shows it.
 */
import type { Context } from '@segment/analytics-next'

export interface Logger {
  debug(message: string, detail?: unknown): void
  warn(message: string, detail?: unknown, ctx?: Context): void
  error(message: string, detail?: unknown, ctx?: Context): void
}

const PREFIX = '[CleverTap]'

/** An error's message, whatever was thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function createLogger(debug: boolean): Logger {
  const print = (method: 'log' | 'warn' | 'error', message: string, detail?: unknown, ctx?: Context) => {
    // Only warnings and errors name a call (debug lines never do).
    ctx?.log(method as 'warn', `${PREFIX} ${message}`, detail === undefined ? undefined : { detail: errorText(detail) })
    console[method](`${PREFIX} ${message}`, ...(detail === undefined ? [] : [detail]))
  }
  return {
    debug: (message, detail) => {
      if (debug) print('log', message, detail)
    },
    warn: (message, detail, ctx) => print('warn', message, detail, ctx),
    error: (message, detail, ctx) => print('error', message, detail, ctx),
  }
}
