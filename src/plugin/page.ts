/**
 * The page as the plugin meets it before CleverTap loads: whether there is one, its origin, its load, its
 * end, its storage and its locks. The plugin side reads the page's globals here only (lint enforces it).
 */

export function hasBrowser(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined'
}

export function pageOrigin(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.origin
}

/** The page's localStorage; throws where site data is blocked, as reading it does. */
export function pageStorage(): Storage {
  return localStorage
}

/** The browser's Web Locks, where it has them. */
export function webLocks(): LockManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.locks
}

/** Runs `callback` once the page's load event has passed. */
export function afterPageLoad(callback: () => void): void {
  if (document.readyState === 'complete') callback()
  else window.addEventListener('load', () => callback(), { once: true })
}

/**
 * Calls `left` when the page is left (navigation, close, or into the back/forward cache) and `back` when
 * it is shown again from that cache; returns a function that stops listening.
 */
export function onPageLeft(left: () => void, back?: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined
  const onShow = (event: PageTransitionEvent) => {
    if (event.persisted) back?.()
  }
  window.addEventListener('pagehide', left)
  window.addEventListener('pageshow', onShow)
  return () => {
    window.removeEventListener('pagehide', left)
    window.removeEventListener('pageshow', onShow)
  }
}
