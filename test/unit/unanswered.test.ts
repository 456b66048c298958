/**
 * @jest-environment jsdom
 *
 * The warning for CleverTap's API not answering: said once, only while the SDK still holds unanswered
 * requests when the wait is over.
 */
import { watchForAnswer } from '../../src/lazy/unanswered'

beforeEach(() => {
  jest.useFakeTimers()
  localStorage.clear()
})
afterEach(() => jest.useRealTimers())

test.each`
  waiting                                     | options                                | warning
  ${{}}                                       | ${{}}                                  | ${undefined}
  ${{ 1: { q: 'x' }, 2: { q: 'y' } }}          | ${{}}                                  | ${"CleverTap's API (https://eu1.clevertap-prod.com) has not answered 2 request(s) within 5 s"}
  ${{ 3: { q: 'z' } }}                        | ${{ region: 'in1' }}                   | ${"CleverTap's API (https://in1.clevertap-prod.com) has not answered 1 request(s) within 5 s"}
  ${{ 3: { q: 'z' } }}                        | ${{ targetDomain: 'ct.example.com' }}  | ${"CleverTap's API (https://ct.example.com) has not answered 1 request(s) within 5 s"}
`('with $waiting unanswered and $options: $warning', ({ waiting, options, warning }) => {
  localStorage.setItem('WZRK_L', encodeURIComponent(JSON.stringify(waiting)))
  const warned: string[] = []
  watchForAnswer(options, { warn: (message: string) => warned.push(message), debug: () => undefined, error: () => undefined })
  jest.advanceTimersByTime(4999)
  expect(warned).toEqual([])
  jest.advanceTimersByTime(1)
  expect(warned).toEqual(warning ? [expect.stringContaining(warning)] : [])
})
