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
  open.push(() => plugin.unload?.({} as Context, analytics))

  /** A Segment call as analytics-next hands it to destinations, made now (or with the identity given). */
  const event = (type: string, fields: Record<string, unknown>, made: { anonymousId?: string; userId?: string } = {}) => ({
    type,
    messageId: `m-${++messages}`,
    anonymousId: made.anonymousId ?? anonymousId,
    userId: made.userId ?? userId,
    context: { page: { url: 'https://shop.example.com/' } },
    ...fields,
  })
  const hand = (ev: any) => (plugin as any)[ev.type]({ event: ev } as Context)

  return {
    wire,
    plugin,
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
    identify(id: string, traits: Record<string, unknown> = {}) {
      userId = id
      hand(event('identify', { userId: id, traits }))
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
    ;(site.plugin as any).alias({ event: { type: 'alias', messageId: 'a-1', userId: 'u-1', previousId: 'x', anonymousId: 'anon-1' } })
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
