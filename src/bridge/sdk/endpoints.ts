/**
 * Where CleverTap lives on the network. tools/clevertap-wire.js, which answers these endpoints in the
 * tests, demo and benchmarks, names the same hosts (test/unit/endpoints.test.ts keeps the two equal).
 */

/** CleverTap's CDN copy of the web SDK: the script build's default source. */
export const DEFAULT_SDK_URL = 'https://static.clevertap.com/js/clevertap.min.js'

/** CleverTap's data API, `https://<region>.clevertap-prod.com/a?…`. */
export const API_HOST_SUFFIX = '.clevertap-prod.com'

/**
 * A data request of the SDK, to CleverTap's API or through a `targetDomain` proxy: the API's path is
 * `/a?` and every request carries the SDK's `t=96` marker first.
 */
export const API_REQUEST = new RegExp(`${API_HOST_SUFFIX.replace(/\./g, '\\.')}/a\\?|/a\\?t=96`)
