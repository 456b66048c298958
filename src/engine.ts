/**
 * Everything the plugin needs only once CleverTap is on its way: the translation and command ordering,
 * the SDK edge, engagement and web push (src/bridge), and the plugin-side pieces used only then
 * (src/plugin). The npm builds import this lazily next to the SDK; the script build loads it as a second
 * file. Keeping it out of the eager code is what holds the page's up-front cost to a few kilobytes.
 */
import { applyCommands } from './bridge/apply'
import { askForWebPush, watchEngagement } from './bridge/engagement'
import { normalizeRegion, validateTargetDomain } from './bridge/hosts'
import { identityFirst } from './bridge/order'
import { translate, translateReset } from './bridge/translate'
import { idStamp } from './plugin/id-stamp'
import { configure } from './plugin/translate-options'

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
