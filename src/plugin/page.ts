/**
 * The page as the plugin meets it before CleverTap loads: whether there is one, its load, its end and its
 * storage. The plugin side reads the page's globals here only (lint enforces it); what only the lazily
 * loaded engine needs is in src/lazy/page.ts.
 */

export function hasBrowser(): boolean {
  return typeof document !== 'undefined'
}

/** The page's localStorage; throws where site data is blocked, as reading it does. */
export function pageStorage(): Storage {
  return localStorage
}

/** Runs `callback` once the page's load event has passed. */
export function afterPageLoad(callback: () => void): void {
  if (document.readyState === 'complete') callback()
  else addEventListener('load', callback) // the load event comes once
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

/**
 * Whether this tab asked for the inspector: `?clevertap_inspector=1`, or a page of the tab did earlier
 * (the inspector remembers it in sessionStorage, and forgets it at `?clevertap_inspector=0`).
 */
export function inspectorRequested(): boolean {
  try {
    return /clevertap_inspector=1/.test(location.search) || sessionStorage.clevertap_inspector === '1'
  } catch {
    return false
  }
}
