/**
 * @jest-environment jsdom
 *
 * Waiting for CleverTap's answers: a command after an unanswered login waits, a clear waits for every
 * answer, no wait is longer than ANSWER_WAIT_MS, and an answer that never comes costs that once; until
 * the device has a CleverTap ID, nothing but a change of consent goes while its request is unanswered.
 */
import { ANSWER_WAIT_MS, answerWait, privacyBehind } from '../../src/lazy/answers'

const event = { kind: 'event', name: 'Clicked', properties: {} } as const
const clear = { kind: 'clear' } as const
const unanswered = (requests: Record<string, unknown>) => localStorage.setItem('WZRK_L', encodeURIComponent(JSON.stringify(requests)))
const win = window as unknown as { isOULInProgress?: boolean }
const deviceId = (id: string) => localStorage.setItem('WZRK_G', encodeURIComponent(JSON.stringify(id)))

let time = 0
beforeEach(() => {
  time = 0
  localStorage.clear()
  delete win.isOULInProgress
  // A device CleverTap knows, unless a test says otherwise.
  deviceId('0a1b2c')
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

test('until the device has a CleverTap ID, nothing but a change of consent goes while a request is unanswered, however long', () => {
  const mustWait = answerWait(() => time)
  localStorage.removeItem('WZRK_G')
  // Nothing sent yet: the first command goes, and its request brings the ID.
  expect(mustWait(event, false)).toBe(false)
  unanswered({ 1: { q: 'page view' } })
  expect(mustWait(event, false)).toBe(true)
  time = ANSWER_WAIT_MS * 10
  expect(mustWait(event, false)).toBe(true)
  expect(mustWait({ kind: 'login', profile: { Identity: 'u1' } }, false)).toBe(true)
  expect(mustWait({ kind: 'privacy', optOut: true }, false)).toBe(false)
  // The page being left: nothing waits.
  expect(mustWait(event, true)).toBe(false)
  // The answer: the ID is known and the request no longer waits.
  deviceId('0d0e0f')
  localStorage.removeItem('WZRK_L')
  expect(mustWait(event, false)).toBe(false)
})

test('the requests the page found unanswered as it started go first: commands wait for their answers, at most ANSWER_WAIT_MS once', () => {
  unanswered({ 3: { q: 'login kept from the last page' }, 4: { q: 'event' } })
  const mustWait = answerWait(() => time, ['3', '4'])
  expect(mustWait(event, false)).toBe(true)
  expect(mustWait({ kind: 'privacy', optOut: true }, false)).toBe(false)
  unanswered({ 4: { q: 'event' }, 9: { q: 'this page' } })
  expect(mustWait(event, false)).toBe(true)
  unanswered({ 9: { q: 'this page' } })
  expect(mustWait(event, false)).toBe(false)
  // Never answered: the wait ends once, and is not begun again.
  const patient = answerWait(() => time, ['4'])
  unanswered({ 4: { q: 'event' } })
  expect(patient(event, false)).toBe(true)
  time = ANSWER_WAIT_MS
  expect(patient(event, false)).toBe(false)
  time += 10
  expect(patient(event, false)).toBe(false)
})

test('a change of consent right after a clear goes behind the next command that records something; otherwise now', () => {
  const optIn = { kind: 'privacy', optOut: false } as const
  const later = [{ kind: 'privacy', optOut: true } as const, event]
  // Cleared, no ID yet: behind the event, which carries the clear.
  localStorage.removeItem('WZRK_G')
  localStorage.setItem('WZRK_META', encodeURIComponent(JSON.stringify({ clear: true })))
  expect(privacyBehind(optIn, () => later)).toBe(1)
  expect(privacyBehind(optIn, () => [])).toBeUndefined()
  expect(privacyBehind(event, () => later)).toBeUndefined()
  // No clear pending, or an ID known: now.
  localStorage.removeItem('WZRK_META')
  expect(privacyBehind(optIn, () => later)).toBeUndefined()
})
