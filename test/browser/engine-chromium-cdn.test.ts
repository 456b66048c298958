/**
 * The core scenarios on chromium with the SDK CleverTap's CDN serves every script-tag site (a newer release
 * than npm's), served at CleverTap's CDN URLs (test/support/core-scenarios.ts).
 */
import { coreScenarios } from '../support/core-scenarios'

coreScenarios('chromium', 'cdn')
