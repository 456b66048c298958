/**
 * `clevertap-segment-web/translate`: the pure translation on its own, for tests, tools and servers.
 *
 *   const { commands, notes, state } = translate(segmentEvent, INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG)
 */
export { translate, translateReset } from './bridge/translation/translate'
export { INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG } from './bridge/translation/types'
export type { SegmentEventLike, TranslateConfig, TranslateState, Translation } from './bridge/translation/types'
export type { CleverTapCommand, FlatProperties, Properties, PropertyValue, Scalar } from './bridge/translation/commands'
