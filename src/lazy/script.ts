/** The script build's second file: defines `window.CleverTapSegmentEngine` for the first. */
import { DEFAULT_SDK_URL } from '../clevertap/endpoints'
import { scriptSource } from '../clevertap/setup'
import { createEngine } from './engine'

export const engine = createEngine(scriptSource(DEFAULT_SDK_URL))
