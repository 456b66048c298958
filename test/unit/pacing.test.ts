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

test('past its bound, the oldest plain items go, and only those; what is left runs in order once it may', () => {
  jest.useFakeTimers()
  try {
    const ran: string[] = []
    let answered = false
    let overflows = 0
    const bound = (capacity: number) => ({ capacity, plain: (item: string) => item.startsWith('event'), overflow: () => overflows++ })
    const pacer = createPacer<string>((item) => answered && (ran.push(item), true), bound(4))
    pacer.push(['login-1', 'event-1', 'event-2', 'clear', 'event-3', 'login-2', 'event-4'])
    pacer.push(['event-5'])
    expect(overflows).toBe(1)
    answered = true
    jest.advanceTimersByTime(100)
    expect(ran).toEqual(['login-1', 'clear', 'login-2', 'event-5'])
    // Beyond the bound with nothing plain left: the logins and clears all stay.
    ran.length = 0
    answered = false
    const tight = createPacer<string>((item) => answered && (ran.push(item), true), bound(1))
    tight.push(['login-1', 'event-1', 'clear', 'login-2'])
    answered = true
    jest.advanceTimersByTime(100)
    expect(ran).toEqual(['login-1', 'clear', 'login-2'])
    pacer.stop()
    tight.stop()
  } finally {
    jest.useRealTimers()
  }
})
