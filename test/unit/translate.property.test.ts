/**
 * Property test: arbitrary Segment events never make the translation throw, and every command it emits
 * satisfies CleverTap's constraints.
 */
import fc from 'fast-check'
import type { CleverTapCommand, PropertyValue } from '../../src/bridge/translation/commands'
import { DEFAULT_TRANSLATE_CONFIG, INITIAL_STATE, translate } from '../../src/bridge/translation/translate'
import type { TranslateConfig, TranslateState } from '../../src/bridge/translation/translate'

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000)
const BAD_KEY = /[.:$'"\\]/

const key = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'a.b', ' pad ', '$x', 'Gender', 'Phone', 'DOB', 'Married', 'Education', 'Name', 'Age', 'k'.repeat(130)),
)
const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 500, maxLength: 700 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
  fc.bigInt(),
  fc.constantFrom('2024-01-02T03:04:05Z', '1990-05-17', '+1 415 555 1234', 'MALE', 'x'),
)
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 5 })),
})).value
const props = fc.dictionary(key, value, { maxKeys: 12 })

const event = fc.oneof(
  fc.record({ type: fc.constant('track'), event: fc.oneof(fc.string(), fc.constantFrom('Order Completed', 'Stayed', 'a.b'), value), properties: fc.oneof(props, value) }),
  fc.record({
    type: fc.constant('track'),
    event: fc.constant('Order Completed'),
    properties: fc.record({ order_id: value, total: value, products: fc.oneof(fc.array(props, { maxLength: 60 }), value) }, { requiredKeys: [] }),
  }),
  fc.record({ type: fc.constant('identify'), userId: fc.oneof(fc.string(), value), traits: fc.oneof(props, value) }),
  fc.record({
    type: fc.constant('identify'),
    userId: fc.string(),
    traits: fc.record({ phone: value, gender: value, birthday: value, age: value, email: value, name: value, 'MSG-email': value }, { requiredKeys: [] }),
  }),
  fc.record({ type: fc.constantFrom('page', 'screen'), name: value, properties: fc.oneof(props, value) }),
  fc.record({ type: fc.constant('group'), groupId: value, traits: fc.oneof(props, value) }),
  fc.record({ type: fc.constant('alias'), userId: value, previousId: value }),
  fc.record({ type: fc.string(), properties: props }),
)

const config = fc.record({
  nested: fc.constantFrom('flatten', 'stringify', 'drop', 'keep'),
  convertDateStrings: fc.boolean(),
  defaultCountryCode: fc.constantFrom(undefined, '+1', '44'),
  pageEvent: fc.constantFrom(undefined, 'Web Page Viewed'),
})

function checkValue(value: PropertyValue, path: string, allowNested: boolean, depth = 1): void {
  if (Array.isArray(value)) {
    expect(value.length).toBeLessThanOrEqual(100)
    for (const item of value) checkScalar(item, path)
  } else if (typeof value === 'object' && !(value instanceof Date)) {
    if (!allowNested) throw new Error(`${path}: nested value`)
    checkProperties(value, path, allowNested, depth + 1)
  } else {
    checkScalar(value, path)
  }
}

function checkScalar(value: unknown, path: string): void {
  if (typeof value === 'string') {
    expect(value.length).toBeLessThanOrEqual(512)
    // What the SDK would strip is replaced, except in ids and emails, which must stay what they are.
    if (!/\.(Identity|Email|Photo|Group ID|Charged ID)$/.test(path)) expect(value).not.toMatch(/['"\\]/)
  }
  else if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true)
  else if (value instanceof Date) expect(Number.isFinite(value.getTime())).toBe(true)
  else if (typeof value !== 'boolean') throw new Error(`${path}: ${typeof value} is not a CleverTap scalar`)
}

function checkProperties(properties: Record<string, PropertyValue>, path: string, allowNested: boolean, depth = 1): void {
  // The SDK's structure check: at most 5 lists or objects side by side, at most 3 levels, 100 keys.
  expect(Object.values(properties).filter((v) => typeof v === 'object' && !(v instanceof Date)).length).toBeLessThanOrEqual(5)
  expect(depth).toBeLessThanOrEqual(3)
  expect(Object.keys(properties).length).toBeLessThanOrEqual(100)
  for (const [k, v] of Object.entries(properties)) {
    expect(k).not.toMatch(BAD_KEY)
    expect(k.length).toBeGreaterThan(0)
    expect(k.length).toBeLessThanOrEqual(120)
    expect(k).toBe(k.trim())
    checkValue(v, `${path}.${k}`, allowNested, depth)
  }
}

function checkProfile(profile: Record<string, PropertyValue>, allowNested: boolean): void {
  checkProperties(profile, 'profile', allowNested)
  if ('Gender' in profile) expect(['M', 'F', 'O', 'U']).toContain(profile.Gender)
  if ('Phone' in profile) expect(profile.Phone).toMatch(/^\+\d{8,15}$/)
  if ('DOB' in profile) expect(profile.DOB).toBeInstanceOf(Date)
  if ('Age' in profile) expect(typeof profile.Age).toBe('number')
  for (const flag of ['Married', 'Employed']) if (flag in profile) expect(['Y', 'N']).toContain(profile[flag])
  if ('Education' in profile) expect(['School', 'College', 'Graduate']).toContain(profile.Education)
  for (const reserved of ['Identity', 'Name', 'Email', 'Photo']) if (reserved in profile) expect(['string', 'number', 'boolean']).toContain(typeof profile[reserved])
}

function checkCommand(command: CleverTapCommand, nested: string): void {
  const allowNested = nested === 'keep'
  switch (command.kind) {
    case 'login':
      expect(typeof command.profile.Identity).toBe('string')
      checkProfile(command.profile, allowNested)
      break
    case 'profile':
      expect(Object.keys(command.profile).length).toBeGreaterThan(0)
      checkProfile(command.profile, allowNested)
      break
    case 'event':
      expect(command.name.length).toBeGreaterThan(0)
      expect(command.name).not.toMatch(BAD_KEY)
      expect(['Stayed', 'UTM Visited', 'App Launched', 'Notification Sent', 'Notification Viewed', 'Notification Clicked', 'Charged']).not.toContain(command.name)
      checkProperties(command.properties, 'event', allowNested)
      break
    case 'charged':
      checkProperties(command.properties, 'charged', false)
      for (const v of Object.values(command.properties)) expect(Array.isArray(v)).toBe(false)
      expect(command.items.length).toBeLessThanOrEqual(50)
      for (const item of command.items) {
        checkProperties(item, 'item', false)
        for (const v of Object.values(item)) expect(Array.isArray(v)).toBe(false)
      }
      break
    default:
      break
  }
}

test(`${RUNS} arbitrary events translate without throwing into valid CleverTap commands`, () => {
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).length
  let commandsSeen = 0
  fc.assert(
    fc.property(fc.array(event, { minLength: 1, maxLength: 4 }), config, (events, cfg) => {
      const full: TranslateConfig = { ...DEFAULT_TRANSLATE_CONFIG, ...cfg } as TranslateConfig
      let state: TranslateState = INITIAL_STATE
      for (const e of events) {
        const result = translate(e as any, state, full)
        state = result.state
        for (const command of result.commands) {
          checkCommand(command, full.nested)
          commandsSeen++
        }
      }
    }),
    { numRuns: RUNS },
  )
  expect(Object.getOwnPropertyNames(Object.prototype)).toHaveLength(prototypeKeys)
  expect(commandsSeen).toBeGreaterThan(RUNS / 2)
})
