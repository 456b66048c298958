/**
 * The page's URL as CleverTap records it. The SDK reads `location` itself when it records a page view,
 * so a view that is replayed after the page has moved on (kept while the SDK loaded) is recorded at the
 * URL the call was made on by showing the SDK that URL for the moment it records.
 */

/**
 * The page's URL as analytics-next names it in `context.page.url` (its canonical link with the search
 * string, else the location without its fragment), so a call's URL can be compared with the page now.
 */
export function currentPageUrl(): string {
  const canonical = document.querySelector("link[rel='canonical']")?.getAttribute('href')
  if (canonical) return canonical.includes('?') ? canonical : canonical + location.search
  return location.href.split('#')[0]
}

/** The URL to show the SDK for a view made at `url`, or undefined when the page is there now or it cannot be shown. */
function urlToShow(url: string | undefined): string | undefined {
  if (url === undefined || url === currentPageUrl()) return undefined
  try {
    const target = new URL(url, location.href)
    return target.origin === location.origin ? target.href : undefined
  } catch {
    return undefined
  }
}

/**
 * Runs `record` (an SDK call that reads `location`) as if the page were at `url`, then puts the location
 * back. Synchronous, so no code of the page runs in between; `replaceState` fires no `popstate`, and the
 * prototype's method is used so a router's own wrapper of `history.replaceState` does not see the visit.
 * A `url` on another origin cannot be shown, and the view is recorded at the current location.
 */
export function atUrl<T>(url: string | undefined, record: () => T): T {
  const target = urlToShow(url)
  if (target === undefined) return record()
  const replace = History.prototype.replaceState
  const original = location.href
  const state: unknown = history.state
  replace.call(history, state, '', target)
  try {
    return record()
  } finally {
    replace.call(history, state, '', original)
  }
}
