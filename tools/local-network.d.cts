import type { Browser, BrowserContext } from 'playwright'

export interface NetworkOptions {
  /** The CleverTap CDN script: served (default), served after a delay, or blocked like an ad blocker. */
  sdk?: 'serve' | 'block' | { delayMs?: number; runAfterMs?: number }
  /** CleverTap's API: answered (default), never answered (blocked), or answered with an error status. */
  api?: 'answer' | 'block' | 'error' | { delayMs: number }
  /** Which SDK release CleverTap's CDN serves: npm's (default) or the CDN's newer one. */
  release?: SdkRelease
}

export type SdkRelease = 'npm' | 'cdn'
export const SDK_RELEASES: Record<SdkRelease, string>
export function sdkSource(release?: SdkRelease): Buffer

export interface RouteHandlers {
  /** The reply to a CleverTap API request: JSONP, or JSON (`json`) for the SDK's fetch transport. */
  clevertap(url: string, json?: boolean): string
  attempt?(url: string): void
  segment?(url: string, body: unknown): void
  violation?(url: string): void
}

export const CDN_SDK_URL: string
export const CHROMIUM_ARGS: string[]
export function chromiumPath(): string
export function launchChromium(): Promise<Browser>
export interface EdgeAnswer {
  status: number
  contentType: string
  body: string | Buffer
  headers?: Record<string, string>
}
export function answerOutside(
  url: string,
  postData: string | null | undefined,
  network: NetworkOptions,
  handlers: RouteHandlers,
  request?: { method?: string; accept?: string },
): Promise<EdgeAnswer | null>
export function routeLocally(context: BrowserContext, origin: string, network: NetworkOptions, handlers: RouteHandlers): Promise<void>
