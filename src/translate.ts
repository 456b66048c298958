/**
 * `clevertap-segment-web/translate`: the pure translation on its own, for tests, tools and servers.
 *
 *   const { commands, notes, state } = translate(segmentEvent, INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG)
 */
export { translate, translateReset } from './bridge/translate'
export { INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG } from './bridge/config'
export type { SegmentEventLike, TranslateConfig, TranslateState, Translation } from './bridge/config'
export type { CleverTapCommand, FlatProperties, Properties, PropertyValue, Scalar } from './bridge/commands'
