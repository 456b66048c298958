/**
 * The one plain-object check of the translation: plain data (an object literal, JSON, or one from another
 * realm), not an array, a class instance or null. A revoked Proxy, which throws at any look, is not.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
    const proto = Object.getPrototypeOf(value)
    return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null
  } catch {
    return false
  }
}

