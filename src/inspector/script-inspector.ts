/**
 * The script build's inspector file: defines `window.CleverTapSegmentInspector`, loaded by the first file
 * only when the inspector is turned on. The QA demo uses its view and request watcher too.
 */
export { openInspector } from './panel'
export { createInspectorView } from './view'
export { decodeRequest, watchRequests } from './wire'
