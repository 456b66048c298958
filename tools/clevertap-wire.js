/* CleverTap's wire, decoded, and the reply CleverTap's server gives: shared by the tests and benchmarks
 * (Node) and the demo's service worker (browser), which answer CleverTap's API locally. */
;(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory()
  else root.CleverTapWire = factory()
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict'

  /** CleverTap's CDN copy of the SDK (src/bridge/sdk/endpoints.ts `DEFAULT_SDK_URL`). */
  var CDN_SDK_URL = 'https://static.clevertap.com/js/clevertap.min.js'
  /** Every URL CleverTap's CDN serves the SDK at: its own host, and the cloudfront copy CleverTap's snippet loads. */
  var CDN_SDK_URLS = [CDN_SDK_URL, 'https://d2r1yp2w7bby2u.cloudfront.net/js/clevertap.min.js', 'https://d2r1yp2w7bby2u.cloudfront.net/js/a.js']
  /** Anything on CleverTap's regional API hosts (`https://<region>.clevertap-prod.com/…`). */
  var API_HOST = /^https:\/\/[a-z0-9-]+\.clevertap-prod\.com\//
  /** A data request to it (`/a?…`). */
  var API_URL = new RegExp(API_HOST.source + 'a\\?')

  /** `{ url, host, type, data, params, guid }` of a request to CleverTap's API, or null. */
  function decode(url, LZString) {
    var parsed = new URL(url)
    var d = parsed.searchParams.get('d')
    if (!d) return null
    var json = LZString.decompressFromBase64(d)
    if (!json) return null
    var params = {}
    parsed.searchParams.forEach(function (value, key) {
      if (key !== 'd') params[key] = value
    })
    var data = JSON.parse(json)
    // The CleverTap ID a request is attributed to: `g` in the envelope, else `gc` added when it fired.
    return { url: url, host: parsed.host, type: params.type || '', data: data, params: params, guid: data.g || params.gc }
  }

  /**
   * What makes two requests one: the SDK re-sends a request it kept but has not seen answered, with the
   * payload and the time and sequence number (`i`, `sn`) it stamped when it made it, possibly under
   * another request number (`rn`). A request made without a stamp is known by its number and payload.
   */
  function requestKey(request) {
    var d = new URL(request.url).searchParams.get('d')
    var p = request.params
    return p.i !== undefined ? p.i + '|' + p.sn + '|' + d : p.rn + '|' + d
  }

  /**
   * A stand-in for CleverTap's server. A login (`isOUL`) or a request after `clear()` (`rc`) gets a new
   * CleverTap ID, as does a device without one; the reply is the JSONP call the SDK waits for.
   */
  function createServer(LZString, newGuid) {
    var sessionId = 1700000000
    return {
      /** Decodes the request and returns it with the reply's arguments, or null for a non-data request. */
      receive: function (url) {
        var request = decode(url, LZString)
        if (!request) return null
        var fresh = request.data.isOUL === true || request.data.rc === true || !request.guid
        var guid = fresh ? newGuid() : request.guid
        return { request: request, args: [guid, sessionId, request.data.isOUL === true, Number(request.params.rn || 0)] }
      },
      script: function (args) {
        return 'window.$WZRK_WR && window.$WZRK_WR.s(' + args.map(function (a) { return JSON.stringify(a) }).join(',') + ');'
      },
    }
  }

  return { CDN_SDK_URL: CDN_SDK_URL, CDN_SDK_URLS: CDN_SDK_URLS, API_HOST: API_HOST, API_URL: API_URL, decode: decode, requestKey: requestKey, createServer: createServer }
})
