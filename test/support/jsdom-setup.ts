// jsdom lacks TextEncoder, which the CleverTap SDK needs at import.
import { TextDecoder, TextEncoder } from 'util'

Object.assign(globalThis, { TextEncoder, TextDecoder })
