// jsdom lacks TextEncoder, which the CleverTap SDK needs at import, and structuredClone, which every
// browser has (the plugin copies each call with it): V8's own structured clone stands in.
import { TextDecoder, TextEncoder } from 'util'
import { deserialize, serialize } from 'v8'

Object.assign(globalThis, { TextEncoder, TextDecoder })
if (typeof globalThis.structuredClone !== 'function') Object.assign(globalThis, { structuredClone: (value: unknown) => deserialize(serialize(value)) })
