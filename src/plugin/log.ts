/** Console output with one prefix. Debug lines only when `debug` is on; errors and warnings always. */
export interface Logger {
  debug(message: string, detail?: unknown): void
  warn(message: string, detail?: unknown): void
  error(message: string, detail?: unknown): void
}

const PREFIX = '[CleverTap]'

export function createLogger(debug: boolean): Logger {
  const print = (method: 'log' | 'warn' | 'error', message: string, detail?: unknown) => {
    if (typeof console === 'undefined') return
    if (detail === undefined) console[method](`${PREFIX} ${message}`)
    else console[method](`${PREFIX} ${message}`, detail)
  }
  return {
    debug: (message, detail) => {
      if (debug) print('log', message, detail)
    },
    warn: (message, detail) => print('warn', message, detail),
    error: (message, detail) => print('error', message, detail),
  }
}
