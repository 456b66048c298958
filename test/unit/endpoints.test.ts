/** The runtime and the local stand-ins for CleverTap's network (tests, demo, benchmarks) name the same endpoints. */
import * as wire from '../../tools/clevertap-wire.js'
import { API_HOST_SUFFIX, API_REQUEST, DEFAULT_SDK_URL } from '../../src/bridge/sdk/endpoints'

test('the CDN script URL is the same on both sides', () => {
  expect(wire.CDN_SDK_URL).toBe(DEFAULT_SDK_URL)
})

test.each(['eu1', 'in1', 'us1', 'sg1', 'aps3', 'mec1'])('a %s data request is CleverTap data on both sides', (region) => {
  const url = `https://${region}${API_HOST_SUFFIX}/a?t=96&type=push&d=x`
  expect(wire.API_URL.test(url)).toBe(true)
  expect(API_REQUEST.test(url)).toBe(true)
})

test('other hosts are not', () => {
  for (const url of ['https://static.clevertap.com/js/clevertap.min.js', 'https://api.segment.io/v1/t', 'https://clevertap-prod.com.evil.test/a?x']) {
    expect(wire.API_URL.test(url)).toBe(false)
  }
})
