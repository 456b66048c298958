/**
 * The part of the CleverTap web SDK this package uses, and the one accessor for `window.clevertap`.
 * Nothing outside src/clevertap reads it, which keeps server-side imports safe.
 */

export interface CleverTapPushable {
  push(...args: unknown[]): unknown
}

export interface CleverTapInitConfig {
  customId?: string
  [key: string]: unknown
}

/** A live CleverTap instance (the npm module's export or the CDN script's `window.clevertap`). */
export interface CleverTapClient {
  init(accountId: string, region?: string, targetDomain?: string, token?: string, config?: CleverTapInitConfig): void
  event: CleverTapPushable
  profile: CleverTapPushable
  onUserLogin: CleverTapPushable
  privacy: CleverTapPushable
  notifications: CleverTapPushable
  pageChanged(): void
  clear(): void
  getCleverTapID(): string | null
  getAccountID(): string | undefined
  setLibrary?(name: string, version: string): void
  setLogLevel?(level: number): void
  handleIncrementValue(key: string, by: number): void
  handleDecrementValue(key: string, by: number): void
  addMultiValuesForKey(key: string, values: Array<string | number>): void
  removeMultiValuesForKey(key: string, values: Array<string | number>): void
  setMultiValuesForKey(key: string, values: Array<string | number>): void
  removeValueForKey(key: string): void
  spa?: boolean
}

interface CleverTapWindow {
  clevertap?: unknown
}

function browserWindow(): (Window & CleverTapWindow) | undefined {
  return typeof window === 'undefined' ? undefined : (window as Window & CleverTapWindow)
}

/** The live instance on this page, or undefined (a snippet's array stub is not live). */
export function liveClient(): CleverTapClient | undefined {
  const candidate = browserWindow()?.clevertap as Partial<CleverTapClient> | undefined
  return candidate && typeof candidate.getCleverTapID === 'function' && typeof candidate.init === 'function'
    ? (candidate as CleverTapClient)
    : undefined
}

/**
 * A CleverTap snippet's stub (`{ event: [], account: [...] }`) is adopted by the SDK when it loads,
 * which auto-initialises with the stub's account. Returns that account id, if any. A stub with an
 * empty `account` list makes the SDK throw on load, so that list is removed.
 */
export function prepareStub(): { stubAccountId?: string } {
  const w = browserWindow()
  const stub = w?.clevertap as { account?: Array<{ id?: unknown }> } | undefined
  if (!stub || typeof stub !== 'object' || liveClient()) return {}
  if (Array.isArray(stub.account)) {
    const id = stub.account[0]?.id
    if (typeof id === 'string' && id !== '') return { stubAccountId: id }
    delete stub.account
  }
  return {}
}
