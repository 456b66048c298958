// Real Chromium with the network edge answered locally, shared by the browser tests and the benchmarks:
// Debian's Chromium through Playwright, CleverTap's CDN script served from the installed package, CleverTap's
// API and Segment's API handed to the caller, and anything else outside the local origin aborted.
const { existsSync, readFileSync } = require('fs')
const { join } = require('path')

const { CDN_SDK_URL, CDN_SDK_URLS, API_HOST: CLEVERTAP_API } = require('./clevertap-wire.js')
const SEGMENT_API = 'https://api.segment.io/'
/**
 * The CleverTap SDK releases the edge can serve at CleverTap's CDN URLs: npm's (`clevertap-web-sdk`), and
 * the newer one CleverTap's CDN serves every script-tag site (the shared folder next to this repository
 * holds it, built from CleverTap's sources). `network.release` chooses; npm's by default.
 */
const SDK_RELEASES = {
  npm: join(__dirname, '..', 'node_modules/clevertap-web-sdk/clevertap.min.js'),
  cdn: join(__dirname, '..', '..', 'shared/vendor/clevertap-web-sdk-2.7.4/clevertap.min.js'),
}
const sdkSources = {}
function sdkSource(release = 'npm') {
  if (!SDK_RELEASES[release]) throw new Error(`no SDK release "${release}"`)
  if (!existsSync(SDK_RELEASES[release])) throw new Error(`CleverTap's CDN release is not at ${SDK_RELEASES[release]}: the shared folder must sit next to this repository`)
  return (sdkSources[release] ??= readFileSync(SDK_RELEASES[release]))
}

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
  const found = candidates.find((path) => path && existsSync(path))
  if (!found) {
    throw new Error(
      "No Chromium found. Install Debian's package (`sudo apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    )
  }
  return found
}

/** Flags that keep Chromium from reaching out on its own (this machine has no network). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

function launchChromium() {
  const { chromium } = require('playwright')
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** CleverTap's API answers the SDK's fetch requests from any page (its encryption header included). */
const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' }

/**
 * How the faked edge answers one request to an outside URL. `network` is read at each request, so a test
 * can change it between page loads:
 *   network.sdk: 'serve' (default) | 'block' | { delayMs, runAfterMs }   the CleverTap CDN script
 *     (`runAfterMs`: the script arrives at once but its code runs that much later, as a large script on a
 *     slow phone does)
 *   network.release: 'npm' (default) | 'cdn'                    which SDK release the CDN serves
 *   network.api: 'answer' (default) | 'block' | 'error' | { delayMs }   CleverTap's API
 * A request that asks for JSON (the SDK's fetch transport) gets CleverTap's JSON reply, a script request its
 * JSONP reply; a CORS preflight is allowed.
 * Handlers: `clevertap(url, json)` returns the reply and records the request; `attempt(url)` hears of every
 * API request; `segment(url, body)` records Segment's API calls; `violation(url)` hears of anything else.
 * Resolves to the response, or to null for a request that must fail as a blocked one does.
 */
async function answerOutside(url, postData, network, handlers, request = {}) {
  if (request.method === 'OPTIONS') return { status: 204, contentType: 'text/plain', body: '', headers: CORS }
  if (CDN_SDK_URLS.some((cdn) => url.startsWith(cdn))) {
    const sdk = network.sdk || 'serve'
    if (sdk === 'block') return null
    if (typeof sdk === 'object' && sdk.delayMs) await pause(sdk.delayMs)
    const source = sdkSource(network.release)
    const body = typeof sdk === 'object' && sdk.runAfterMs ? `setTimeout(function () {\n${source}\n}, ${sdk.runAfterMs})` : source
    return { status: 200, contentType: 'application/javascript', body }
  }
  if (CLEVERTAP_API.test(url)) {
    if (handlers.attempt) handlers.attempt(url)
    const api = network.api || 'answer'
    if (typeof api === 'object') await pause(api.delayMs)
    if (api === 'block') return null
    const json = /application\/json/.test(request.accept || '')
    const reply = handlers.clevertap(url, json)
    if (api === 'error') return { status: 503, contentType: 'text/plain', body: 'unavailable', headers: CORS }
    return { status: 200, contentType: json ? 'application/json' : 'application/javascript', body: reply, headers: CORS }
  }
  if (url.startsWith(SEGMENT_API)) {
    if (handlers.segment) handlers.segment(url, postData ? JSON.parse(postData) : undefined)
    return { status: 200, contentType: 'application/json', body: '{}' }
  }
  if (handlers.violation) handlers.violation(url)
  return null
}

/** Routes every request of a Playwright browser context: the local origin as it is, the rest by answerOutside. */
async function routeLocally(context, origin, network, handlers) {
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (url.startsWith(origin + '/')) return route.continue()
    const request = route.request()
    const answer = await answerOutside(url, request.postData(), network, handlers, { method: request.method(), accept: request.headers().accept })
    return answer ? route.fulfill(answer) : route.abort('blockedbyclient')
  })
}

module.exports = { CDN_SDK_URL, CHROMIUM_ARGS, SDK_RELEASES, answerOutside, chromiumPath, launchChromium, routeLocally, sdkSource }
