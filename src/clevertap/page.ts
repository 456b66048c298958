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
