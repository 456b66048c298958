// The benchmark site: analytics-next's script build, with or without the CleverTap plugin (`?plugin=1`).
// It records when analytics became ready and when the first request to Segment left.
;(function () {
  var withPlugin = new URLSearchParams(location.search).get('plugin') === '1'
  var marks = (window.benchMarks = { start: performance.now() })
  var originalFetch = window.fetch
  window.fetch = function (url) {
    if (marks.firstSegment === undefined && String(url).indexOf('https://api.segment.io/') === 0) marks.firstSegment = performance.now()
    return originalFetch.apply(this, arguments)
  }
  var plugins = []
  if (new URLSearchParams(location.search).get('noop') === '1') {
    plugins.push({ name: 'Noop', type: 'destination', version: '1.0.0', isLoaded: function () { return true }, load: function () { return Promise.resolve() }, track: function (c) { return c }, page: function (c) { return c } })
  }
  if (withPlugin) {
    var loadOn = new URLSearchParams(location.search).get('loadOn') || undefined
    window.plugin = CleverTapSegment.createCleverTapPlugin({ accountId: 'BENCH-ACC-0001', loadOn: loadOn })
    plugins.push(window.plugin)
  }
  var analytics = AnalyticsNext.AnalyticsBrowser.load(
    {
      writeKey: 'bench',
      cdnSettings: { integrations: { 'Segment.io': { apiKey: 'bench' } }, metrics: { sampleRate: 0 } },
      plugins: plugins,
    },
    { disableClientPersistence: true },
  )
  window.analytics = analytics
  analytics.page()
  analytics.ready(function () {
    marks.ready = performance.now()
  })
})()
