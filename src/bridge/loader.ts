/**
 * Getting a live CleverTap instance: reuse the page's, or load one from a source (the npm module or a
 * script URL), always within a time limit, then initialise it once.
 */
import type { CleverTapClient, CleverTapInitConfig } from './sdk'
import { liveClient, prepareStub, releaseStaleHold } from './sdk'

/** Produces the SDK instance; the ESM/CJS builds import the npm module, the script build loads a URL. */
export type SdkSource = () => Promise<CleverTapClient>

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

/** Loads the SDK by `<script>`; one tag per URL, and a URL that failed fails again at once. */
export function scriptSource(url: string, nonce?: string): SdkSource {
  return () =>
    new Promise<CleverTapClient>((resolve, reject) => {
      const existing = liveClient()
      if (existing) return resolve(existing)
      if (failedUrls.has(url)) return reject(new LoadError(`CleverTap SDK failed to load from ${url}`))
      const script = document.createElement('script')
      script.src = url
      script.async = true
      if (nonce) script.nonce = nonce
      script.setAttribute('data-clevertap-segment', 'sdk')
      script.onload = () => {
        const client = liveClient()
        if (client) resolve(client)
        else reject(new LoadError(`${url} loaded but defined no CleverTap instance`))
      }
      script.onerror = () => {
        failedUrls.add(url)
        script.remove()
        reject(new LoadError(`CleverTap SDK failed to load from ${url}`))
      }
      const anchor = document.head ?? document.getElementsByTagName('script')[0]?.parentNode ?? document.documentElement
      anchor.appendChild(script)
    })
}

export interface StartConfig {
  accountId: string
  region?: string
  targetDomain?: string
  initConfig?: CleverTapInitConfig
  timeoutMs: number
  /** Runs on the instance before `init`, e.g. privacy flags the SDK must see at its first request. */
  beforeInit?: (client: CleverTapClient) => void
  warn: (message: string) => void
  debug?: (message: string) => void
}

/** Resolves to a live, initialised instance, or rejects with a LoadError. */
export async function startClient(source: SdkSource, config: StartConfig): Promise<CleverTapClient> {
  let client = liveClient()
  if (!client) {
    if (releaseStaleHold()) config.debug?.('released a request hold left by an unanswered earlier visit')
    const { stubAccountId } = prepareStub()
    if (stubAccountId && stubAccountId !== config.accountId) {
      config.warn(`the page's own CleverTap snippet uses account ${stubAccountId}; it takes precedence over ${config.accountId}`)
    }
    try {
      client = await withTimeout(source(), config.timeoutMs, `CleverTap SDK did not load within ${config.timeoutMs} ms`)
    } catch (error) {
      throw error instanceof LoadError ? error : new LoadError(`CleverTap SDK failed to load: ${String(error)}`)
    }
  }
  const current = client.getAccountID()
  if (!current) {
    config.beforeInit?.(client)
    client.init(config.accountId, config.region, config.targetDomain, undefined, config.initConfig ?? {})
  } else if (current !== config.accountId) {
    config.warn(`CleverTap is already initialised with account ${current}; events go there`)
  }
  return client
}
