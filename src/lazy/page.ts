/**
 * The page facts only the lazily loaded engine needs: its origin (to resolve a relative \`sdkUrl\`) and its
 * Web Locks (so two tabs never take the same carried calls). Kept out of src/plugin/page.ts so the part
 * every page loads up front does not carry them.
 */

export function pageOrigin(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.origin
}

/** The browser's Web Locks, where it has them. */
export function webLocks(): LockManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.locks
}
