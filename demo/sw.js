/* The demo's embedded CleverTap and Segment: with no account and no network, this service worker
 * answers CleverTap's API the way CleverTap's server does (a JSONP call handing the SDK its CleverTap ID),
 * serves CleverTap's CDN script from the installed npm package, and accepts Segment's API calls. */
importScripts('/vendor/lz-string/lz-string.min.js', '/tools/clevertap-wire.js')

const CLEVERTAP_API = CleverTapWire.API_URL
const CLEVERTAP_CDN = CleverTapWire.CDN_SDK_URL
const SEGMENT_API = 'https://api.segment.io/'

function newGuid() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

const server = CleverTapWire.createServer(LZString, newGuid)

self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

self.addEventListener('fetch', (event) => {
  const url = event.request.url
  if (CLEVERTAP_API.test(url)) {
    const received = server.receive(url)
    const body = received ? server.script(received.args) : ''
    event.respondWith(new Response(body, { headers: { 'content-type': 'application/javascript' } }))
  } else if (url.startsWith(CLEVERTAP_CDN)) {
    event.respondWith(fetch('/vendor/clevertap/clevertap.min.js'))
  } else if (url.startsWith(SEGMENT_API)) {
    event.respondWith(new Response('{}', { headers: { 'content-type': 'application/json' } }))
  }
})
