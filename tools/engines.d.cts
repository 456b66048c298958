export type EngineName = 'chromium' | 'firefox' | 'webkit'
export const ENGINES: readonly EngineName[]

/** `phone`: a 390 px wide window; in Chromium also touch, a mobile user agent and device scale. */
export type Profile = 'desktop' | 'phone'

export interface Tab {
  goto(url: string): Promise<void>
  /** Runs `fn` in the page (its source is sent, as Playwright does) with JSON arguments; resolves to its JSON result. */
  run<T>(fn: (...args: any[]) => T | Promise<T>, ...args: unknown[]): Promise<T>
  close(): Promise<void>
}

export interface Engine {
  name: EngineName
  version: string
  newTab(profile?: Profile): Promise<Tab>
  close(): Promise<void>
}

export function launchEngine(name: EngineName, proxyPort: number): Promise<Engine>
export function playwrightTab(context: import('playwright').BrowserContext, page: import('playwright').Page): Tab
