/** The script build's second file: defines `window.CleverTapSegmentEngine` for the first. */
import { DEFAULT_SDK_URL } from '../bridge/sdk/endpoints'
import { scriptSource } from '../bridge/sdk/start'
import { createEngine } from './engine'

export const engine = createEngine(scriptSource(DEFAULT_SDK_URL))
