/**
 * @jest-environment jsdom
 *
 * The requests the SDK kept from earlier pages, readied at a page load: sent marks removed, and without a
 * CleverTap ID renumbered above the page's own numbers (URL included) unless a login is among them; a
 * stale hold released unless a login is kept.
 */
import { EARLIER_REQUESTS_FROM, readyEarlierRequests, releaseStaleHold } from '../../src/bridge/sdk/backlog'

const put = (key: string, value: unknown) => localStorage.setItem(key, encodeURIComponent(JSON.stringify(value)))
const read = (key: string) => JSON.parse(decodeURIComponent(localStorage.getItem(key) ?? 'null'))
const q = (n: number, type = 'page') => `https://eu1.clevertap-prod.com/a?t=96&type=${type}&d=xyz&rn=${n}&i=1796600000&sn=0`

beforeEach(() => localStorage.clear())

test('without a CleverTap ID, kept requests move above the page\'s numbers, in order, their URL naming the new number, unsent again', () => {
  put('WZRK_L', { 1: { q: q(1) }, 2: { q: q(2, 'push'), fired: true }, 5: { q: q(5, 'push') } })
  const moved = [1, 2, 5].map((n) => String(EARLIER_REQUESTS_FROM + n))
  expect(readyEarlierRequests()).toEqual({ numbers: moved, renumbered: 3 })
  const kept = read('WZRK_L')
  expect(Object.keys(kept)).toEqual(moved)
  expect(moved.map((key) => kept[key].q)).toEqual([q(EARLIER_REQUESTS_FROM + 1), q(EARLIER_REQUESTS_FROM + 2, 'push'), q(EARLIER_REQUESTS_FROM + 5, 'push')])
  expect(moved.map((key) => 'fired' in kept[key])).toEqual([false, false, false])
  // A later page finds them where they are: nothing moves twice.
  expect(readyEarlierRequests()).toEqual({ numbers: moved, renumbered: 0 })
  expect(Object.keys(read('WZRK_L'))).toEqual(moved)
})

test('with a CleverTap ID the numbers stay; a request marked sent on an earlier page is unmarked, so the SDK sends it again', () => {
  put('WZRK_G', '0a0b0c')
  put('WZRK_L', { 3: { q: q(3, 'push'), fired: true } })
  expect(readyEarlierRequests()).toEqual({ numbers: ['3'], renumbered: 0 })
  expect(read('WZRK_L')).toEqual({ 3: { q: q(3, 'push') } })
})

test('a kept login keeps every number: the SDK sends it first and takes its answer only under a low number', () => {
  put('WZRK_L', { 1: { q: q(1) }, 2: { q: q(2, 'push'), fired: true } })
  put('WZRK_META', { OUL_REQUESTS: [2] })
  expect(readyEarlierRequests()).toEqual({ numbers: ['1', '2'], renumbered: 0 })
  expect(read('WZRK_L')).toEqual({ 1: { q: q(1) }, 2: { q: q(2, 'push') } })
})

test('nothing kept, or unreadable: nothing changes', () => {
  const none = { numbers: [], renumbered: 0 }
  expect(readyEarlierRequests()).toEqual(none)
  expect(localStorage.getItem('WZRK_L')).toBeNull()
  localStorage.setItem('WZRK_L', '%E0%A4%A')
  expect(readyEarlierRequests()).toEqual(none)
  expect(localStorage.getItem('WZRK_L')).toBe('%E0%A4%A')
})

test('a stale hold is released without an ID, unless a login is kept', () => {
  put('WZRK_BLOCK', true)
  put('WZRK_L', { 1: { q: q(1) } })
  put('WZRK_META', { OUL_REQUESTS: [1] })
  expect(releaseStaleHold()).toBe(false)
  put('WZRK_META', {})
  expect(releaseStaleHold()).toBe(true)
  expect(localStorage.getItem('WZRK_BLOCK')).toBeNull()
  put('WZRK_BLOCK', true)
  put('WZRK_G', '0a0b0c')
  expect(releaseStaleHold()).toBe(false)
})
