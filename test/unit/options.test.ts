import { normalizeRegion, validateScriptUrl, validateTargetDomain } from '../../src/bridge/translation/hosts'
import { resolveOptions } from '../../src/lazy/options'
import type { CleverTapPluginOptions, WorkspaceSettings } from '../../src/plugin/options'
import { eagerOptions } from '../../src/plugin/options'

const ORIGIN = 'https://shop.example.com'

describe('region', () => {
  it.each`
    input                   | expected
    ${undefined}            | ${undefined}
    ${''}                   | ${undefined}
    ${'eu1'}                | ${undefined}
    ${'none'}               | ${undefined}
    ${'in.'}                | ${'in1'}
    ${'IN1'}                | ${'in1'}
    ${' sg1. '}             | ${'sg1'}
    ${'aps3'}               | ${'aps3'}
    ${'mec1'}               | ${'mec1'}
  `('$input → $expected', ({ input, expected }) => {
    expect(normalizeRegion(input)).toEqual({ ok: true, value: expected })
  })

  it.each(['evil.com', 'in1.evil.com/x', 'a/b', '../x', 'in1?x=1', 'x'.repeat(20), 42])('rejects %p', (input) => {
    expect(normalizeRegion(input).ok).toBe(false)
    expect(normalizeRegion(input, true).ok).toBe(false)
  })

  it.each(['india', 'eu2', 'usa'])('refuses the misspelt or unknown region %p unless allowUnknownRegion says it is meant', (input) => {
    const refused = normalizeRegion(input)
    expect(refused).toEqual({ ok: false, error: expect.stringContaining('known regions: eu1, in1, sg1, us1, aps3, mec1, sk1; for a newer one set allowUnknownRegion: true') })
    expect(normalizeRegion(input, true)).toEqual({ ok: true, value: input })
  })
})

describe('targetDomain', () => {
  it.each(['ct.example.com', 'Proxy.Example.co.uk'])('accepts the hostname %p', (input) => {
    expect(validateTargetDomain(input)).toEqual({ ok: true, value: input.toLowerCase() })
  })
  it.each(['https://ct.example.com', 'ct.example.com/path', 'ct.example.com:8443', 'localhost', 'a b.com', '<script>', 'evil.com#x'])('rejects %p', (input) => {
    expect(validateTargetDomain(input).ok).toBe(false)
  })
})

describe('sdkUrl', () => {
  it.each`
    input                                                | expected
    ${'https://static.clevertap.com/js/clevertap.min.js'} | ${'https://static.clevertap.com/js/clevertap.min.js'}
    ${'/vendor/clevertap.min.js'}                        | ${'https://shop.example.com/vendor/clevertap.min.js'}
  `('accepts $input', ({ input, expected }) => {
    expect(validateScriptUrl('sdkUrl', input, ORIGIN)).toEqual({ ok: true, value: expected })
  })
  it.each(['http://cdn.example.com/ct.js', 'javascript:alert(1)', 'data:text/javascript,alert(1)'])('rejects %p', (input) => {
    expect(validateScriptUrl('sdkUrl', input, ORIGIN).ok).toBe(false)
  })
  it('takes a protocol-relative URL at the page\'s scheme: https on an https page, refused on an http page', () => {
    expect(validateScriptUrl('sdkUrl', '//cdn.example.com/ct.js', ORIGIN)).toEqual({ ok: true, value: 'https://cdn.example.com/ct.js' })
    expect(validateScriptUrl('sdkUrl', '//cdn.example.com/ct.js', 'http://shop.example.com').ok).toBe(false)
  })
  it("accepts http only on the page's own origin", () => {
    expect(validateScriptUrl('sdkUrl', 'http://localhost:8080/ct.js', 'http://localhost:8080').ok).toBe(true)
    expect(validateScriptUrl('sdkUrl', 'http://localhost:9999/ct.js', 'http://localhost:8080').ok).toBe(false)
  })
})

/** Both halves as the plugin and the engine run them, with the workspace as analytics-next delivers it. */
function resolve(options: CleverTapPluginOptions, workspace?: WorkspaceSettings) {
  const eager = eagerOptions(options, workspace)
  if (!eager) return { ok: false as const, error: 'no accountId' }
  const analytics = { settings: { cdnSettings: { integrations: workspace ? { CleverTap: workspace } : {} } }, options: {} } as any
  return resolveOptions(options, eager, analytics, ORIGIN)
}

describe('options, resolved once in two halves', () => {
  it('ignores an sdkUrl from the workspace unless the site allows it', () => {
    const workspace = { clevertap_account_id: 'ABC-123', sdkUrl: 'https://evil.example.com/x.js' }
    const ignored = resolve({}, workspace)
    expect(ignored.ok && ignored.value.sdkUrl).toBeUndefined()
    const allowed = resolve({ allowRemoteSdkUrl: true }, workspace)
    expect(allowed.ok && allowed.value.sdkUrl).toBe('https://evil.example.com/x.js')
  })

  it.each([undefined, '', '  '])('the page refuses the missing account id %p up front', (accountId) => {
    expect(eagerOptions({ accountId }, undefined)).toBeUndefined()
  })

  it.each(['has space', 'x'.repeat(65), '<id>'])('the engine refuses the account id %p, naming it', (accountId) => {
    expect(resolve({ accountId })).toEqual({ ok: false, error: expect.stringContaining(JSON.stringify(accountId)) })
  })

  it.each([1, 2.5, '3', 11])('refuses the cookie domainSpecification %p, naming it', (domainSpecification) => {
    expect(resolve({ accountId: 'ABC-123', domainSpecification: domainSpecification as any })).toEqual({ ok: false, error: expect.stringContaining('domainSpecification') })
  })

  it("passes CleverTap's init flags on only when set to true", () => {
    const result = resolve({ accountId: 'ABC-123', enableFetchApi: true, enableEncryptionInTransit: 'yes' as any, isolateSubdomain: false, domainSpecification: 3 })
    expect(result.ok && result.value.transport).toEqual({ enableFetchApi: true, domainSpecification: 3 })
  })

  it('takes code options over workspace settings', () => {
    const result = resolve({ accountId: 'CODE-1', region: 'us1' }, { clevertap_account_id: 'WS-1', region: 'in.' })
    expect(result.ok && [result.value.accountId, result.value.region]).toEqual(['CODE-1', 'us1'])
  })

  it.each`
    options                                    | field                 | expected
    ${{ loadTimeoutMs: -1 }}                   | ${'loadTimeoutMs'}    | ${10_000}
    ${{ loadTimeoutMs: 2500 }}                 | ${'loadTimeoutMs'}    | ${2500}
    ${{ maxBufferSize: 10.7 }}                 | ${'maxBufferSize'}    | ${10}
    ${{ loadOn: 'soon' }}                      | ${'loadOn'}           | ${'ready'}
    ${{ consentCategories: ['Ads', 3] }}       | ${'consentCategories'} | ${['Ads']}
    ${{ optOut: true }}                        | ${'privacy'}          | ${{ optOut: true, useIP: undefined }}
    ${{}}                                      | ${'privacy'}          | ${undefined}
    ${{ stampCleverTapId: 'yes' }}             | ${'stampCleverTapId'} | ${false}
    ${{ webPush: 'yes' }}                      | ${'webPush'}          | ${undefined}
  `('$field from $options is $expected, resolved once for both halves', ({ options, field, expected }) => {
    const result = resolve({ accountId: 'ABC-123', ...options })
    expect(result.ok && (result.value as any)[field]).toEqual(expected)
  })
})
