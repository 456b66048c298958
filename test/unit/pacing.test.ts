/**
 * @jest-environment jsdom
 *
 * The pacer: items run in order, in slices; one that asks to wait holds those after it; one that asks to
 * go behind a later item lets that item run first.
 */
import { createPacer } from '../../src/lazy/pacing'

test('in order; a wait holds what follows; going behind lets the named later item run first', () => {
  jest.useFakeTimers()
  try {
    const ran: string[] = []
    let ready = false
    const pacer = createPacer<string>((item, _leaving, later) => {
      if (item === 'consent' && later().includes('event')) return { behind: later().indexOf('event') }
      if (item === 'login-answer' && !ready) return false
      ran.push(item)
      return true
    })
    pacer.push(['a', 'consent', 'clear-noise', 'event', 'b'])
    expect(ran).toEqual(['a', 'clear-noise', 'event', 'consent', 'b'])
    pacer.push(['login-answer', 'c'])
    expect(ran.slice(5)).toEqual([])
    ready = true
    jest.advanceTimersByTime(100)
    expect(ran.slice(5)).toEqual(['login-answer', 'c'])
    pacer.stop()
  } finally {
    jest.useRealTimers()
  }
})

test('the bound drops the oldest plain items only; what is left runs in order once it may', () => {
  jest.useFakeTimers()
  try {
    const ran: string[] = []
    let answered = false
    const pacer = createPacer<string>((item) => answered && (ran.push(item), true))
    const plain = (item: string) => item.startsWith('event')
    pacer.push(['login-1', 'event-1', 'event-2', 'clear', 'event-3', 'login-2', 'event-4'])
    expect(pacer.bound(4, plain)).toBe(3)
    // Only logins and clears left beyond the bound: they stay.
    expect(pacer.bound(1, plain)).toBe(1)
    answered = true
    jest.advanceTimersByTime(100)
    expect(ran).toEqual(['login-1', 'clear', 'login-2'])
    pacer.stop()
  } finally {
    jest.useRealTimers()
  }
})
