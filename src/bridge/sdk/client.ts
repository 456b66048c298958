/**
 * The part of the CleverTap web SDK this package uses, and the one accessor for `window.clevertap`.
 * Nothing outside src/bridge/sdk reads it, which keeps server-side imports safe.
 */

export interface CleverTapPushable {
  push(...args: unknown[]): unknown
}

export interface CleverTapInitConfig {
  customId?: string
  [key: string]: unknown
}

/** An inbox message as the SDK keeps it: its id, whether it was viewed (0 or 1), and CleverTap's payload. */
export interface CleverTapInboxMessage {
  id: string
  viewed?: number
  [field: string]: unknown
}

/** The campaign a web pop-up or native display event names (`msgId` is CleverTap's `wzrk_id`). */
export interface CleverTapCampaignDetail {
  msgId: string
  pivotId?: string
  wzrk_slideNo?: number
  kv?: Record<string, unknown>
  [field: string]: unknown
}

/**
 * A live CleverTap instance (the npm module's export or the CDN script's `window.clevertap`): what the
 * plugin drives, and the public web API of clevertap-web-sdk 2.5 that sites reach through
 * `plugin.getClient()` (inbox, native display, product experiences, location, transport).
 */
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
  addMultiValueForKey(key: string, value: string | number): void
  removeMultiValueForKey(key: string, value: string | number): void
  spa?: boolean
  logout(): void
  getSDKVersion(): string
  // Web inbox
  getInboxMessageCount(): number
  getInboxMessageUnreadCount(): number | undefined
  getAllInboxMessages(): Record<string, CleverTapInboxMessage>
  getUnreadInboxMessages(): Record<string, CleverTapInboxMessage> | undefined
  getInboxMessageForId(messageId: string): CleverTapInboxMessage | undefined
  deleteInboxMessage(messageId: string): void
  markReadInboxMessage(messageId: string): void
  markReadInboxMessagesForIds(messageIds: string[]): void
  markReadAllInboxMessage(): void
  toggleInbox(event?: Event): void
  // Web pop-ups and native display rendered by the site
  renderNotificationViewed(detail: CleverTapCampaignDetail): void
  renderNotificationClicked(detail: CleverTapCampaignDetail): void
  getAllQualifiedCampaignDetails(): unknown
  // Product experiences (remote config variables)
  defineVariable(name: string, defaultValue: string | number | boolean | Record<string, unknown>): unknown
  defineFileVariable(name: string): unknown
  syncVariables(onSuccess?: (response: unknown) => void, onFailure?: (error: unknown) => void): Promise<unknown> | undefined
  fetchVariables(onFetched?: () => void): void
  getVariables(): Record<string, unknown>
  getVariableValue(name: string): unknown
  addVariablesChangedCallback(callback: () => void): void
  addOneTimeVariablesChangedCallback(callback: () => void): void
  // Location, transport, storage
  getLocation(latitude?: number, longitude?: number): void
  /** Offline, the SDK keeps requests unsent; back online, it sends every kept request not marked sent. */
  setOffline(offline: boolean): void
  delayEvents(delay: boolean): void
  enableLocalStorageEncryption(enabled: boolean): void
  isLocalStorageEncryptionEnabled(): boolean
}

interface CleverTapWindow {
  clevertap?: unknown
}

function browserWindow(): (Window & CleverTapWindow) | undefined {
  return typeof window === 'undefined' ? undefined : (window as Window & CleverTapWindow)
}

/** Whether the SDK has sent a login (`onUserLogin`) and not yet had CleverTap's answer (its `isOULInProgress`). */
export function loginInFlight(): boolean {
  return (browserWindow() as { isOULInProgress?: unknown } | undefined)?.isOULInProgress === true
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
