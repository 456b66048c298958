/**
 * Getting a live CleverTap instance: reuse the page's, or load one from a source (the npm module or a
 * script URL), then initialise it once. `withTimeout` bounds the wait.
 */
import type { CleverTapClient, CleverTapInitConfig } from './sdk'
import { liveClient, prepareStub, releaseStaleHold } from './sdk'

/** Produces the SDK instance; the ESM/CJS builds import the npm module, the script build loads a URL. */
export type SdkSource = () => Promise<CleverTapClient>

/** An error's message, whatever was thrown. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export class LoadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CleverTapLoadError'
  }
}

/** Settles with the promise, or rejects after `ms`; the timer never outlives the race. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LoadError(message)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

const failedUrls = new Set<string>()

/**
 * Loads a script once per URL and resolves with what it defines (`read`). A URL that failed fails again
 * at once instead of making later callers wait.
 */
export function loadScriptFor<T>(url: string, read: () => T | undefined, nonce?: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const existing = read()
    if (existing) return resolve(existing)
    if (failedUrls.has(url)) return reject(new LoadError(`${url} failed to load`))
    const script = document.createElement('script')
    script.src = url
    script.async = true
    if (nonce) script.nonce = nonce
    script.onload = () => {
      const value = read()
      if (value) resolve(value)
      else reject(new LoadError(`${url} loaded but did not define what it should`))
    }
    script.onerror = () => {
      failedUrls.add(url)
      script.remove()
      reject(new LoadError(`${url} failed to load`))
    }
    const anchor = document.head ?? document.getElementsByTagName('script')[0]?.parentNode ?? document.documentElement
    anchor.appendChild(script)
  })
}

/** The CleverTap SDK from a script URL (its CDN, or a copy the site hosts). */
export function scriptSource(url: string, nonce?: string): SdkSource {
  return () => loadScriptFor(url, liveClient, nonce)
}

export interface InitOptions {
  accountId: string
  region?: string
  targetDomain?: string
  initConfig?: CleverTapInitConfig
  /** Runs on the instance before `init`, e.g. privacy flags the SDK must see at its first request. */
  beforeInit?: (client: CleverTapClient) => void
  warn: (message: string) => void
}

/**
 * Readies the page for a CleverTap copy about to load: releases a stale request hold and makes a
 * snippet's stub safe to adopt. Must run before the SDK evaluates. Nothing to do when one is live.
 */
export function prepareForSdk(accountId: string, warn: (message: string) => void, debug: (message: string) => void): void {
  if (liveClient()) return
  if (releaseStaleHold()) debug('released a request hold left by an unanswered earlier visit')
  const { stubAccountId } = prepareStub()
  if (stubAccountId && stubAccountId !== accountId) {
    warn(`the page's own CleverTap snippet uses account ${stubAccountId}; it takes precedence over ${accountId}`)
  }
}

/** The page's live instance, or a new one from the source. */
export async function obtainClient(source: SdkSource): Promise<CleverTapClient> {
  const live = liveClient()
  if (live) return live
  try {
    return await source()
  } catch (error) {
    throw new LoadError(`CleverTap SDK failed to load: ${errorText(error)}`)
  }
}

/** Initialises the instance once; one already initialised (by the site) is used as it is. */
export function initClient(client: CleverTapClient, options: InitOptions): void {
  const current = client.getAccountID()
  if (!current) {
    options.beforeInit?.(client)
    client.init(options.accountId, options.region, options.targetDomain, undefined, options.initConfig ?? {})
  } else if (current !== options.accountId) {
    options.warn(`CleverTap is already initialised with account ${current}; events go there`)
  }
}
