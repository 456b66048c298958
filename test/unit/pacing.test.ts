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

test('held past its time, the oldest plain items go, and only those; before that, nothing goes; what is left runs in order', () => {
  jest.useFakeTimers()
  try {
    const ran: string[] = []
    let answered = false
    let overflows = 0
    let clock = 0
    const bound = (capacity: number) => ({ capacity, afterMs: 10_000, plain: (item: string) => item.startsWith('event'), overflow: () => overflows++ })
    const run = (item: string) => answered && (ran.push(item), true)
    const pacer = createPacer<string>(run, bound(4), () => clock)
    pacer.push(['login-1', 'event-1', 'event-2', 'clear', 'event-3', 'login-2', 'event-4'])
    // Held, but not for long: a burst waiting for an answer keeps every item.
    clock = 9_999
    jest.advanceTimersByTime(100)
    expect(overflows).toBe(0)
    clock = 10_000
    pacer.push(['event-5'])
    expect(overflows).toBe(1)
    answered = true
    jest.advanceTimersByTime(100)
    expect(ran).toEqual(['login-1', 'clear', 'login-2', 'event-5'])
    // Beyond the bound with nothing plain left: the logins and clears all stay.
    ran.length = 0
    answered = false
    clock = 0
    const tight = createPacer<string>(run, bound(1), () => clock)
    tight.push(['login-1', 'event-1', 'clear', 'login-2'])
    clock = 20_000
    jest.advanceTimersByTime(100)
    answered = true
    jest.advanceTimersByTime(100)
    expect(ran).toEqual(['login-1', 'clear', 'login-2'])
    pacer.stop()
    tight.stop()
  } finally {
    jest.useRealTimers()
  }
})
