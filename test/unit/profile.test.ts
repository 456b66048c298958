import { normalizeAge, normalizeGender, normalizePhone, normalizeReservedTrait, parseBirthday } from '../../src/bridge/translation/profile'

describe('normalizePhone', () => {
  it.each`
    input                     | country      | expected
    ${'+1 (415) 555-1234'}    | ${undefined} | ${'+14155551234'}
    ${'+44 20 7946 0958'}     | ${undefined} | ${'+442079460958'}
    ${'0044 20 7946 0958'}    | ${undefined} | ${'+442079460958'}
    ${'415.555.1234'}         | ${'+1'}      | ${'+14155551234'}
    ${'020 7946 0958'}        | ${'44'}      | ${'+442079460958'}
    ${'415-555-1234'}         | ${undefined} | ${undefined}
    ${'+1 555'}               | ${undefined} | ${undefined}
    ${'+1 415 555 1234 ext 9'}| ${undefined} | ${undefined}
    ${4155551234}             | ${'+1'}      | ${'+14155551234'}
    ${{ number: 1 }}          | ${'+1'}      | ${undefined}
    ${'4155551234'}           | ${'abc'}     | ${undefined}
  `('$input with country $country → $expected', ({ input, country, expected }) => {
    const notes: string[] = []
    expect(normalizePhone(input, country, notes)).toBe(expected)
    expect(notes.length > 0).toBe(expected === undefined)
  })
})

describe('normalizeGender', () => {
  it.each`
    input           | expected
    ${'MALE'}       | ${'M'}
    ${' man '}      | ${'M'}
    ${'f'}          | ${'F'}
    ${'Woman'}      | ${'F'}
    ${'other'}      | ${'O'}
    ${'Non-Binary'} | ${'O'}
    ${'unknown'}    | ${'U'}
    ${'U'}          | ${'U'}
    ${'robot'}      | ${undefined}
    ${1}            | ${undefined}
    ${true}         | ${undefined}
  `('$input → $expected', ({ input, expected }) => {
    expect(normalizeGender(input, [])).toBe(expected)
  })
})

describe('parseBirthday', () => {
  it.each`
    input                          | expected
    ${'1990-05-17'}                | ${Date.UTC(1990, 4, 17, 12)}
    ${'1990-05-17T08:30:00Z'}      | ${Date.UTC(1990, 4, 17, 8, 30)}
    ${'1990-05-17T08:30:00+02:00'} | ${Date.UTC(1990, 4, 17, 6, 30)}
    ${Date.UTC(1990, 4, 17)}       | ${Date.UTC(1990, 4, 17)}
    ${new Date(Date.UTC(2000, 0, 1))} | ${Date.UTC(2000, 0, 1)}
    ${'1990-02-30'}                | ${undefined}
    ${'17/05/1990'}                | ${undefined}
    ${'yesterday'}                 | ${undefined}
    ${new Date(NaN)}               | ${undefined}
    ${true}                        | ${undefined}
  `('$input → $expected', ({ input, expected }) => {
    const date = parseBirthday(input, [])
    expect(date?.getTime()).toBe(expected)
    if (date) expect(date).toBeInstanceOf(Date)
  })
})

describe('normalizeAge', () => {
  it.each`
    input    | expected
    ${34}    | ${34}
    ${'34'}  | ${34}
    ${'old'} | ${undefined}
    ${-1}    | ${undefined}
    ${''}    | ${undefined}
  `('$input → $expected', ({ input, expected }) => {
    expect(normalizeAge(input, [])).toBe(expected)
  })
})

describe('traits named like reserved CleverTap keys pass the SDK checks', () => {
  it.each`
    key            | input         | expected
    ${'Married'}   | ${true}       | ${'Y'}
    ${'Employed'}  | ${'no'}       | ${'N'}
    ${'Married'}   | ${'maybe'}    | ${undefined}
    ${'Education'} | ${'college'}  | ${'College'}
    ${'Education'} | ${'PhD'}      | ${undefined}
    ${'Gender'}    | ${'FEMALE'}   | ${'F'}
    ${'Name'}      | ${['a']}      | ${undefined}
    ${'Identity'}  | ${42}         | ${42}
  `('$key: $input → $expected', ({ key, input, expected }) => {
    expect(normalizeReservedTrait(key, input, undefined, [])).toEqual(expected)
  })
})
