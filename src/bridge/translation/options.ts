/**
 * The plugin options that shape the translation, checked and completed with defaults. Part of the lazily
 * loaded engine: it is only needed once there is something to translate.
 */
import type { TranslateConfig } from './types'
import { CLOUD_SCREEN_EVENT, DEFAULT_PAGE_EVENT, DEFAULT_TRANSLATE_CONFIG } from './types'
import type { NestedStrategy } from './values'

/** The plugin options that shape the translation (see CleverTapPluginOptions for their meaning). */
export interface TranslateOptions {
  chargedEvents?: unknown
  defaultCountryCode?: unknown
  pageEvent?: unknown
  convertDateStrings?: unknown
  nested?: unknown
  groupTraitPrefix?: unknown
  cloudModeCompatible?: unknown
}

const NESTED: readonly NestedStrategy[] = ['flatten', 'stringify', 'drop', 'keep']

/** The translation's configuration from plugin options, each value checked, defaults for the rest. */
export function configure(options: TranslateOptions): TranslateConfig {
  const base = DEFAULT_TRANSLATE_CONFIG
  // Data as Segment's cloud-mode destination shapes it: snake_case keys, page and screen as its events.
  const cloud = options.cloudModeCompatible === true
  const page = options.pageEvent ?? (cloud || undefined)
  return {
    chargedEvents: Array.isArray(options.chargedEvents) ? options.chargedEvents.filter((e): e is string => typeof e === 'string') : base.chargedEvents,
    defaultCountryCode: typeof options.defaultCountryCode === 'string' ? options.defaultCountryCode : undefined,
    pageEvent: page === true ? DEFAULT_PAGE_EVENT : typeof page === 'string' && page.trim() ? page.trim() : undefined,
    convertDateStrings: typeof options.convertDateStrings === 'boolean' ? options.convertDateStrings : base.convertDateStrings,
    nested: NESTED.includes(options.nested as NestedStrategy) ? (options.nested as NestedStrategy) : base.nested,
    groupTraitPrefix: typeof options.groupTraitPrefix === 'string' ? options.groupTraitPrefix : base.groupTraitPrefix,
    screenEvent: cloud ? CLOUD_SCREEN_EVENT : base.screenEvent,
    keyStyle: cloud ? 'snake_case' : base.keyStyle,
  }
}

