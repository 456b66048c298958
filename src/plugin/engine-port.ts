/**
 * What the plugin needs from the part that loads later. Declared here, where it is used; src/lazy
 * satisfies it. Only types cross this line: src/plugin never imports src/lazy, so the SDK and the
 * translation stay out of what every page downloads up front.
 */
import type { Analytics, Context, Plugin } from '@segment/analytics-next'
import type { CleverTapClient } from '../clevertap/client'
import type { Identity } from '../clevertap/carried-calls'
import type { SdkSetup } from '../clevertap/setup'
import type { CleverTapCommand } from '../translation/commands'
import type { SegmentEventLike } from '../translation/config'
import type { Logger } from './log'
import type { CleverTapPluginOptions } from './options'

/**
 * A call as it was when it was made: a Segment event (copied then, with notes about what could not be
 * copied), or commands of the plugin's own, such as a consent change.
 */
export type KeptCall =
  | {
      event: SegmentEventLike
      notes?: readonly string[]
      /** The call's analytics-next context: warnings about it also go there (`analytics.debug(true)`). */
      ctx?: Context
    }
  | { commands: CleverTapCommand[] }

export interface EngineSetup {
  /** Region and proxy as configured: the engine checks them before the SDK is downloaded. */
  sdk: Pick<SdkSetup, 'accountId' | 'debug'> & { region?: unknown; targetDomain?: unknown }
  /** Load the SDK script from here instead of the build's default. */
  sdkUrl?: string
  nonce?: string
  /**
   * The options as given: the engine reads what matters only once CleverTap starts (the translation's
   * options, privacy flags, the custom id, the id stamp, engagement forwarding, web push).
   */
  options: CleverTapPluginOptions
  analytics?: Analytics
  /** The calls kept so far; init names the first kept page's URL. */
  kept(): readonly KeptCall[]
  /** Where earlier pages left calls for this one, and whose they must be (plugin/carry-over.ts). */
  carry?: { scope: string; identity: Identity }
  /** The plain plugin (not the classic door): it stands down if another CleverTap destination runs (doubles.ts). */
  self?: Plugin
  /** Puts the calls earlier pages left before this page's own. */
  restore(calls: KeptCall[]): void
  /** True once the plugin has stopped waiting: a copy of the SDK arriving then must stay uninitialised. */
  abandoned(): boolean
  log: Logger
}

/** A CleverTap instance, initialised, with the translation in front of it. */
export interface Connection {
  readonly client: CleverTapClient
  /**
   * Translates and applies the calls in order. `replay` marks calls kept while CleverTap loaded: their
   * identity commands go first within each user's stretch. One call that cannot be translated costs only
   * itself.
   */
  deliver(calls: readonly KeptCall[], replay: boolean): void
  cleverTapId(): string | undefined
  /** Stops what the features started (engagement watching). */
  stop(): void
}

export interface Engine {
  start(setup: EngineSetup): Promise<Connection>
}

/** How a build gets the engine: a dynamic import (npm) or its second script file. */
export type LoadEngine = () => Promise<Engine>
