import { DEFAULT_TRANSLATE_CONFIG, INITIAL_STATE, translate, translateReset } from '../../src/bridge/translation/translate'
import type { TranslateConfig, TranslateState } from '../../src/bridge/translation/translate'

const config: TranslateConfig = DEFAULT_TRANSLATE_CONFIG
/** Freezes every level, so a translation that wrote to its input would throw. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}

const run = (event: any, state: TranslateState = INITIAL_STATE, cfg: TranslateConfig = config) => translate(deepFreeze(event), state, cfg)

describe("events CleverTap's server discards for the account", () => {
  it.each`
    event                                                                    | sent
    ${{ type: 'track', event: 'internal ping' }}                              | ${[]}
    ${{ type: 'track', event: 'Order Completed', properties: { total: 1 } }} | ${[]}
    ${{ type: 'track', event: 'Kept' }}                                      | ${[{ kind: 'event', name: 'Kept', properties: {} }]}
  `('$event.event is sent as $sent, with a note when not', ({ event, sent }) => {
    const translation = run(event, INITIAL_STATE, { ...config, discardedEvents: new Set(['internal ping', 'charged']) })
    expect(translation.commands).toEqual(sent)
    if (sent.length === 0) expect(translation.notes.some((note) => note.includes('discarded by CleverTap for this account'))).toBe(true)
  })
})

describe('page views in a single-page app', () => {
  it('a page call to another URL than the last view is a new route (CleverTap pop-ups are dismissed); the same page, or a fragment of it, is not', () => {
    let state: TranslateState = { initPage: 'https://shop.example.com/a' }
    const views: unknown[] = []
    for (const url of ['https://shop.example.com/a', 'https://shop.example.com/b', 'https://shop.example.com/b#reviews', 'https://shop.example.com/c']) {
      const translation = run({ type: 'page', context: { page: { url } } }, state)
      state = translation.state
      views.push(translation.commands)
    }
    expect(views).toEqual([
      [],
      [{ kind: 'page', url: 'https://shop.example.com/b', newRoute: true }],
      [{ kind: 'page', url: 'https://shop.example.com/b#reviews' }],
      [{ kind: 'page', url: 'https://shop.example.com/c', newRoute: true }],
    ])
  })
})

describe('identify', () => {
  it.each`
    state                  | commands
    ${INITIAL_STATE}       | ${[{ kind: 'login', profile: { Identity: 'u1', plan: 'pro' } }, { kind: 'profile', profile: { customId: 'CRM-42' } }]}
    ${{ userId: 'u1' }}    | ${[{ kind: 'profile', profile: { customId: 'CRM-42', plan: 'pro' } }]}
  `('a trait named customId never reaches a login, where CleverTap 2.5.4+ would make it the device id (state $state)', ({ state, commands }) => {
    const translation = run({ type: 'identify', userId: 'u1', traits: { customId: 'CRM-42', plan: 'pro' } }, state)
    expect(translation.commands).toEqual(commands)
    if (state === INITIAL_STATE) expect(translation.notes).toContain("traits.customId: sent in a profile update after the login, where CleverTap's SDK would take it for the device's id")
  })

  it('logs in a new userId with every mapped trait', () => {
    const { commands, state } = run({
      type: 'identify',
      userId: 'u1',
      traits: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        avatar: 'https://img/a.png',
        age: '36',
        phone: '+44 20 7946 0958',
        gender: 'female',
        birthday: '1815-12-10',
        'MSG-email': false,
        'MSG-push': 'true',
        tags: ['a', 2],
        plan: 'pro',
      },
    })
    expect(commands).toEqual([
      {
        kind: 'login',
        profile: {
          firstName: 'Ada',
          lastName: 'Lovelace',
          tags: ['a', '2'],
          plan: 'pro',
          Name: 'Ada Lovelace',
          Email: 'ada@example.com',
          Photo: 'https://img/a.png',
          Age: 36,
          Phone: '+442079460958',
          Gender: 'F',
          DOB: new Date(Date.UTC(1815, 11, 10, 12)),
          'MSG-email': false,
          'MSG-push': true,
          Identity: 'u1',
        },
      },
    ])
    expect(state.userId).toBe('u1')
  })

  it.each`
    name                                 | state                            | event                                             | kinds
    ${'same user → profile update'}      | ${{ userId: 'u1' }} | ${{ type: 'identify', userId: 'u1', traits: { a: 1 } }} | ${['profile']}
    ${'another user → login'}            | ${{ userId: 'u1' }} | ${{ type: 'identify', userId: 'u2', traits: {} }}       | ${['login']}
    ${'anonymous traits → profile'}      | ${INITIAL_STATE}                 | ${{ type: 'identify', traits: { a: 1 } }}              | ${['profile']}
    ${'anonymous, no traits → nothing'}  | ${INITIAL_STATE}                 | ${{ type: 'identify', traits: {} }}                    | ${[]}
    ${'same user, no traits → nothing'}  | ${{ userId: 'u1' }} | ${{ type: 'identify', userId: 'u1' }}                  | ${[]}
  `('$name', ({ state, event, kinds }) => {
    expect(run(event, state).commands.map((c) => c.kind)).toEqual(kinds)
  })

  it('keeps a profile update within 100 keys, reserved fields first', () => {
    const traits = { email: 'a@b.c', name: 'A', ...Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${i}`, i])) }
    const profile = (run({ type: 'identify', userId: 'u', traits }).commands[0] as any).profile
    expect(Object.keys(profile)).toHaveLength(100)
    expect(profile).toMatchObject({ Identity: 'u', Email: 'a@b.c', Name: 'A', t0: 0 })
  })

  it('omits a phone without country code unless defaultCountryCode is set', () => {
    const event = { type: 'identify', userId: 'u', traits: { phone: '(415) 555-1234' } }
    const plain = run(event)
    expect(plain.commands[0]).toEqual({ kind: 'login', profile: { Identity: 'u' } })
    expect(plain.notes.join()).toMatch(/defaultCountryCode/)
    expect((run(event, INITIAL_STATE, { ...config, defaultCountryCode: '+1' }).commands[0] as any).profile.Phone).toBe('+14155551234')
  })
})

describe('track', () => {
  it.each`
    name                       | input                | expected
    ${'trimmed'}               | ${'  Signed Up '}    | ${'Signed Up'}
    ${'unsupported chars → _'} | ${'cart.item:added'} | ${'cart_item_added'}
    ${'empty'}                 | ${'   '}             | ${undefined}
    ${'not a string'}          | ${42}                | ${undefined}
    ${'reserved'}              | ${'Stayed'}          | ${undefined}
    ${'reserved Charged'}      | ${'Charged'}         | ${undefined}
  `('event name: $name', ({ input, expected }) => {
    const { commands, notes } = run({ type: 'track', event: input, properties: {} })
    if (expected === undefined) {
      expect(commands).toEqual([])
      expect(notes.length).toBeGreaterThan(0)
    } else {
      expect(commands).toEqual([{ kind: 'event', name: expected, properties: {} }])
    }
  })

  it('maps Order Completed to Charged: id, amount, flat items, max 50', () => {
    const products = Array.from({ length: 55 }, (_, i) => ({ product_id: `p${i}`, price: i, variant: { color: 'red' } }))
    const { commands, notes } = run({
      type: 'track',
      event: 'order completed',
      properties: { checkout_id: 'c1', revenue: '12.5', products, coupon: { code: 'X' }, tags: ['a', 'b'] },
    })
    expect(commands).toHaveLength(1)
    const charged = commands[0] as any
    expect(charged.kind).toBe('charged')
    expect(charged.properties).toEqual({ 'Charged ID': 'c1', Amount: 12.5, revenue: '12.5', coupon_code: 'X', tags: 'a, b' })
    expect(charged.items).toHaveLength(50)
    expect(charged.items[0]).toEqual({ product_id: 'p0', price: 0, variant_color: 'red' })
    expect(notes.join()).toMatch(/5 items over CleverTap's limit of 50/)
  })

  it.each`
    properties                                 | id         | amount
    ${{ order_id: 'o', checkout_id: 'c', total: 3, revenue: 2, value: 1 }} | ${'o'} | ${3}
    ${{ checkout_id: 7, revenue: 2, value: 1 }}                             | ${7}   | ${2}
    ${{ value: 1 }}                                                         | ${undefined} | ${1}
  `('Charged ID $id and Amount $amount', ({ properties, id, amount }) => {
    const charged = run({ type: 'track', event: 'Order Completed', properties }).commands[0] as any
    expect(charged.properties['Charged ID']).toBe(id)
    expect(charged.properties.Amount).toBe(amount)
  })

  it('honours chargedEvents', () => {
    const cfg = { ...config, chargedEvents: ['Purchase'] }
    expect(run({ type: 'track', event: 'purchase', properties: {} }, INITIAL_STATE, cfg).commands[0].kind).toBe('charged')
    expect(run({ type: 'track', event: 'Order Completed', properties: {} }, INITIAL_STATE, cfg).commands[0].kind).toBe('event')
  })
})

describe('page, screen, group, alias, reset', () => {
  const at = (url: string) => ({ type: 'page', properties: { url }, context: { page: { url } } })

  it.each`
    case                                                  | initPage                  | calls                                                        | pages
    ${'the init view claimed by the same URL, then views'} | ${'https://x.test/a'}     | ${['https://x.test/a', 'https://x.test/b', 'https://x.test/a']} | ${['https://x.test/b', 'https://x.test/a']}
    ${'a first page elsewhere is a view of its own'}       | ${'https://x.test/a'}     | ${['https://x.test/b', 'https://x.test/a']}                  | ${['https://x.test/b', 'https://x.test/a']}
    ${'a fragment does not make another view'}             | ${'https://x.test/a#top'} | ${['https://x.test/a']}                                      | ${[]}
    ${'no init view: every page is a view'}                | ${undefined}              | ${['https://x.test/a']}                                      | ${['https://x.test/a']}
  `('page: $case', ({ initPage, calls, pages }) => {
    let state: TranslateState = initPage === undefined ? INITIAL_STATE : { initPage }
    const sent: string[] = []
    for (const url of calls) {
      const translation = run(at(url), state)
      state = translation.state
      for (const command of translation.commands) if (command.kind === 'page') sent.push(command.url!)
    }
    expect(sent).toEqual(pages)
  })

  it('a page without a URL is the init view when it comes first', () => {
    const first = run({ type: 'page', properties: {} }, { initPage: 'https://x.test/a' })
    expect(first.commands).toEqual([])
    expect(run({ type: 'page', properties: {} }, first.state).commands).toEqual([{ kind: 'page' }])
  })

  it('the call-time page context wins over properties.url', () => {
    const { commands } = run({ type: 'page', properties: { url: 'https://x.test/canonical' }, context: { page: { url: 'https://x.test/b' } } })
    expect(commands).toEqual([{ kind: 'page', url: 'https://x.test/b' }])
  })

  it('sends a named page event when pageEvent is set', () => {
    const cfg = { ...config, pageEvent: 'Web Page Viewed' }
    const { commands } = run(
      { type: 'page', name: 'Home', category: 'Docs', properties: { url: 'https://x.test/a', path: '/a', title: 'A', referrer: '', search: '', extra: 1 } },
      { initPage: 'https://x.test/a' },
      cfg,
    )
    expect(commands).toEqual([
      { kind: 'event', name: 'Web Page Viewed', properties: { name: 'Home', category: 'Docs', url: 'https://x.test/a', path: '/a', title: 'A', referrer: '', search: '', extra: 1 } },
    ])
  })

  it("the page event carries the page call's own properties, normalised like any event's", () => {
    const cfg = { ...config, pageEvent: 'Web Page Viewed' }
    const { commands, notes } = run({ type: 'page', name: 'Product', properties: { url: 'https://x.test/p', sku: 'p-1', variant: { size: 'M' }, headline: '12" pizza' } }, {}, cfg)
    expect(commands[1]).toEqual({
      kind: 'event',
      name: 'Web Page Viewed',
      properties: { name: 'Product', url: 'https://x.test/p', sku: 'p-1', variant_size: 'M', headline: '12\u201d pizza' },
    })
    expect(notes).toEqual([`properties.headline: " sent as \u201d (CleverTap's web SDK strips ' " \\)`])
  })

  it('cloudModeCompatible: snake_case keys, pages as Web Page Viewed, screens as App Screen Viewed, as cloud mode sends them', () => {
    const { configure } = require('../../src/bridge/translation/options')
    const cfg = configure({ cloudModeCompatible: true })
    expect(run({ type: 'track', event: 'Plan Chosen', properties: { planType: 'pro', 'Seat Count': 3, item2: { unitPrice: 1 } } }, {}, cfg).commands).toEqual([
      { kind: 'event', name: 'Plan Chosen', properties: { plan_type: 'pro', seat_count: 3, item_2_unit_price: 1 } },
    ])
    expect(run({ type: 'identify', userId: 'u1', traits: { name: 'Ann', planType: 'pro' } }, {}, cfg).commands).toEqual([
      { kind: 'login', profile: { Identity: 'u1', Name: 'Ann', plan_type: 'pro' } },
    ])
    expect(run({ type: 'page', name: 'Home', properties: { pagePath: '/' } }, {}, cfg).commands).toEqual([
      { kind: 'page' },
      { kind: 'event', name: 'Web Page Viewed', properties: { name: 'Home', page_path: '/' } },
    ])
    expect(run({ type: 'screen', name: 'Cart' }, {}, cfg).commands).toEqual([{ kind: 'event', name: 'App Screen Viewed', properties: { name: 'Cart' } }])
    // An explicit pageEvent still wins.
    expect(configure({ cloudModeCompatible: true, pageEvent: false }).pageEvent).toBeUndefined()
  })

  it('screen → Screen Viewed with the name', () => {
    expect(run({ type: 'screen', name: 'Settings', properties: { tab: 2 } }).commands).toEqual([
      { kind: 'event', name: 'Screen Viewed', properties: { name: 'Settings', tab: 2 } },
    ])
  })

  it('group → profile with Group ID and prefixed traits', () => {
    expect(run({ type: 'group', groupId: 'g1', traits: { name: 'Acme', address: { city: 'Oslo' } } }).commands).toEqual([
      { kind: 'profile', profile: { 'Group ID': 'g1', 'Group name': 'Acme', 'Group address_city': 'Oslo' } },
    ])
  })

  it('alias → Identity set to the new id, remembered as the logged-in user', () => {
    const { commands, state } = run({ type: 'alias', userId: 'new', previousId: 'old' }, { userId: 'old' })
    expect(commands).toEqual([{ kind: 'profile', profile: { Identity: 'new' } }])
    expect(run({ type: 'identify', userId: 'new', traits: { a: 1 } }, state).commands[0].kind).toBe('profile')
  })

  it('reset → clear, and the user is forgotten', () => {
    const { commands, state } = translateReset({ initPage: 'https://x.test/a', userId: 'u1' })
    expect(commands).toEqual([{ kind: 'clear' }])
    expect(state).toEqual({ initPage: 'https://x.test/a' })
  })
})

describe('identityFirst', () => {
  const { identityFirst } = require('../../src/bridge/translation/order')
  const label = (c: any) => c.name ?? c.profile?.Identity ?? c.kind

  it('puts identity first within each stretch between resets, everything else in order', () => {
    const ordered = identityFirst([
      { kind: 'event', name: 'a1', properties: {} },
      { kind: 'event', name: 'a2', properties: {} },
      { kind: 'login', profile: { Identity: 'a' } },
      { kind: 'clear' },
      { kind: 'event', name: 'b1', properties: {} },
      { kind: 'login', profile: { Identity: 'b' } },
      { kind: 'increment', key: 'n', by: 1 },
    ])
    expect(ordered.map(label)).toEqual(['a', 'a1', 'a2', 'clear', 'b', 'b1', 'increment'])
  })
})

describe('Outbox', () => {
  const { Outbox } = require('../../src/lazy/outbox')
  it('keeps its bound by dropping the oldest plain events, never identifies, aliases, groups or resets', () => {
    const queue = new Outbox(3)
    queue.push({ event: { type: 'identify', userId: 'u' } })
    queue.push({ event: { type: 'track', event: 'a' } })
    queue.push({ event: { type: 'track', event: 'b' } })
    queue.push({ event: { type: 'reset' } })
    queue.push({ event: { type: 'page' } })
    expect(queue.size).toBe(3)
    expect(queue.dropped).toBe(2)
    expect(queue.takeReady().map((c: any) => c.event.type)).toEqual(['identify', 'reset', 'page'])
    expect(queue.size).toBe(0)
  })
})

describe('who a call belongs to', () => {
  const { identityFirst } = require('../../src/bridge/translation/order')
  const label = (c: any) => c.name ?? c.profile?.Identity ?? c.kind

  it('a login of another user closes the stretch: A\'s events stay before B\'s login', () => {
    const ordered = identityFirst([
      { kind: 'event', name: 'anon', properties: {} },
      { kind: 'login', profile: { Identity: 'A' } },
      { kind: 'event', name: 'a1', properties: {} },
      { kind: 'login', profile: { Identity: 'B' } },
      { kind: 'event', name: 'b1', properties: {} },
      { kind: 'login', profile: { Identity: 'B' } },
      { kind: 'event', name: 'b2', properties: {} },
    ])
    expect(ordered.map(label)).toEqual(['A', 'anon', 'a1', 'B', 'B', 'b1', 'b2'])
  })

  it.each`
    type       | event
    ${'track'} | ${{ type: 'track', event: 'Bought', userId: 'B' }}
    ${'page'}  | ${{ type: 'page', name: 'Home', userId: 'B', properties: { url: 'https://shop.example.com/' } }}
    ${'screen'} | ${{ type: 'screen', name: 'Home', userId: 'B' }}
    ${'group'} | ${{ type: 'group', groupId: 'g1', userId: 'B' }}
  `('a $type by a user the device is not logged in as logs them in first; by the logged-in user, it does not', ({ event }) => {
    const other = run(event, { userId: 'A' })
    expect(other.commands[0]).toEqual({ kind: 'login', profile: { Identity: 'B' } })
    expect(other.state.userId).toBe('B')
    expect(other.notes.join(' ')).toMatch(/logged in first/)
    const same = run(event, { userId: 'B' })
    expect(same.commands.some((c) => c.kind === 'login')).toBe(false)
  })

  it('a value that throws at any look (a revoked Proxy) costs only itself, wherever it is', () => {
    const { proxy, revoke } = Proxy.revocable({ title: 'draft' }, {})
    revoke()
    const { commands, notes } = translate({ type: 'track', event: 'Saved', properties: { draft: proxy, n: 2, deep: { also: proxy, m: 3 } } } as any, INITIAL_STATE, config)
    expect(commands).toEqual([{ kind: 'event', name: 'Saved', properties: { n: 2, deep_m: 3 } }])
    expect(notes).toEqual(expect.arrayContaining(['properties.draft: value could not be read', 'properties.deep.also: value could not be read']))
  })

  it('an alias by a user the device is not logged in as logs them in first; from the anonymous visitor, it does not', () => {
    const byUser = run({ type: 'alias', userId: 'B-new', previousId: 'B', anonymousId: 'anon-1' }, { userId: 'A' })
    expect(byUser.commands).toEqual([{ kind: 'login', profile: { Identity: 'B' } }, { kind: 'profile', profile: { Identity: 'B-new' } }])
    expect(byUser.state).toEqual({ userId: 'B-new', formerIds: ['B'] })
    const anonymous = run({ type: 'alias', userId: 'C', previousId: 'anon-1', anonymousId: 'anon-1' }, INITIAL_STATE)
    expect(anonymous.commands).toEqual([{ kind: 'profile', profile: { Identity: 'C' } }])
  })

  it('after an alias, calls by the profile\'s earlier identity are still that user\'s: no login', () => {
    const aliased = run({ type: 'alias', userId: 'A-new', previousId: 'A' }, { userId: 'A' })
    expect(aliased.state).toEqual({ userId: 'A-new', formerIds: ['A'] })
    expect(run({ type: 'track', event: 'Still A', userId: 'A' }, aliased.state).commands.map((c) => c.kind)).toEqual(['event'])
    // Another user's login starts afresh: A is no longer this profile's.
    const b = run({ type: 'identify', userId: 'B' }, aliased.state)
    expect(b.state.formerIds).toBeUndefined()
    expect(run({ type: 'track', event: 'By A', userId: 'A' }, b.state).commands[0]).toEqual({ kind: 'login', profile: { Identity: 'A' } })
  })

  it.each`
    case           | userId
    ${'blank'}     | ${'   '}
    ${'too long'}  | ${'u'.repeat(513)}
    ${'an object'} | ${{ id: 1 }}
  `('an identify whose userId is $case sends nothing, so its traits never land on the logged-in user', ({ userId }) => {
    const { commands, notes, state } = run({ type: 'identify', userId, traits: { email: 'someone@example.com' } }, { userId: 'A' })
    expect(commands).toEqual([])
    expect(state).toEqual({ userId: 'A' })
    expect(notes.join(' ')).toMatch(/userId cannot be stored/)
  })

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('the region %p is refused, not looked up on Object', (region) => {
    const { normalizeRegion } = require('../../src/bridge/translation/hosts')
    expect(normalizeRegion(region).ok).toBe(false)
  })

  it.each(['constructor', '__proto__', 'valueOf'])('a gender of %p is dropped', (gender) => {
    const { commands } = run({ type: 'identify', userId: 'u', traits: { gender } })
    expect((commands[0] as { profile: Record<string, unknown> }).profile.Gender).toBeUndefined()
  })
})

test('an event name CleverTap would change is sent changed, and the note says how', () => {
  const { translate, INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG } = require('../../src/bridge/translation/translate')
  const { commands, notes } = translate({ type: 'track', event: " Plan: 'Pro' ", properties: {} }, INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG)
  expect(commands).toEqual([{ kind: 'event', name: 'Plan_ _Pro_', properties: {} }])
  expect(notes).toEqual(['track: event name sent as "Plan_ _Pro_"'])
})
