/**
 * The in-page inspector: a drawer on the site's own page, for QA, showing each Segment call in the three
 * columns of view.ts, the plugin's state and CleverTap's id for the device. Opened by the plugin's
 * `inspector` option or the tab's `?clevertap_inspector=1`; loaded as a chunk of its own only then. It
 * lives in a shadow root, renders text only, sends nothing and never throws into the page.
 */
import type { Entry, Inspector } from '../plugin/engine-port'
import type { Phase } from '../plugin/phases'
import { INSPECTOR_CSS } from './styles'
import { createInspectorView } from './view'
import { watchRequests } from './wire'

/** What each phase means to someone watching the page. */
function describePhase(phase: Phase, why: string | undefined): string {
  if (phase === 'waiting') return why === 'consent' ? 'waiting for consent: nothing is loaded or sent' : 'waiting to load CleverTap'
  if (phase === 'starting') return 'loading CleverTap'
  if (phase === 'live') return 'live'
  if (phase === 'failed') return `CleverTap did not load (${why ?? 'unknown'}): calls are kept for the next page`
  if (phase === 'off') return why ? `off: ${why}` : 'off'
  return 'starting'
}

/** Applies the stylesheet without inline styles: constructable where the browser has it, a style element otherwise. */
function style(root: ShadowRoot): void {
  try {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(INSPECTOR_CSS)
    root.adoptedStyleSheets = [sheet]
  } catch {
    const element = root.ownerDocument.createElement('style')
    element.textContent = INSPECTOR_CSS
    root.appendChild(element)
  }
}

/**
 * `?clevertap_inspector=1` keeps the inspector on for the tab, `=0` turns it off; undefined when off (the
 * plugin loaded this file because an earlier page had turned it on).
 */
function wanted(doc: Document): boolean {
  const flag = /clevertap_inspector=([01])/.exec(doc.location?.search ?? '')?.[1]
  try {
    if (flag === '1') sessionStorage.setItem('clevertap_inspector', '1')
    if (flag === '0') sessionStorage.removeItem('clevertap_inspector')
  } catch {
    // Storage blocked: the flag counts for this page only.
  }
  return flag !== '0'
}

export function openInspector(kept: readonly Entry[], phase: Phase, consentOpen: boolean, doc: Document = document): Inspector | undefined {
  if (!wanted(doc)) return undefined
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = '') => {
    const node = doc.createElement(tag)
    node.className = className
    node.textContent = text
    return node
  }
  const host = doc.createElement('div')
  host.setAttribute('data-clevertap-inspector', '')
  const root = host.attachShadow({ mode: 'open' })
  style(root)
  const drawer = el('section', 'drawer')
  drawer.setAttribute('aria-label', 'CleverTap inspector')
  const state = el('span', 'state')
  const id = el('span', 'id')
  const close = el('button', 'hide', 'Hide')
  const open = el('button', 'open', 'CleverTap inspector')
  open.hidden = true
  close.addEventListener('click', () => ((drawer.hidden = true), (open.hidden = false)))
  open.addEventListener('click', () => ((drawer.hidden = false), (open.hidden = true)))
  const rows = el('div', 'rows')
  const bar = el('div', 'bar')
  bar.append(el('strong', 'title', 'CleverTap inspector'), state, id, close)
  drawer.append(bar, rows)
  root.append(drawer, open)
  ;(doc.body ?? doc.documentElement).appendChild(host)

  const view = createInspectorView(rows)
  const show = (phase: Phase, why?: string) => {
    state.dataset.phase = phase
    state.textContent = describePhase(phase, why)
    if (phase === 'failed' || phase === 'off') view.notSent(state.textContent)
  }
  const guard =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      try {
        fn(...args)
      } catch {
        // The inspector is a window on the plugin: its own failure never reaches the page or the plugin.
      }
    }
  for (const entry of kept) if ('event' in entry) view.heard(entry.event)
  show(phase, consentOpen ? undefined : 'consent')
  watchRequests(doc, (request) => {
    try {
      return view.request(request)
    } catch {
      return undefined
    }
  })
  // CleverTap's id for the device, once the SDK knows it, and when a login or a reset changes it.
  const sdk = () => (doc.defaultView as { clevertap?: { getCleverTapID?: () => unknown } } | null)?.clevertap
  setInterval(guard(() => (id.textContent = String(sdk()?.getCleverTapID?.() ?? ''))), 1000)
  return {
    heard: guard((event) => view.heard(event)),
    translated: guard((report) => view.translated(report)),
    phase: guard(show),
  }
}
