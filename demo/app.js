/* The QA demo: fires Segment calls through analytics-next with the CleverTap plugin, and shows for each
 * call the Segment event, the CleverTap commands the plugin produced (with its notes), and the CleverTap
 * requests that went out, decoded, in the in-page inspector's view. Embedded mode (no account id) answers CleverTap and Segment in a
 * service worker, so the real SDK runs end to end with no network. */
;(function () {
  'use strict'

  var params = new URLSearchParams(location.search)
  var accountId = (params.get('accountId') || '').trim()
  var region = (params.get('region') || '').trim()
  var writeKey = (params.get('writeKey') || '').trim()
  var embedded = accountId === ''
  var EMBEDDED_ACCOUNT = 'DEMO-ACC-0001'

  var rowsEl = document.getElementById('rows')
  var statusEl = document.getElementById('status')

  // ---------- rendering ----------
  // The rows are the in-page inspector's own view (src/inspector/view.ts): the same three columns QA sees
  // on their own site with ?clevertap_inspector=1, here laid out by the demo's page.

  function el(tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }

  var view = CleverTapSegmentInspector.createInspectorView(rowsEl)
  CleverTapSegmentInspector.watchRequests(document, view.request)

  // ---------- embedded CleverTap and Segment ----------

  function startServiceWorker() {
    if (!('serviceWorker' in navigator)) return Promise.reject(new Error('this browser has no service workers'))
    return navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () {
      if (navigator.serviceWorker.controller) return
      return new Promise(function (resolve, reject) {
        var timer = setTimeout(function () { reject(new Error('service worker did not take control')) }, 10000)
        navigator.serviceWorker.addEventListener('controllerchange', function () { clearTimeout(timer); resolve() }, { once: true })
      })
    })
  }

  // ---------- analytics ----------

  function setStatus(state, text) {
    statusEl.dataset.state = state
    statusEl.textContent = text
  }

  function start() {
    var plugin = CleverTapSegment.createCleverTapPlugin({
      accountId: accountId || EMBEDDED_ACCOUNT,
      region: region || undefined,
      debug: true,
      // CleverTap engagement becomes Segment events, listed in the web push and engagement panel.
      forwardEngagement: true,
      onTranslate: view.translated,
    })
    // Each call gets its row when it is made, so a call CleverTap never receives still shows, and why.
    var rowPerCall = function (ctx) {
      view.heard(ctx.event)
      // A tap's result is in view at once, on a phone too, where the log starts below the controls.
      if (rowsEl.firstElementChild) rowsEl.firstElementChild.scrollIntoView({ block: 'nearest' })
      return ctx
    }
    var callLog = {
      name: 'QA demo call log',
      type: 'before',
      version: '1.0.0',
      isLoaded: function () { return true },
      load: function () { return Promise.resolve() },
      track: rowPerCall, identify: rowPerCall, page: rowPerCall, screen: rowPerCall, group: rowPerCall, alias: rowPerCall,
    }
    var live = !embedded && writeKey
    var settings = live
      ? { writeKey: writeKey, plugins: [callLog, plugin] }
      : {
          writeKey: 'DEMO',
          cdnSettings: { integrations: { 'Segment.io': { apiKey: 'DEMO' } }, metrics: { sampleRate: 0 } },
          plugins: [callLog, plugin],
        }
    var options = !embedded && !writeKey ? { integrations: { 'Segment.io': false } } : {}
    var analytics = AnalyticsNext.AnalyticsBrowser.load(settings, options)
    window.analytics = analytics
    window.cleverTapPlugin = plugin
    analytics.on('track', function (name, properties) {
      if (!properties || properties.forwarded_by !== 'clevertap-segment-web') return
      var list = document.getElementById('engagement')
      var empty = list.querySelector('.empty')
      if (empty) empty.remove()
      list.insertBefore(el('li', '', name + ' ' + JSON.stringify(properties)), list.firstChild)
    })
    analytics.page('Home')
    analytics.catch(function (e) {
      fail('analytics failed: ' + e)
    })
    // getClient settles as soon as CleverTap is live or known not to load (blocked, offline, bad account).
    plugin.getClient().then(function (client) {
      if (!client) return fail('CleverTap did not load (the console says why)')
      ;(function showId(tries) {
        var id = plugin.getCleverTapId()
        setStatus('ready', 'CleverTap ready' + (id ? ' · ' + id.slice(0, 12) + '…' : ''))
        if (!id && tries > 0) setTimeout(showId, 300, tries - 1)
      })(60)
    })
  }

  /** The first failure is the one shown: a later, vaguer message never replaces it. */
  function fail(message) {
    if (statusEl.dataset.state === 'failed') return
    setStatus('failed', message)
    view.notSent(message)
  }

  // ---------- controls ----------

  /** JSON from a form field; invalid JSON is shown next to the field, and nothing is sent. */
  function parseJson(form, name, label) {
    var field = form.elements[name]
    var error = field.parentNode.querySelector('.field-error')
    if (error) error.remove()
    field.removeAttribute('aria-invalid')
    var text = field.value
    if (!text.trim()) return {}
    try {
      return JSON.parse(text)
    } catch (e) {
      field.setAttribute('aria-invalid', 'true')
      field.insertAdjacentElement('afterend', el('div', 'field-error', label + ' is not valid JSON (' + e.message + '); nothing was sent.'))
      throw e
    }
  }

  function onSubmit(id, handler) {
    var form = document.getElementById(id)
    form.addEventListener('submit', function (e) {
      e.preventDefault()
      try { handler(new FormData(form), form) } catch { /* shown next to the field by parseJson */ }
    })
  }

  var PRODUCT = { product_id: 'p-123', sku: 'LS-M-BLU', name: 'Linen Shirt', price: 39.5, category: 'Apparel', variant: { size: 'M', color: 'blue' } }
  var PRESETS = {
    'Product Viewed': function () { return Object.assign({}, PRODUCT) },
    'Product Added': function () { return Object.assign({ quantity: 1, cart_id: 'cart-9' }, PRODUCT) },
    'Checkout Started': function () { return { order_id: 'ord-draft', value: 79, currency: 'USD', products: [Object.assign({ quantity: 2 }, PRODUCT)] } },
    'Order Completed': function () {
      return {
        order_id: 'ord-' + Date.now().toString(36),
        total: 86.5, revenue: 79, tax: 7.5, currency: 'USD', coupon: 'SPRING',
        products: [
          Object.assign({ quantity: 1, categories: ['Apparel', 'Shirts'] }, PRODUCT),
          { product_id: 'p-456', sku: 'SOCK-1', name: 'Wool Socks', price: 39.5, quantity: 1, variant: { size: 'L' } },
        ],
      }
    },
  }

  onSubmit('connection', function (form) {
    var next = new URLSearchParams()
    ;['accountId', 'region', 'writeKey'].forEach(function (k) { if (form.get(k)) next.set(k, form.get(k).trim()) })
    location.search = next.toString()
  })
  document.getElementById('embedded').addEventListener('click', function () { location.search = '' })

  onSubmit('identify', function (form, element) {
    var traits = parseJson(element, 'traits', 'more traits')
    ;['name', 'email', 'phone', 'gender', 'birthday'].forEach(function (k) { if (form.get(k)) traits[k] = form.get(k) })
    window.analytics.identify(form.get('userId') || undefined, traits)
  })
  onSubmit('track', function (form, element) {
    window.analytics.track(form.get('event'), parseJson(element, 'properties', 'properties'))
  })
  document.querySelectorAll('[data-preset]').forEach(function (button) {
    button.addEventListener('click', function () {
      var name = button.dataset.preset
      var properties = PRESETS[name]()
      var form = document.getElementById('track')
      form.event.value = name
      form.properties.value = JSON.stringify(properties, null, 2)
      window.analytics.track(name, properties)
    })
  })
  document.querySelectorAll('[data-page]').forEach(function (button) {
    button.addEventListener('click', function () {
      var path = button.dataset.page
      history.pushState({}, '', path + location.search)
      window.analytics.page(path === '/' ? 'Home' : path.slice(1))
    })
  })
  onSubmit('screen', function (form) { window.analytics.screen(form.get('name')) })
  onSubmit('group', function (form) { window.analytics.group(form.get('groupId'), { name: form.get('name') }) })
  onSubmit('alias', function (form) { window.analytics.alias(form.get('userId')) })
  document.getElementById('reset').addEventListener('click', function () { window.analytics.reset() })

  // CleverTap features beyond Segment calls go through the plugin's client accessor.
  function withClient(use) {
    window.cleverTapPlugin.getClient().then(function (client) {
      if (client) use(client)
      else document.getElementById('push-status').textContent = 'CleverTap is not available (see the console).'
    })
  }
  document.getElementById('push').addEventListener('click', function () {
    withClient(function (client) {
      client.notifications.push({
        titleText: 'Stay in the loop?', bodyText: 'Deals and news, once a week.', okButtonText: 'Yes', rejectButtonText: 'Not now',
        serviceWorkerPath: '/clevertap_sw.js', askAgainTimeInSeconds: 5,
      })
      document.getElementById('push-status').textContent = embedded
        ? 'Asked. CleverTap shows its prompt once its server sends your dashboard\'s web push settings; the embedded mode has none.'
        : 'Asked. CleverTap shows the prompt your dashboard configures.'
    })
  })
  var CAMPAIGN = { msgId: '1700000000_20260101', pivotId: 'default' }
  document.getElementById('viewed').addEventListener('click', function () { withClient(function (c) { c.renderNotificationViewed(CAMPAIGN) }) })
  document.getElementById('clicked').addEventListener('click', function () { withClient(function (c) { c.renderNotificationClicked(CAMPAIGN) }) })
  document.getElementById('native').addEventListener('click', function () {
    document.dispatchEvent(new CustomEvent('CT_web_native_display', { detail: { msgId: '1700000001_20260101', pivotId: 'default', kv: { topic: 'sale' } } }))
  })

  var connection = document.getElementById('connection')
  connection.accountId.value = accountId
  connection.region.value = region
  connection.writeKey.value = writeKey
  var modeEl = document.getElementById('mode')
  function showMode() {
    // What really answers: the embedded worker controls this page, or the requests go to the network.
    var answered = 'serviceWorker' in navigator && navigator.serviceWorker.controller ? 'embedded' : 'live'
    modeEl.textContent = answered === 'embedded' ? 'embedded · answered in this browser' : 'live · real network'
    modeEl.classList.toggle('live', answered === 'live')
    modeEl.dataset.mode = answered
    return answered
  }

  /**
   * Live mode must reach the real services: the embedded worker (installed by an earlier embedded visit,
   * scope `/`) is unregistered, and a page it still controls is reloaded once, out of its reach.
   */
  function stopServiceWorker() {
    if (!('serviceWorker' in navigator)) return Promise.resolve()
    return navigator.serviceWorker.getRegistrations().then(function (registrations) {
      return Promise.all(registrations.map(function (r) { return r.unregister() }))
    }).then(function () {
      if (!navigator.serviceWorker.controller) return sessionStorage.removeItem('demo-live-reload')
      if (sessionStorage.getItem('demo-live-reload')) throw new Error('the embedded service worker still answers; close the other demo tabs and reload')
      sessionStorage.setItem('demo-live-reload', '1')
      location.reload()
      return new Promise(function () {})
    })
  }

  ;(embedded ? startServiceWorker() : stopServiceWorker()).then(function () {
    showMode()
    start()
  }, function (error) {
    showMode()
    setStatus('failed', (embedded ? 'embedded mode unavailable: ' : 'live mode unavailable: ') + error.message)
  })
})()
