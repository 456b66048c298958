/** The page facts the plugin needs before CleverTap loads: whether there is a page, its origin, its load and its end. */

export function hasBrowser(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined'
}

export function pageOrigin(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.origin
}

/** Runs `callback` once the page's load event has passed. */
export function afterPageLoad(callback: () => void): void {
  if (document.readyState === 'complete') callback()
  else window.addEventListener('load', () => callback(), { once: true })
}

/** Calls `callback` when the visitor leaves or hides the page; returns a function that stops listening. */
export function onPageHide(callback: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined
  window.addEventListener('pagehide', callback)
  return () => window.removeEventListener('pagehide', callback)
}
