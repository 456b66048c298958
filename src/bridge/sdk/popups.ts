/**
 * CleverTap's web pop-ups on the page. Since clevertap-web-sdk 2.6.1 the SDK dismisses the active ones
 * when a single-page app changes route, but only in its own SPA mode, which also records page views from
 * its own click and popstate listeners; here Segment's page calls drive page views, so the plugin dismisses
 * them at a page call to a new route instead. The element ids are the SDK's (its `wizParDiv<layout>`,
 * `intentOpacityDiv<layout>` and `wzrkImageOnlyDiv`).
 */
const POPUP_ELEMENT_IDS = ['wizParDiv0', 'intentOpacityDiv0', 'wizParDiv2', 'intentOpacityDiv2', 'wzrkImageOnlyDiv']

export function dismissPopups(): void {
  for (const id of POPUP_ELEMENT_IDS) document.getElementById(id)?.remove()
}
