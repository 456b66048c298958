import LZString from 'lz-string'
import { engagementFromNativeDisplay, engagementFromRequest, engagementFromWebPush } from '../../src/bridge/translation/engagement'
import { profileOperations } from '../../src/bridge/translation/operations'

const request = (envelope: object) => `https://eu1.clevertap-prod.com/a?t=96&type=push&d=${encodeURIComponent(LZString.compressToBase64(JSON.stringify(envelope)))}`

describe('engagementFromRequest', () => {
  it.each`
    evtName                   | expected
    ${'Notification Viewed'}  | ${'Notification Viewed'}
    ${'Notification Clicked'} | ${'Notification Clicked'}
  `('$evtName → $expected with the campaign ids', ({ evtName, expected }) => {
    const url = request({ type: 'event', evtName, evtData: { wzrk_id: '1700000001_20260101', wzrk_pivot: 'a', wzrk_extra: 3, other: 'x' } })
    expect(engagementFromRequest(url, LZString.decompressFromBase64)).toEqual({
      name: expected,
      properties: { wzrk_id: '1700000001_20260101', wzrk_pivot: 'a', wzrk_extra: 3, 'Campaign Id': '1700000001', forwarded_by: 'clevertap-segment-web' },
    })
  })

  it.each`
    name                     | url
    ${'a plain event'}       | ${request({ type: 'event', evtName: 'Product Viewed', evtData: {} })}
    ${'a profile'}           | ${request({ type: 'profile', profile: { Name: 'x' } })}
    ${'no payload'}          | ${'https://eu1.clevertap-prod.com/a?t=96&type=page'}
    ${'a broken payload'}    | ${'https://eu1.clevertap-prod.com/a?t=96&d=%%%'}
    ${'not a URL'}           | ${'::'}
  `('ignores $name', ({ url }) => {
    expect(engagementFromRequest(url, LZString.decompressFromBase64)).toBeUndefined()
  })
})

describe('engagementFromNativeDisplay', () => {
  it('names the campaign', () => {
    expect(engagementFromNativeDisplay({ msgId: '1700000002_20260101', pivotId: 'default', kv: {} })).toEqual({
      name: 'CleverTap Native Display Received',
      properties: { wzrk_id: '1700000002_20260101', wzrk_pivot: 'default', 'Campaign Id': '1700000002', forwarded_by: 'clevertap-segment-web' },
    })
  })
  it.each([undefined, null, {}, { msgId: {} }])('ignores %p', (detail) => {
    expect(engagementFromNativeDisplay(detail)).toBeUndefined()
  })
})

describe('engagementFromWebPush', () => {
  it.each`
    outcome         | name
    ${'granted'}    | ${'CleverTap Web Push Permission Granted'}
    ${'denied'}     | ${'CleverTap Web Push Permission Denied'}
    ${'subscribed'} | ${'CleverTap Web Push Subscribed'}
  `('$outcome → $name, marked as the browser\'s copy', ({ outcome, name }) => {
    expect(engagementFromWebPush(outcome)).toEqual({ name, properties: { forwarded_by: 'clevertap-segment-web' } })
  })
})

describe('profileOperations', () => {
  it('checks every operation and says what it dropped', () => {
    const notes: string[] = []
    const ops = profileOperations(
      {
        CleverTap: {
          increment: { 'a.b': 2, bad: -1, zero: 0, text: '3' },
          addValues: { tags: ['x', 1, { no: 1 }, null] },
          setValues: { one: 'single' },
          removeValues: 'not an object',
          remove: ['old', 42],
        },
      },
      notes,
    )
    expect(ops).toEqual([
      { kind: 'increment', key: 'a_b', by: 2 },
      { kind: 'addValues', key: 'tags', values: ['x', 1] },
      { kind: 'setValues', key: 'one', values: ['single'] },
      { kind: 'removeKey', key: 'old' },
    ])
    expect(notes).toHaveLength(6)
  })

  it.each([undefined, {}, { CleverTap: true }, { Other: { increment: { a: 1 } } }])('finds none in %p', (integrations) => {
    expect(profileOperations(integrations, [])).toEqual([])
  })
})
