/** The store that carries unsent calls to the next page: once, for the same identity, fresh, bounded, dates intact. */
import { CARRY_MAX_AGE_MS, CARRY_MAX_CALLS, pageBatch } from '../../src/plugin/carried-calls'
import type { Identity } from '../../src/plugin/carried-calls'
import { takeCarried } from '../../src/lazy/carried-calls'

const me = { anonymousId: 'anon-1', userId: 'user-1' }
const take = (scope = 'acct:key', identity: Identity = me, dropped: string[] = [], now?: () => number) => takeCarried(scope, identity, (why) => dropped.push(why), now)

beforeEach(() => localStorage.clear())

test('a later page takes what an earlier one saved, once, dates intact, contexts left behind', async () => {
  const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 5))
  pageBatch('acct:key').save([{ event: { type: 'track', event: 'A', properties: { when, nested: { $date: 'text' } } }, ctx: { huge: true } as any }], me, me)
  const dropped: string[] = []
  const calls = (await take('acct:key', me, dropped)) as any[]
  expect(calls).toEqual([{ event: { type: 'track', event: 'A', properties: { when, nested: { $date: 'text' } } } }])
  expect(calls[0].event.properties.when).toBeInstanceOf(Date)
  expect(await take()).toEqual([])
  expect(dropped).toEqual([])
})

test.each`
  case                          | identity                                        | age
  ${'another Segment identity'} | ${{ anonymousId: 'anon-2', userId: undefined }} | ${0}
  ${'too old'}                  | ${me}                                           | ${CARRY_MAX_AGE_MS + 1}
`('a batch of $case is dropped with a reason', async ({ identity, age }) => {
  let now = 1_000_000
  pageBatch('acct:key', () => now).save([{ event: { type: 'track', event: 'A' } }], me, me)
  now += age
  const dropped: string[] = []
  expect(await take('acct:key', identity, dropped, () => now)).toEqual([])
  expect(dropped).toHaveLength(1)
  expect(Object.keys(localStorage)).toEqual([])
})

test('scopes do not mix, batches come oldest first, and the newest calls are kept within the bound', async () => {
  let now = 1_000_000
  pageBatch('acct:key', () => now).save(Array.from({ length: CARRY_MAX_CALLS + 5 }, (_, i) => ({ event: { type: 'track', event: `E${i}` } })), me, me)
  now += 1000
  pageBatch('acct:key', () => now).save([{ event: { type: 'track', event: 'Later page' } }], me, me)
  expect(await take('other:key', me, [], () => now)).toEqual([])
  const calls = (await take('acct:key', me, [], () => now)) as any[]
  expect(calls).toHaveLength(CARRY_MAX_CALLS + 1)
  expect([calls[0].event.event, calls[CARRY_MAX_CALLS].event.event]).toEqual(['E5', 'Later page'])
})

test('a page shown again takes its batch back, unless a later page has taken it', async () => {
  const page = pageBatch('acct:key')
  page.save([{ event: { type: 'track', event: 'A' } }], me, me)
  expect(page.reclaim()).toBe(true)
  expect(await take()).toEqual([])
  page.save([{ event: { type: 'track', event: 'B' } }], me, me)
  expect(await take()).toHaveLength(1)
  expect(page.reclaim()).toBe(false)
})

test('a batch another tab has claimed is left to that tab, even while this tab still sees it in storage', async () => {
  // Web Locks as the browser keeps them across tabs: a name held elsewhere is not available.
  const heldElsewhere = new Set<string>()
  const held = new Set<string>()
  const locks = {
    request(name: string, _options: { ifAvailable: boolean }, callback: (lock: unknown) => unknown) {
      const lock = heldElsewhere.has(name) || held.has(name) ? null : { name }
      if (lock) held.add(name)
      return Promise.resolve(callback(lock))
    },
  }
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true })
  try {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] })
    pageBatch('acct:key').save([{ event: { type: 'track', event: 'Taken elsewhere' } }], me, me)
    heldElsewhere.add(Object.keys(localStorage)[0])
    expect(await take()).toEqual([])
    expect(Object.keys(localStorage)).toHaveLength(1)
    heldElsewhere.clear()
    expect(await take()).toHaveLength(1)
    expect(Object.keys(localStorage)).toHaveLength(0)
  } finally {
    jest.useRealTimers()
    delete (navigator as any).locks
  }
})

test('a page that carried a reset without taking the batch before it chains them: the earlier calls come first, then the reset; a batch saved later under the old identity is not taken', async () => {
  let now = 1_000_000
  const before = { anonymousId: 'anon-1', userId: undefined }
  const after = { anonymousId: 'anon-2', userId: undefined }
  // Page 1: calls made before CleverTap could start. Page 2 (no consent stated, CleverTap not started): a reset.
  pageBatch('acct:key', () => now).save([{ event: { type: 'track', event: 'Before The Reset' } }], before, before)
  now += 1000
  pageBatch('acct:key', () => now).save([{ reset: 'anon-1' }], after, before)
  // Another tab, still on the old identity, left later: not this page's.
  now += 1000
  pageBatch('acct:key', () => now).save([{ event: { type: 'track', event: 'Other Tab' } }], before, before)
  const dropped: string[] = []
  const calls = (await take('acct:key', after, dropped, () => now)) as any[]
  expect(calls).toEqual([{ event: { type: 'track', event: 'Before The Reset' } }, { reset: 'anon-1' }])
  expect(dropped).toEqual(['1 calls left by an earlier page belong to another Segment identity'])
})
