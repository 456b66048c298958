/* The demo's embedded CleverTap and Segment: with no account and no network, this service worker
 * answers CleverTap's API the way CleverTap's server does (a JSONP call handing the SDK its CleverTap ID),
 * serves CleverTap's CDN script from the installed npm package, and accepts Segment's API calls. */
importScripts('/vendor/lz-string/lz-string.min.js')

const CLEVERTAP_API = /^https:\/\/[a-z0-9-]+\.clevertap-prod\.com\/a\?/
const CLEVERTAP_CDN = 'https://static.clevertap.com/js/clevertap.min.js'
const SEGMENT_API = 'https://api.segment.io/'
const SESSION_ID = Math.floor(Date.now() / 1000)

self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

function newGuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function reply(url) {
  const params = new URL(url).searchParams
  let data = {}
  try {
    data = JSON.parse(LZString.decompressFromBase64(params.get('d') || '') || '{}')
  } catch (e) {
    data = {}
  }
  const login = data.isOUL === true || data.rc === true
  const known = data.g || params.get('gc')
  const guid = login || !known ? newGuid() : known
  const args = [guid, SESSION_ID, data.isOUL === true, Number(params.get('rn') || 0)]
  return `window.$WZRK_WR && window.$WZRK_WR.s(${args.map((a) => JSON.stringify(a)).join(',')});`
}

self.addEventListener('fetch', (event) => {
  const url = event.request.url
  if (CLEVERTAP_API.test(url)) {
    event.respondWith(new Response(reply(url), { headers: { 'content-type': 'application/javascript' } }))
  } else if (url.startsWith(CLEVERTAP_CDN)) {
    event.respondWith(fetch('/vendor/clevertap/clevertap.min.js'))
  } else if (url.startsWith(SEGMENT_API)) {
    event.respondWith(new Response('{}', { headers: { 'content-type': 'application/json' } }))
  }
})
