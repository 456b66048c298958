/**
 * What the plugin needs from the part that loads later. Declared here, where it is used; src/lazy
 * satisfies it. Only types cross this line: src/plugin never imports src/lazy, so the SDK and the
 * translation stay out of what every page downloads up front.
 */
import type { Analytics, Context, Plugin } from '@segment/analytics-next'
import type { CleverTapClient } from '../bridge/sdk/client'
import type { CleverTapCommand } from '../bridge/translation/commands'
import type { SegmentEventLike } from '../bridge/translation/types'
import type { Logger } from './log'
import type { CleverTapPluginOptions, EagerOptions, TranslationReport } from './options'
import type { Phase } from './phases'

/** A Segment call as it was when it was made: the event, copied then, with notes about what could not be copied. */
export interface KeptEvent {
  event: SegmentEventLike
  notes?: readonly string[]
  /** The call's analytics-next context: warnings about it also go there (`analytics.debug(true)`). */
  ctx?: Context
  /** An alias whose userId may be the stamped current user: it waits for its real target (src/lazy/alias-targets.ts). */
  stamped?: boolean
  /** When it was made (ms since the epoch): carried calls expire by it. */
  at?: number
}

/** What the engine's outbox holds: Segment calls, and commands of its own (a consent change's opt-out). */
export type KeptCall = KeptEvent | { commands: CleverTapCommand[] }

/**
 * What the plugin heard, in its place among the calls: analytics-next's reset (with the device's new
 * anonymousId) and an alias's real target, and a change of the visitor's consent.
 */
export type Heard = { reset: unknown } | { aliased: { to: unknown; from: unknown } } | { consent: boolean }

/** What the plugin keeps and hands to the engine, in the order it came. */
export type Entry = KeptEvent | Heard

/** Who the device was in Segment when calls were saved for a later page; they are replayed only for the same. */
export interface Identity {
  anonymousId?: unknown
  userId?: unknown
}

/** What the plugin hands the engine to start CleverTap. */
export interface StartRequest {
  /** The options as given: the engine resolves all but `eager` once (src/lazy/options.ts). */
  options: CleverTapPluginOptions
  /** What the plugin resolved up front; the engine takes it as it is. */
  eager: EagerOptions
  analytics?: Analytics
  /**
   * What was kept so far (init names the first kept page's URL), and the place to put what earlier pages
   * left before this page's own: it is this page's to deliver, or to carry on, now.
   */
  kept: { readonly entries: readonly Entry[]; restore(entries: readonly Entry[]): void }
  /** Where earlier pages left calls for this one, and whose they must be (carried-calls.ts). */
  carry?: { scope: string; identity: Identity }
  /** The plain plugin (not the classic door): it stands down if another CleverTap destination runs (src/lazy/stand-down.ts). */
  self?: Plugin
  /** The in-page inspector's ear for what each call became, when it is open. */
  inspect?(report: TranslationReport): void
  /** True once the plugin has stopped waiting: a copy of the SDK arriving then must stay uninitialised. */
  abandoned(): boolean
  log: Logger
}

/**
 * Why a start was refused for good (a bad option, or another CleverTap already delivering): the kept calls
 * are dropped, not carried to the next page, where the same would happen.
 */
export interface Refusal extends Error {
  refused: true
}

/** A CleverTap instance, initialised, with the translation in front of it. */
export interface Connection {
  readonly client: CleverTapClient
  /**
   * What was kept while CleverTap loaded (and how many entries its bound cost), put in the order the calls
   * were made, then translated and applied: identity commands first within each user's stretch. One call
   * that cannot be translated costs only itself.
   */
  replay(kept: { entries: readonly Entry[]; dropped: number }): void
  /** One entry, heard once CleverTap is live, in its place after the others. */
  take(entry: Entry): void
  /** What is still waiting for its turn (a reset settling, an alias's target), for the next page if this one is left. */
  pending(): readonly Entry[]
  /** Drops what is still waiting: a later page took it. */
  forget(): void
  cleverTapId(): string | undefined
  /** Stops what the features started (engagement watching). */
  stop(): void
}

export interface Engine {
  start(request: StartRequest): Promise<Connection>
}

/** How a build gets the engine: a dynamic import (npm) or its second script file. */
export type LoadEngine = () => Promise<Engine>

/**
 * The in-page inspector (src/inspector/), loaded only when it is on: the session tells it what it hears,
 * what became of it and its own phase. It reads; it never changes what reaches CleverTap.
 */
export interface Inspector {
  /** A Segment call as the plugin heard it (a copy made then). */
  heard(event: SegmentEventLike): void
  /** What the plugin made of a call (the same report `onTranslate` gets). */
  translated(report: TranslationReport): void
  /** The session's phase (phases.ts), and why when it failed or stopped. */
  phase(phase: Phase, why?: string): void
}

/**
 * Opens the inspector with what the session kept before it opened, its phase, and whether consent allows
 * CleverTap; undefined when the tab turned it off.
 */
export type OpenInspector = (kept: readonly Entry[], phase: Phase, consentOpen: boolean) => Inspector | undefined

/** How a build gets the inspector: a dynamic import (npm) or a script file next to its own. */
export type LoadInspector = () => Promise<OpenInspector>
