/**
 * @jest-environment jsdom
 *
 * Waiting for CleverTap's answers: a command after an unanswered login waits, a clear waits for every
 * answer, no wait is longer than ANSWER_WAIT_MS, and an answer that never comes costs that once.
 */
import { ANSWER_WAIT_MS, answerWait } from '../../src/lazy/answers'

const event = { kind: 'event', name: 'Clicked', properties: {} } as const
const clear = { kind: 'clear' } as const
const unanswered = (requests: Record<string, unknown>) => localStorage.setItem('WZRK_L', encodeURIComponent(JSON.stringify(requests)))
const win = window as unknown as { isOULInProgress?: boolean }

let time = 0
beforeEach(() => {
  time = 0
  localStorage.clear()
  delete win.isOULInProgress
})

test('nothing outstanding: nothing waits', () => {
  const mustWait = answerWait(() => time)
  expect([mustWait(event, false), mustWait(clear, false)]).toEqual([false, false])
})

test('a login in flight holds what follows until it is answered, and not when the page is left', () => {
  const mustWait = answerWait(() => time)
  win.isOULInProgress = true
  expect(mustWait(event, false)).toBe(true)
  expect(mustWait(event, true)).toBe(false)
  time = 300
  expect(mustWait(event, false)).toBe(true)
  win.isOULInProgress = false
  expect(mustWait(event, false)).toBe(false)
})

test('a clear waits for every unanswered request; an event does not', () => {
  const mustWait = answerWait(() => time)
  unanswered({ 7: { q: 'page view' } })
  expect(mustWait(event, false)).toBe(false)
  expect(mustWait(clear, false)).toBe(true)
  localStorage.removeItem('WZRK_L')
  expect(mustWait(clear, false)).toBe(false)
})

test('an answer that never comes costs ANSWER_WAIT_MS once, until it is seen to end', () => {
  const mustWait = answerWait(() => time)
  win.isOULInProgress = true
  expect(mustWait(event, false)).toBe(true)
  time = ANSWER_WAIT_MS
  expect(mustWait(event, false)).toBe(false)
  // Still in flight: the commands after it no longer wait for it.
  time += 100
  expect(mustWait(event, false)).toBe(false)
  // It ended; the next login in flight is waited for again.
  win.isOULInProgress = false
  expect(mustWait(event, false)).toBe(false)
  win.isOULInProgress = true
  expect(mustWait(event, false)).toBe(true)
})

test('right after a login, the next command waits for every answer: the SDK may not show the login in flight yet', () => {
  const mustWait = answerWait(() => time)
  const login = { kind: 'login', profile: { Identity: 'u1' } } as const
  expect(mustWait(login, false)).toBe(false)
  // The SDK holds the login back behind its first request, unanswered: not yet in flight.
  unanswered({ 1: { q: 'page view' }, 2: { q: 'login' } })
  expect(mustWait(event, false)).toBe(true)
  localStorage.removeItem('WZRK_L')
  expect(mustWait(event, false)).toBe(false)
  // Only the command right after the login waits so.
  unanswered({ 3: { q: 'event' } })
  expect(mustWait(event, false)).toBe(false)
})
