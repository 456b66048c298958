/**
 * The core scenarios, the same on every engine (test/browser/engine-*.test.ts): each asserts what reached
 * CleverTap's decoded wire through the shared faked edge, and that nothing else left the page and nothing
 * was thrown into it.
 */
import type { SdkRelease } from '../../tools/local-network.cjs'
import type { Edge, Engine, EngineName, Profile, Tab } from './all-engines'
import { launchEngine, startEdge } from './all-engines'
import { sentAs } from './clevertap-wire'
import { eventually } from './poll'
import { SCENARIOS } from './scenario-titles'
import { DemoServer, startDemo } from './demo-server'

type Build = 'script build' | 'npm build'
const FIXTURE: Record<Build, string> = { 'script build': '/fixtures/umd.html', 'npm build': '/fixtures/esm.html' }

/** In the order the SDK numbered its requests (`rn`): they are script tags, which may arrive out of order. */
const byRequestNumber = <T extends { params: Record<string, string> }>(requests: readonly T[]): T[] =>
  [...requests].sort((a, b) => Number(a.params.rn) - Number(b.params.rn))

const PHONE_WIDTH = { webkit: 447, other: 390 }

/**
 * `release`: the SDK CleverTap's CDN serves in these runs. With the CDN's own release only the script
 * build loads from the CDN (the npm build bundles npm's), so only its scenarios run.
 */
export function coreScenarios(name: EngineName, release: SdkRelease = 'npm'): void {
  jest.setTimeout(90_000)
  let edge: Edge
  let engine: Engine
  const builds: Build[] = release === 'npm' ? ['script build', 'npm build'] : ['script build']

  beforeAll(async () => {
    edge = await startEdge(release)
    engine = await launchEngine(name, edge)
  })
  afterAll(async () => {
    await engine?.close()
    await edge?.close()
  })
  beforeEach(() => edge.reset())

  async function withTab(profile: Profile, body: (tab: Tab) => Promise<void>) {
    const tab = await engine.newTab(profile)
    try {
      await body(tab)
    } finally {
      await tab.close()
    }
  }

  /** Opens a fixture page and starts analytics with the plugin on it. */
  async function open(tab: Tab, build: Build, options: Record<string, unknown> = {}, load: Record<string, unknown> = {}) {
    await tab.goto(edge.origin + FIXTURE[build])
    await eventually(() => tab.run(() => (window as any).harnessLoaded === true), 15_000, 'the fixture page')
    await tab.run((o: Record<string, unknown>, l: Record<string, unknown>) => void (window as any).start(o, l), options, load)
  }

  async function finish(tab: Tab) {
    expect(edge.violations).toEqual([])
    expect(await tab.run(() => (window as any).pageErrors)).toEqual([])
  }

  const event = (eventName: string) => eventually(() => edge.server.events(eventName)[0], 15_000, `${eventName} on CleverTap's wire`)

  describe.each(builds)('%s', (build) => {
    test(SCENARIOS.identifyTrack, async () => {
      await withTab('desktop', async (tab) => {
        await open(tab, build)
        await tab.run(async () => {
          const a = (window as any).analytics
          await a.identify('user-1', { name: 'Ada Lovelace', email: 'ada@example.com', gender: 'Female', address: { city: 'London' } })
          await a.track('Product Viewed', { product: { id: 'p1', price: 9.5 }, tags: ['new', 'sale'] })
        })
        const viewed = await event('Product Viewed')
        const login = await eventually(() => edge.server.profiles().find((p) => p.profile.Identity === 'user-1'), 15_000, 'the login')
        expect(login.profile).toMatchObject({ Identity: 'user-1', Name: 'Ada Lovelace', Email: 'ada@example.com', Gender: 'F', address_city: 'London' })
        // The event is on the profile the login led to.
        expect(viewed.guid).toBe(login.replyGuid)
        expect(viewed.evtData).toEqual({ product_id: 'p1', product_price: 9.5, tags: ['new', 'sale'] })
        await finish(tab)
      })
    })
  })

  test(SCENARIOS.charged, async () => {
    await withTab('desktop', async (tab) => {
      await open(tab, 'script build')
      await tab.run(() =>
        (window as any).analytics.track('Order Completed', {
          order_id: 'o-1',
          total: 30,
          products: [{ product_id: 'p1', price: 10, quantity: 3, variant: { size: 'M' } }],
        }),
      )
      const charged = await event('Charged')
      expect(charged.evtData).toMatchObject({ 'Charged ID': 'o-1', Amount: 30, Items: [{ product_id: 'p1', price: 10, quantity: 3, variant_size: 'M' }] })
      await finish(tab)
    })
  })

  test(SCENARIOS.spa, async () => {
    await withTab('desktop', async (tab) => {
      await open(tab, 'script build')
      await tab.run(async () => {
        const a = (window as any).analytics
        await a.page()
        for (const path of ['/app/a', '/app/b']) {
          history.pushState({}, '', path)
          await a.page()
        }
      })
      const urls = await eventually(() => {
        const pages = byRequestNumber(edge.server.pages()).map((p) => String(p.data.cpg ?? ''))
        return pages.length >= 3 && pages
      }, 15_000, 'three page views')
      expect(urls.map((url) => new URL(url).pathname)).toEqual(['/fixtures/umd.html', '/app/a', '/app/b'])
      await finish(tab)
    })
  })

  test(SCENARIOS.early, async () => {
    edge.network.sdk = { delayMs: 1500 }
    await withTab('desktop', async (tab) => {
      await open(tab, 'script build')
      await tab.run(async () => {
        const a = (window as any).analytics
        await a.track('Early Click', { n: 1 })
        await a.identify('user-early')
        await a.track('Second Click', { n: 2 })
      })
      expect(await tab.run(() => (window as any).plugin.isLoaded())).toBe(false)
      await event('Second Click')
      await event('Early Click')
      const order = byRequestNumber(edge.server.requests).map(sentAs).filter((what) => what !== undefined)
      expect(order).toEqual(['login user-early', 'Early Click', 'Second Click'])
      await finish(tab)
    })
  })

  test(SCENARIOS.reset, async () => {
    await withTab('desktop', async (tab) => {
      await open(tab, 'script build')
      await tab.run(async () => {
        const a = (window as any).analytics
        await a.identify('user-a')
        await a.track('As A')
      })
      const asA = await event('As A')
      await tab.run(async () => {
        const a = (window as any).analytics
        a.reset()
        await a.identify('user-b')
        await a.track('As B')
      })
      const asB = await event('As B')
      expect(edge.server.profiles().some((p) => p.profile.Identity === 'user-b')).toBe(true)
      expect(asB.guid).not.toBe(asA.guid)
      await finish(tab)
    })
  })

  test(SCENARIOS.blocked, async () => {
    edge.network.sdk = 'block'
    await withTab('desktop', async (tab) => {
      await open(tab, 'script build', { loadTimeoutMs: 3000 })
      await tab.run(async () => {
        const a = (window as any).analytics
        await a.identify('user-blocked')
        await a.track('While Blocked')
      })
      await eventually(() => edge.segment.some((b: any) => b?.event === 'While Blocked'), 15_000, 'the track on Segment')
      expect(await tab.run(() => (window as any).plugin.getClient().then((c: unknown) => c === undefined))).toBe(true)
      expect(edge.server.requests).toEqual([])
      await finish(tab)
    })
  })

  /** The inspector's rows, newest first: each row's three columns as text. */
  const inspectorRows = (tab: Tab) =>
    tab.run(() => {
      const root = document.querySelector('[data-clevertap-inspector]')?.shadowRoot
      if (!root) return null
      return {
        state: root.querySelector('.state')?.textContent ?? '',
        rows: Array.from(root.querySelectorAll('.entry'), (entry) => Array.from(entry.children, (column) => column.textContent ?? '')),
      }
    })

  test(SCENARIOS.inspector, async () => {
    await withTab('desktop', async (tab) => {
      await tab.goto(edge.origin + '/fixtures/umd.html?clevertap_inspector=1')
      await eventually(() => tab.run(() => (window as any).harnessLoaded === true), 15_000, 'the fixture page')
      await tab.run(() => void (window as any).start({}, {}))
      await tab.run(async () => {
        const a = (window as any).analytics
        await a.identify('user-7', { email: 'grace@example.com' })
        await a.track('Order Completed', { order_id: 'o-7', revenue: 12, products: [{ product_id: 'p1', price: 12, quantity: 1 }] })
      })
      // Each call's three columns: the Segment event, the commands, and its decoded request with CleverTap's answer.
      const shown = await eventually(async () => {
        const view = await inspectorRows(tab)
        const identify = view?.rows.find((row) => row[0].startsWith('identify · user-7'))
        const order = view?.rows.find((row) => row[0].startsWith('track · Order Completed'))
        return identify && order && /CleverTap answered/.test(identify[2]) && /CleverTap answered/.test(order[2]) ? { view, identify, order } : undefined
      }, 15_000, 'both rows with their answered requests in the inspector')
      expect(shown.view?.state).toBe('live')
      expect(shown.identify[1]).toMatch(/login[\s\S]*"Email": "grace@example.com"/)
      expect(shown.identify[2]).toMatch(/"Identity": "user-7"/)
      expect(shown.order[1]).toMatch(/^chargedCharged/)
      expect(shown.order[2]).toMatch(/Charged[\s\S]*"Charged ID": "o-7"/)
      // The flag is remembered for the tab: the next page opens it too, with no flag in its URL.
      await tab.goto(edge.origin + '/fixtures/umd.html')
      await eventually(() => tab.run(() => (window as any).harnessLoaded === true), 15_000, 'the next page')
      edge.network.sdk = 'block'
      await tab.run(() => void (window as any).start({ loadTimeoutMs: 2000 }, {}))
      await tab.run(async () => void (await (window as any).analytics.track('While Blocked')))
      const blocked = await eventually(async () => {
        const view = await inspectorRows(tab)
        const row = view?.rows.find((r) => r[0].startsWith('track · While Blocked'))
        return row && /not sent/.test(row[1]) ? { view, row } : undefined
      }, 15_000, 'the blocked row in the inspector')
      expect(blocked.view?.state).toMatch(/CleverTap did not load/)
      expect(blocked.row[1]).toMatch(/not sent: CleverTap did not load .*kept for the next page/)
      await finish(tab)
    })
  })

  test(SCENARIOS.idle, async () => {
    await withTab('desktop', async (tab) => {
      await open(tab, 'script build', { loadOn: 'idle' })
      await tab.run(() => (window as any).analytics.page())
      await tab.run(() => (window as any).analytics.track('After Idle'))
      await event('After Idle')
      // WebKit has no requestIdleCallback; the plugin's scheduling falls back to a timer there.
      expect(await tab.run(() => typeof (window as any).requestIdleCallback)).toBe(name === 'webkit' ? 'undefined' : 'function')
      expect(edge.server.pages()).toHaveLength(1)
      await finish(tab)
    })
  })

  test(SCENARIOS.carried, async () => {
    edge.network.sdk = { delayMs: 5000 }
    await withTab('desktop', async (tab) => {
      // analytics-next keeps its user and queue in storage, as on real sites.
      await open(tab, 'script build', {}, { disableClientPersistence: false })
      await tab.run(async () => {
        const a = (window as any).analytics
        await a.track('Before Leaving', { n: 1 })
      })
      expect(edge.server.requests).toEqual([])
      edge.network.sdk = 'serve'
      // The next page of the same site, before the SDK arrived on the first.
      await open(tab, 'script build', {}, { disableClientPersistence: false })
      const carried = await event('Before Leaving')
      expect(carried.evtData).toEqual({ n: 1 })
      // Carried calls go before the page's own: once this marker is in, no second copy is on its way.
      await tab.run(async () => {
        await (window as any).analytics.track('Marker')
      })
      await event('Marker')
      expect(edge.server.events('Before Leaving')).toHaveLength(1)
      await finish(tab)
    })
  })

  test(SCENARIOS.phone, async () => {
    await withTab('phone', async (tab) => {
      await open(tab, 'npm build')
      const screen = await tab.run(() => ({
        width: Math.min(window.screen.width, document.documentElement.clientWidth),
        touch: navigator.maxTouchPoints > 0,
        mobile: /Mobile|Android|iPhone/.test(navigator.userAgent),
      }))
      // MiniBrowser's window does not go below 447 px (its toolbar): WebKit's phone is that wide.
      expect(screen.width).toBeLessThanOrEqual(name === 'webkit' ? PHONE_WIDTH.webkit : PHONE_WIDTH.other)
      if (name !== 'firefox') expect(screen.mobile).toBe(true)
      if (name === 'chromium') expect(screen.touch).toBe(true)
      await tab.run(async () => {
        const a = (window as any).analytics
        await a.identify('user-phone', { email: 'phone@example.com' })
        await a.track('Product Added', { product_id: 'p1', price: 5 })
        await a.track('Order Completed', { order_id: 'o-phone', total: 5, products: [{ product_id: 'p1', price: 5, quantity: 1 }] })
      })
      const charged = await event('Charged')
      expect(charged.evtData).toMatchObject({ 'Charged ID': 'o-phone', Amount: 5 })
      expect(edge.server.profiles().some((p) => p.profile.Identity === 'user-phone')).toBe(true)
      expect((await event('Product Added')).evtData).toEqual({ product_id: 'p1', price: 5 })
      await finish(tab)
    })
  })

  // The demo embeds its own CleverTap stand-in: it is the same whichever release the CDN serves.
  if (release === 'npm') describe('the QA demo', () => {
    let demo: DemoServer
    beforeAll(async () => {
      demo = await startDemo()
    })
    afterAll(async () => {
      await demo?.stop()
    })

    test.each(['desktop', 'phone'] as const)(`${SCENARIOS.demo}, on a %s screen`, async (profile) => {
      await withTab(profile, async (tab) => {
        await tab.goto(demo.origin + '/')
        await eventually(() => tab.run(() => document.getElementById('status')?.dataset.state === 'ready'), 30_000, 'the demo ready').catch(async (error) => {
          const status = await tab.run(() => [location.href, document.title, document.body?.innerText.slice(0, 200), document.getElementById('status')?.textContent, 'serviceWorker' in navigator])
          throw new Error(`${String(error)}; the demo says ${JSON.stringify(status)}`)
        })
        await tab.run(() => (document.querySelector('#identify button[type="submit"]') as HTMLButtonElement).click())
        await tab.run(() => (document.querySelector('[data-preset="Order Completed"]') as HTMLButtonElement).click())
        const wire = await eventually(
          () =>
            tab.run(() => {
              const rows = Array.from(document.querySelectorAll('.entry'))
              const text = (title: string) => rows.find((row) => row.textContent?.includes(title))?.querySelector('.wire')?.textContent ?? ''
              const identify = text('identify · user-42')
              const order = text('track · Order Completed')
              return /"Identity": "user-42"/.test(identify) && /Charged/.test(order) ? { identify, order } : false
            }),
          20_000,
          'both rows with their wire',
        )
        expect(wire.order).toMatch(/"Amount": 86.5/)
        const layout = await tab.run(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          widths: Array.from(document.querySelector('.entry')!.children, (c) => Math.round(c.getBoundingClientRect().width)),
        }))
        // Nothing wider than the window, and on a phone each part of a row has the whole width.
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth)
        if (profile === 'phone') for (const width of layout.widths) expect(width).toBeGreaterThan(300)
        expect(edge.violations).toEqual([])
      })
    })
  })
}
