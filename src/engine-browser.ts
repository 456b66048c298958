/** The script build's second file: defines `window.CleverTapSegmentEngine` for the first. */
export { engine } from './engine'
