/**
 * The one plain-object check, used by the translation and by the plugin's settings reader alike: plain
 * data (an object literal, JSON, or one from another realm), not an array, a class instance or null.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null
}

