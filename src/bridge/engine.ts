/**
 * Everything the plugin needs only once CleverTap is on its way: translation, command ordering and the
 * SDK edge. The npm builds import this lazily next to the SDK; the script build loads it as a second file.
 * Keeping it out of the eager code is what holds the page's up-front cost to a few kilobytes.
 */
import { applyCommands } from './apply'
import { askForWebPush, watchEngagement } from './engagement'
import { normalizeRegion, validateTargetDomain } from './hosts'
import { identityFirst } from './order'
import type { TranslateConfig } from './config'
import { DEFAULT_PAGE_EVENT, DEFAULT_TRANSLATE_CONFIG } from './config'
import { translate, translateReset } from './translate'
import type { NestedStrategy } from './values'

/** The plugin options that shape the translation (see CleverTapPluginOptions for their meaning). */
export interface TranslateOptions {
  chargedEvents?: unknown
  defaultCountryCode?: unknown
  pageEvent?: unknown
  convertDateStrings?: unknown
  nested?: unknown
  groupTraitPrefix?: unknown
}

const NESTED: readonly NestedStrategy[] = ['flatten', 'stringify', 'drop', 'keep']

/** The translation's configuration from plugin options, each value checked, defaults for the rest. */
export function configure(options: TranslateOptions): TranslateConfig {
  const base = DEFAULT_TRANSLATE_CONFIG
  const page = options.pageEvent
  return {
    chargedEvents: Array.isArray(options.chargedEvents) ? options.chargedEvents.filter((e): e is string => typeof e === 'string') : base.chargedEvents,
    defaultCountryCode: typeof options.defaultCountryCode === 'string' ? options.defaultCountryCode : undefined,
    pageEvent: page === true ? DEFAULT_PAGE_EVENT : typeof page === 'string' && page.trim() ? page.trim() : undefined,
    convertDateStrings: typeof options.convertDateStrings === 'boolean' ? options.convertDateStrings : base.convertDateStrings,
    nested: NESTED.includes(options.nested as NestedStrategy) ? (options.nested as NestedStrategy) : base.nested,
    groupTraitPrefix: typeof options.groupTraitPrefix === 'string' ? options.groupTraitPrefix : base.groupTraitPrefix,
  }
}

interface StampableContext {
  updateEvent(path: string, value: unknown): unknown
}

/**
 * An analytics-next enrichment plugin that puts CleverTap's id on each event as `context.clevertap.id`,
 * for Segment's other destinations and the warehouse.
 */
export function idStamp<C extends StampableContext>(getId: () => string | undefined, version: string) {
  const stamp = (ctx: C): C => {
    const id = getId()
    if (id) ctx.updateEvent('context.clevertap', { id })
    return ctx
  }
  return {
    name: 'CleverTap ID',
    type: 'enrichment' as const,
    version,
    isLoaded: () => true,
    load: () => Promise.resolve(),
    track: stamp,
    identify: stamp,
    page: stamp,
    screen: stamp,
    group: stamp,
    alias: stamp,
  }
}

export const engine = {
  configure,
  translate,
  translateReset,
  applyCommands,
  identityFirst,
  watchEngagement,
  askForWebPush,
  idStamp,
  normalizeRegion,
  validateTargetDomain,
}
export type Engine = typeof engine
