/**
 * @jest-environment jsdom
 *
 * The plugin side on its own, fast and deterministic: the real plugin, session and engine, with a
 * stand-in analytics instance (its hooks and emits driven by hand, in the orders real sites produce) and
 * a recording CleverTap SDK whose arrival each test decides. Time is Jest's: a reset's settling and an
 * alias's wait pass when a test says so. What is asserted is what the SDK was asked to do, in order.
 */
import type { Analytics, Context } from '@segment/analytics-next'
import type { CleverTapClient } from '../../src/bridge/sdk/client'
import { createEngine } from '../../src/lazy/engine'
import type { CleverTapPluginOptions } from '../../src/plugin/options'
import { createPlugin } from '../../src/plugin/plugin'

/** A CleverTap SDK that writes down what it is asked to do, one line a request. */
function recordingSdk(wire: string[]): CleverTapClient {
  let account: string | undefined
  const client = {
    init: (id: string) => {
      account = id
      wire.push('init')
    },
    getAccountID: () => account,
    getCleverTapID: () => 'ct-device',
    onUserLogin: { push: (p: any) => wire.push(`login ${p.Site.Identity}`) },
    profile: { push: (p: any) => wire.push(`profile ${Object.keys(p.Site).map((k) => `${k}=${p.Site[k]}`).join(' ')}`) },
    event: { push: (name: string) => wire.push(`event ${name}`) },
    privacy: { push: (...flags: any[]) => wire.push(`privacy ${JSON.stringify(Object.assign({}, ...flags))}`) },
    notifications: { push: () => undefined },
    pageChanged: () => wire.push('page'),
    clear: () => wire.push('clear'),
  }
  return client as unknown as CleverTapClient
}

type Emit = 'reset' | 'alias' | 'track'

/** messageIds are unique per page load across every plugin of this package (seen-messages.ts), so across tests too. */
let messages = 0

/** One page of a site: analytics-next's identity, hooks and emits by hand; CleverTap arrives on `arrive()`. */
async function page(options: CleverTapPluginOptions = {}, start: { anonymousId?: string; userId?: string } = {}) {
  const wire: string[] = []
  let anonymousId = start.anonymousId ?? 'anon-1'
  let userId: string | undefined = start.userId
  let resets = 0
  const listeners: Partial<Record<Emit, Array<(...args: unknown[]) => void>>> = {}
  const emit = (name: Emit, ...args: unknown[]) => (listeners[name] ?? []).forEach((listener) => listener(...args))
  const analytics = {
    user: () => ({ id: () => userId ?? null, anonymousId: () => anonymousId }),
    settings: { writeKey: 'WRITE-KEY', cdnSettings: { integrations: {} } },
    options: {},
    ready: () => new Promise(() => undefined),
    queue: { plugins: [] as unknown[] },
    on: (name: Emit, listener: (...args: unknown[]) => void) => (listeners[name] ??= []).push(listener),
    off: () => undefined,
    register: () => Promise.resolve(),
    track: () => Promise.resolve(),
  } as unknown as Analytics

  let arrive: () => void = () => undefined
  const sdkArrives = new Promise<void>((resolve) => (arrive = resolve))
  const engine = createEngine(async () => {
    await sdkArrives
    return recordingSdk(wire)
  })
  // `ready` waits for an analytics-ready that never comes here and an idle moment: CleverTap starts when a test says.
  const plugin = createPlugin({ accountId: 'ACC-123', ...options }, () => Promise.resolve(engine))
  await plugin.load({} as Context, analytics)
  ;(analytics as any).queue.plugins.push(plugin)
  open.push(() => plugin.unload?.({} as Context, analytics))
  /** More plugins of this package on the same analytics (React StrictMode, a hot reload): each is handed every call. */
  const plugins = [plugin]
  const twin = async () => {
    const another = createPlugin({ accountId: 'ACC-123' }, () => Promise.resolve(engine))
    await another.load({} as Context, analytics)
    ;(analytics as any).queue.plugins.push(another)
    plugins.push(another)
    open.push(() => another.unload?.({} as Context, analytics))
    return another
  }

  /** A Segment call as analytics-next hands it to destinations, made now (or with the identity given). */
  const event = (type: string, fields: Record<string, unknown>, made: { anonymousId?: string; userId?: string } = {}) => ({
    type,
    messageId: `m-${++messages}`,
    anonymousId: made.anonymousId ?? anonymousId,
    userId: made.userId ?? userId,
    context: { page: { url: 'https://shop.example.com/' } },
    ...fields,
  })
  const hand = (ev: any) => plugins.forEach((each) => (each as any)[ev.type]({ event: ev } as Context))

  return {
    wire,
    plugin,
    twin,
    /** Segment's classic CleverTap integration, installed from the workspace next to this plugin. */
    classicNextToIt: () => (analytics as any).queue.plugins.push({ name: 'CleverTap', type: 'destination' }),
    /** CleverTap starts loading (the schedule's moment), and its SDK has not arrived yet. */
    async start() {
      void plugin.getClient()
      await jest.advanceTimersByTimeAsync(0)
    },
    /** CleverTap's SDK arrives (started now if it was not), and everything that can settle at once does. */
    async arrive() {
      arrive()
      await plugin.getClient()
      await jest.advanceTimersByTimeAsync(0)
    },
    identify(id: string, traits: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) {
      userId = id
      hand(event('identify', { userId: id, traits, ...fields }))
    },
    track(name: string, fields: Record<string, unknown> = {}) {
      hand(event('track', { event: name, ...fields }))
      emit('track', name)
    },
    page: () => hand(event('page', { properties: {} })),
    /** `analytics.reset()`: a new anonymousId, then the emit; returns the identity calls made before it carried. */
    reset() {
      const before = { anonymousId, userId }
      anonymousId = `anon-reset-${++resets}`
      userId = undefined
      emit('reset')
      return before
    },
    /** A call made before the last reset that analytics-next hands over only now. */
    late: (name: string, made: { anonymousId?: string; userId?: string }) => hand(event('track', { event: name }, made)),
    /** `analytics.alias(to)` by the current user: the event carries the stamped current id; the emit the real one. */
    alias(to: string) {
      const from = userId ?? null
      hand(event('alias', { previousId: from ?? anonymousId }))
      emit('alias', to, from)
    },
    leave: () => window.dispatchEvent(new Event('pagehide')),
    /** The visitor goes on to the next page: this one is left, and its plugin is gone with it. */
    gone() {
      window.dispatchEvent(new Event('pagehide'))
      plugin.unload?.({} as Context, analytics)
    },
    analytics,
  }
}

/** Lets a reset settle and an alias give up waiting. */
const settle = () => jest.advanceTimersByTimeAsync(1_500)

/** Every page of a test is unloaded after it, so none of them hears the next test's page events. */
const open: Array<() => unknown> = []

beforeEach(() => {
  jest.useFakeTimers()
  localStorage.clear()
})
afterEach(() => {
  for (const unload of open.splice(0)) unload()
  jest.useRealTimers()
})

describe('calls made before, while and after CleverTap loads reach it once, in the order they were made', () => {
  it.each`
    when                      | loadsAfter
    ${'before it is started'} | ${3}
    ${'while it loads'}       | ${1}
    ${'after it is live'}     | ${0}
  `('identify, track, track made $when', async ({ loadsAfter }) => {
    const site = await page()
    if (loadsAfter < 3) await site.start()
    const calls = [() => site.identify('u-1'), () => site.track('A'), () => site.track('B')]
    for (const [i, call] of calls.entries()) {
      if (i === loadsAfter) await site.arrive()
      call()
    }
    await site.arrive()
    await settle()
    expect(site.wire).toEqual(['init', 'login u-1', 'event A', 'event B'])
  })

  it("an anonymous visitor's events kept before the identify land on the identified profile", async () => {
    const site = await page()
    site.track('Viewed')
    site.identify('u-1')
    await site.arrive()
    await settle()
    expect(site.wire).toEqual(['init', 'login u-1', 'event Viewed'])
  })

  it('loadOn: event starts CleverTap at the first call, not before', async () => {
    const site = await page({ loadOn: 'event' })
    await settle()
    expect(site.plugin.isLoaded()).toBe(false)
    site.track('First')
    await site.arrive()
    expect(site.wire).toEqual(['init', 'event First'])
  })
})

describe('a reset in every position stays between the calls made before it and after it', () => {
  // Kept calls replay with each user's identity first (order.ts); live ones go as they come.
  it.each`
    position                         | arrivesAt         | wire
    ${'before CleverTap is started'} | ${'end'}          | ${['init', 'login u-1', 'event A', 'clear', 'login u-2', 'event B']}
    ${'while CleverTap loads'}       | ${'before-reset'} | ${['init', 'login u-1', 'event A', 'clear', 'event B', 'login u-2']}
    ${'after CleverTap is live'}     | ${'start'}        | ${['init', 'login u-1', 'event A', 'clear', 'event B', 'login u-2']}
  `('reset $position', async ({ arrivesAt, wire }) => {
    const site = await page()
    if (arrivesAt === 'start') await site.arrive()
    else if (arrivesAt === 'before-reset') await site.start()
    site.identify('u-1')
    site.track('A')
    if (arrivesAt === 'before-reset') await site.arrive()
    site.reset()
    site.track('B')
    site.identify('u-2')
    await site.arrive()
    await settle()
    expect(site.wire).toEqual(wire)
  })

  it.each([false, true])('a call made before the reset but handed over after its emit goes before the clear (CleverTap live: %p)', async (live) => {
    const site = await page()
    if (live) await site.arrive()
    site.identify('u-1')
    const before = site.reset()
    site.late('Last of u-1', before)
    site.track('First after')
    await site.arrive()
    await settle()
    expect(site.wire).toEqual(['init', 'login u-1', 'event Last of u-1', 'clear', 'event First after'])
  })

  it('a reset with nothing after it is applied once it has settled', async () => {
    const site = await page()
    await site.arrive()
    site.identify('u-1')
    site.reset()
    expect(site.wire).toEqual(['init', 'login u-1'])
    await settle()
    expect(site.wire).toEqual(['init', 'login u-1', 'clear'])
  })
})

describe('an alias in every position names its real target, not the stamped current user', () => {
  it.each`
    position                         | live
    ${'while CleverTap loads'}       | ${false}
    ${'after CleverTap is live'}     | ${true}
  `('alias by an identified user $position', async ({ live }) => {
    const site = await page()
    if (live) await site.arrive()
    site.identify('u-1')
    site.alias('u-1-new')
    site.track('After alias')
    await site.arrive()
    await settle()
    expect(site.wire).toEqual(['init', 'login u-1', 'profile Identity=u-1-new', 'event After alias'])
  })

  it('an alias whose emit never comes goes as it is after the wait, and holds back nothing for longer', async () => {
    const site = await page()
    await site.arrive()
    site.identify('u-1')
    ;(site.plugin as any).alias({ event: { type: 'alias', messageId: 'a-1', userId: 'u-1', previousId: 'u-1', anonymousId: 'anon-1' } })
    site.track('Waits behind the alias')
    expect(site.wire).toEqual(['init', 'login u-1'])
    await settle()
    expect(site.wire).toEqual(['init', 'login u-1', 'profile Identity=u-1', 'event Waits behind the alias'])
  })
})

describe('consent changing mid-way', () => {
  const stamped = (granted: boolean) => ({ context: { consent: { categoryPreferences: { Ads: granted } }, page: { url: 'https://shop.example.com/' } } })

  it.each`
    order                                 | calls                                              | wire
    ${'denied, then granted'}             | ${[['Denied', false], ['Granted', true]]}          | ${['init', 'event Granted']}
    ${'granted, then withdrawn while loading'} | ${[['Granted', true], ['Denied', false]]}     | ${['init', 'privacy {"optOut":true}']}
    ${'granted, withdrawn, granted again while loading'} | ${[['One', true], ['Two', false], ['Three', true]]} | ${['init', 'event Three']}
  `('$order', async ({ calls, wire }) => {
    const site = await page({ consentCategories: ['Ads'] })
    for (const [name, granted] of calls) {
      site.track(name, stamped(granted))
      await site.start()
    }
    await site.arrive()
    await settle()
    expect(site.wire).toEqual(wire)
  })

  it("an identify made without consent: the user's next call with consent logs them in first, so it lands on their profile", async () => {
    const site = await page({ consentCategories: ['Ads'] })
    site.identify('user-c', {}, stamped(false))
    site.track('Granted by C', stamped(true))
    await site.start()
    await site.arrive()
    await settle()
    expect(site.wire).toEqual(['init', 'login user-c', 'event Granted by C'])
  })

  it('calls whose consent is unknown are kept but start nothing, and are gone once the visitor denies', async () => {
    const site = await page({ consentCategories: ['Ads'] })
    site.track('Unknown')
    await site.start()
    expect(site.wire).toEqual([])
    site.track('Denied', stamped(false))
    site.track('Granted later', stamped(true))
    await site.arrive()
    await settle()
    expect(site.wire).toEqual(['init', 'event Granted later'])
  })

  it('withdrawn while CleverTap is live: opted out at once, nothing more sent; granted on the next page: opted in again', async () => {
    const first = await page({ consentCategories: ['Ads'] })
    first.track('Granted', stamped(true))
    await first.arrive()
    first.track('Denied', stamped(false))
    first.track('Also denied', stamped(false))
    await settle()
    expect(first.wire).toEqual(['init', 'event Granted', 'privacy {"optOut":true}'])
    first.gone()
    const second = await page({ consentCategories: ['Ads'] })
    second.track('Granted again', stamped(true))
    await second.arrive()
    await settle()
    expect(second.wire).toEqual(['init', 'privacy {"optOut":false}', 'event Granted again'])
  })

  it('a call whose data cannot be written (a cycle) is not carried; the calls around it are, and the next page delivers them', async () => {
    const first = await page()
    const loop: Record<string, unknown> = { name: 'loop' }
    loop.self = loop
    first.track('Before')
    first.track('Cyclic', { properties: { loop } })
    first.track('After')
    first.gone()
    const stored = Object.keys(localStorage)
      .filter((key) => key.startsWith('clevertap-segment-web:kept:'))
      .flatMap((key) => JSON.parse(localStorage.getItem(key) as string).calls.map((call: any) => call.event.event))
    expect(stored).toEqual(['Before', 'After'])
    const second = await page()
    await second.arrive()
    await settle()
    expect(second.wire).toEqual(['init', 'event Before', 'event After'])
    expect(Object.keys(localStorage).filter((key) => key.startsWith('clevertap-segment-web:kept:'))).toEqual([])
  })

  it('a withdrawal discards what was kept here and what earlier pages left for later ones', async () => {
    const first = await page({ consentCategories: ['Ads'] })
    first.identify('u-1', { email: 'u1@example.com' })
    first.gone()
    expect(Object.keys(localStorage).some((key) => key.startsWith('clevertap-segment-web:kept:'))).toBe(true)
    const second = await page({ consentCategories: ['Ads'] }, { userId: 'u-1' })
    second.track('Changed mind', stamped(false))
    expect(Object.keys(localStorage).filter((key) => key.startsWith('clevertap-segment-web:kept:'))).toEqual([])
    second.leave()
    expect(Object.keys(localStorage).filter((key) => key.startsWith('clevertap-segment-web:kept:'))).toEqual([])
  })

  it('a withdrawal heard on a later page keeps only the resets earlier pages carried: when consent returns, the next visitor starts on a new profile', async () => {
    const carried = () =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('clevertap-segment-web:kept:'))
        .map((key) => JSON.parse(localStorage.getItem(key)!).calls)
    // Page 1: user A (known from an earlier page) calls and signs out, with consent, while CleverTap still loads.
    const first = await page({ consentCategories: ['Ads'] }, { userId: 'user-a' })
    first.identify('user-a', { email: 'a@example.com' }, stamped(true))
    first.track('By A', stamped(true))
    first.reset()
    first.gone()
    expect(carried().flat()).toHaveLength(3)
    // Page 2: the first call states that consent is withdrawn. A's calls are gone from the store; the reset stays.
    const second = await page({ consentCategories: ['Ads'] }, { anonymousId: 'anon-reset-1' })
    second.track('Withdrawn', stamped(false))
    expect(carried()).toEqual([[{ reset: 'anon-reset-1' }]])
    // Nothing names user A any more: not their calls, nor the identity their page started with.
    expect(JSON.stringify(localStorage)).not.toContain('user-a')
    second.gone()
    // Page 3: consent again, and the next visitor's call lands after the clear.
    const third = await page({ consentCategories: ['Ads'] }, { anonymousId: 'anon-reset-1' })
    third.track('By the next visitor', stamped(true))
    await third.arrive()
    await settle()
    expect(third.wire).toEqual(['init', 'clear', 'event By the next visitor'])
    expect(carried()).toEqual([])
  })

  it('CleverTap is not loaded while consent is denied, and a denied call is not kept', async () => {
    const site = await page({ consentCategories: ['Ads'] })
    site.track('Denied', stamped(false))
    await site.arrive()
    await settle()
    expect(site.wire).toEqual([])
    site.leave()
    expect(Object.keys(localStorage)).toEqual([])
  })
})

describe('carried to the next page', () => {
  it.each`
    identity                         | nextPage                                     | wire
    ${'the same Segment identity'}   | ${{ anonymousId: 'anon-1' }}                 | ${['init', 'event On page 1', 'event On page 2']}
    ${'another Segment identity'}    | ${{ anonymousId: 'anon-other' }}             | ${['init', 'event On page 2']}
  `('calls left on a page go to the next only for $identity', async ({ nextPage, wire }) => {
    const first = await page()
    first.track('On page 1')
    first.gone()
    const second = await page({}, nextPage)
    second.track('On page 2')
    await second.arrive()
    await settle()
    expect(second.wire).toEqual(wire)
    expect(Object.keys(localStorage).filter((key) => key.startsWith('clevertap-segment-web:'))).toEqual([])
  })

  it('a reset and the calls around it are carried in their order', async () => {
    const first = await page()
    first.identify('u-1')
    first.reset()
    first.track('After reset')
    first.gone()
    const second = await page({}, { anonymousId: 'anon-reset-1' })
    await second.arrive()
    await settle()
    expect(second.wire).toEqual(['init', 'login u-1', 'clear', 'event After reset'])
  })
})

describe('shared devices: each call lands on the profile of the user who made it', () => {
  it("a user known from an earlier page tracks, then another identifies without a reset: the first user's event stays the first user's", async () => {
    // CleverTap's own storage from that page: the device is logged in as user-a (the SDK's identity cache).
    localStorage.setItem('WZRK_G', encodeURIComponent(JSON.stringify('guid-a')))
    localStorage.setItem('WZRK_X', encodeURIComponent(JSON.stringify({ cache: [['user-a', 'guid-a']] })))
    const site = await page({}, { userId: 'user-a' })
    site.track('By A')
    site.identify('user-b')
    site.track('By B')
    await site.arrive()
    await settle()
    expect(site.wire).toEqual(['init', 'event By A', 'login user-b', 'event By B'])
  })

  it('a reset and the next login survive the bound on carried calls, however many events come before them', async () => {
    const first = await page({ maxBufferSize: 5000 })
    first.identify('user-a')
    for (let i = 0; i < 250; i++) first.track(`A ${i}`)
    first.reset()
    first.identify('user-b')
    first.track('By B')
    first.gone()
    const second = await page({}, { anonymousId: 'anon-reset-1', userId: 'user-b' })
    await second.arrive()
    await settle()
    const wire = second.wire
    expect(wire.filter((line) => line === 'clear' || line.startsWith('login'))).toEqual(['login user-a', 'clear', 'login user-b'])
    expect(wire.slice(-3)).toEqual(['clear', 'login user-b', 'event By B'])
    expect(wire.filter((line) => line.startsWith('event A ')).length).toBeLessThanOrEqual(200)
  })

  it('a clear waits for the answer to the login before it, so that answer cannot give the device the previous user back', async () => {
    const site = await page()
    await site.arrive()
    site.identify('user-a')
    ;(window as any).isOULInProgress = true
    site.reset()
    site.identify('user-b')
    await settle()
    expect(site.wire).toEqual(['init', 'login user-a'])
    ;(window as any).isOULInProgress = false
    await jest.advanceTimersByTimeAsync(100)
    expect(site.wire).toEqual(['init', 'login user-a', 'clear', 'login user-b'])
    delete (window as any).isOULInProgress
  })
})

describe('delivery never freezes the page', () => {
  it('a thousand kept calls go to the SDK in slices, each well under a long task, in order', async () => {
    let clock = 0
    const spy = jest.spyOn(performance, 'now').mockImplementation(() => clock)
    const site = await page({ maxBufferSize: 2000 })
    for (let i = 0; i < 1000; i++) site.track(`E${i}`)
    // Each push costs the SDK a millisecond here.
    const push = (site.wire as any).push.bind(site.wire)
    ;(site.wire as any).push = (...lines: string[]) => {
      clock += 1
      return push(...lines)
    }
    await site.arrive()
    // Arriving runs what is due at once: the first slice and the one after it, 30 ms of pushes each.
    const sent = site.wire.length - 1
    expect(sent).toBeGreaterThan(1)
    expect(sent).toBeLessThanOrEqual(2 * 31)
    await jest.advanceTimersByTimeAsync(1000)
    expect([...site.wire]).toEqual(['init', ...Array.from({ length: 1000 }, (_, i) => `event E${i}`)])
    spy.mockRestore()
  })
})

describe('carried calls read back', () => {
  it('one malformed entry costs only itself', async () => {
    const first = await page()
    first.track('Good one')
    first.gone()
    const key = Object.keys(localStorage).find((k) => k.startsWith('clevertap-segment-web:kept:')) as string
    const batch = JSON.parse(localStorage.getItem(key) as string)
    batch.calls.unshift({ event: { type: 'track', event: 'Odd', get messageId() { return 1 } } }, { commands: 'not a list' }, 'text', { event: { type: 7 } })
    localStorage.setItem(key, JSON.stringify(batch))
    const second = await page()
    second.track('Own')
    await second.arrive()
    await settle()
    expect(second.wire).toEqual(['init', 'event Odd', 'event Good one', 'event Own'])
  })

  it('each call expires by its own age, however often a page saves it again', async () => {
    const first = await page()
    first.track('Old')
    await jest.advanceTimersByTimeAsync(15 * 60 * 1000)
    first.gone()
    const second = await page({ loadTimeoutMs: 100 })
    // CleverTap does not arrive on the second page either: it saves the call again.
    await second.start()
    await jest.advanceTimersByTimeAsync(500)
    second.gone()
    await jest.advanceTimersByTimeAsync(10 * 60 * 1000)
    const third = await page()
    third.track('New')
    await third.arrive()
    await settle()
    expect(third.wire).toEqual(['init', 'event New'])
    expect(Object.keys(localStorage).filter((k) => k.startsWith('clevertap-segment-web:kept:'))).toEqual([])
  })
})

describe('more than one CleverTap on the page', () => {
  it('two plugins of this package (StrictMode, a hot reload): every call reaches CleverTap once, and neither stands down', async () => {
    const site = await page()
    await site.twin()
    site.identify('u-1')
    site.track('Once')
    await site.arrive()
    await settle()
    expect(site.wire).toEqual(['init', 'login u-1', 'event Once'])
  })

  it("next to Segment's classic integration the plugin stands down, and still clears CleverTap's identity at a reset", async () => {
    const live = recordingSdk([])
    const cleared: string[] = []
    ;(live as any).clear = () => cleared.push('clear')
    ;(window as any).clevertap = live
    try {
      const site = await page()
      site.classicNextToIt()
      site.track('Classic delivers this')
      await site.start()
      await settle()
      expect(site.plugin.isLoaded()).toBe(false)
      site.reset()
      expect(cleared).toEqual(['clear'])
    } finally {
      delete (window as any).clevertap
    }
  })
})

describe('CleverTap failing to load on a page', () => {
  it('calls made after the failure are still kept, as made, and go on to the next page; a withdrawal there discards them', async () => {
    const first = await page({ loadTimeoutMs: 100, consentCategories: ['Ads'] })
    const granted = { context: { consent: { categoryPreferences: { Ads: true } }, page: { url: 'https://shop.example.com/' } } }
    first.track('Before the failure', granted)
    await first.start()
    await jest.advanceTimersByTimeAsync(500)
    first.track('After the failure', granted)
    first.gone()
    const second = await page({ consentCategories: ['Ads'] })
    second.track('Next page', granted)
    await second.arrive()
    await settle()
    expect(second.wire).toEqual(['init', 'event Before the failure', 'event After the failure', 'event Next page'])
  })
})
