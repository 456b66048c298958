/* The QA demo: fires Segment calls through analytics-next with the CleverTap plugin, and shows for each
 * call the Segment event, the CleverTap commands the plugin produced (with its notes), and the CleverTap
 * requests that went out, decoded. Embedded mode (no account id) answers CleverTap and Segment in a
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
  var rows = []
  var systemRow = null

  // ---------- rendering ----------

  function el(tag, className, text) {
    var node = document.createElement(tag)
    if (className) node.className = className
    if (text !== undefined) node.textContent = text
    return node
  }

  function json(value) {
    return JSON.stringify(
      value,
      function (key, v) {
        return v instanceof Date ? 'Date(' + v.toISOString() + ')' : v
      },
      2,
    )
  }

  function describeEvent(event) {
    if (event.type === 'track') return 'track · ' + event.event
    if (event.type === 'page') return 'page · ' + (event.name || (event.properties && event.properties.path) || '')
    if (event.type === 'screen') return 'screen · ' + event.name
    if (event.type === 'identify') return 'identify · ' + (event.userId || 'anonymous')
    if (event.type === 'group') return 'group · ' + event.groupId
    if (event.type === 'alias') return 'alias · ' + event.userId
    return event.type
  }

  function segmentView(event) {
    if (event.type === 'reset') return { type: 'reset' }
    var view = { type: event.type }
    ;['event', 'name', 'userId', 'previousId', 'groupId', 'anonymousId', 'traits', 'properties'].forEach(function (k) {
      if (event[k] !== undefined && event[k] !== null) view[k] = event[k]
    })
    return view
  }

  function addRow(event, commands, notes) {
    var entry = el('div', 'entry')
    var seg = el('div', 'segment')
    var cmd = el('div', 'commands')
    var wire = el('div', 'wire')
    seg.appendChild(el('div', 'title', describeEvent(event)))
    seg.appendChild(el('pre', '', json(segmentView(event))))
    if (commands.length === 0) cmd.appendChild(el('div', 'empty', 'no command'))
    commands.forEach(function (c) {
      var title = el('div', 'title')
      title.appendChild(el('span', 'kind', c.kind))
      title.appendChild(document.createTextNode(c.name || (c.kind === 'charged' ? 'Charged' : '')))
      cmd.appendChild(title)
      var body = Object.assign({}, c)
      delete body.kind
      delete body.name
      if (Object.keys(body).length) cmd.appendChild(el('pre', '', json(body)))
    })
    notes.forEach(function (n) {
      cmd.appendChild(el('div', 'note', '⚠ ' + n))
    })
    wire.appendChild(el('div', 'empty', commands.length ? 'waiting for CleverTap…' : '—'))
    entry.appendChild(seg)
    entry.appendChild(cmd)
    entry.appendChild(wire)
    rowsEl.insertBefore(entry, rowsEl.firstChild)
    var row = {
      event: event,
      wire: wire,
      expects: commands.map(function (c) {
        return { kind: c.kind, name: c.kind === 'charged' ? 'Charged' : c.name, met: false }
      }),
      acceptsPage: event.type === 'page',
    }
    rows.push(row)
    return row
  }

  function getSystemRow() {
    if (!systemRow) {
      systemRow = addRow({ type: 'CleverTap SDK (init page view, fetch, pings)' }, [], [])
      systemRow.wire.innerHTML = ''
      systemRow.entry = systemRow.wire.parentNode
      systemRow.entry.querySelector('.segment pre').remove()
    }
    return systemRow
  }

  // ---------- CleverTap's wire ----------

  function decode(src) {
    try {
      return CleverTapWire.decode(src, LZString)
    } catch {
      return null
    }
  }

  function findRow(request) {
    var data = request.data
    var i, j
    if (request.type === 'page') {
      for (i = 0; i < rows.length; i++) {
        var r = rows[i]
        var pageCmd = r.expects.filter(function (x) { return x.kind === 'page' && !x.met })[0]
        if (pageCmd) { pageCmd.met = true; return r }
        if (r.acceptsPage && !r.expects.some(function (x) { return x.kind === 'page' })) { r.acceptsPage = false; return r }
      }
      return null
    }
    var kinds = data.type === 'event' ? ['event', 'charged'] : data.type === 'profile' ? ['login', 'profile', 'privacy'] : []
    for (i = 0; i < rows.length; i++) {
      for (j = 0; j < rows[i].expects.length; j++) {
        var x = rows[i].expects[j]
        if (x.met || kinds.indexOf(x.kind) === -1) continue
        if (data.type === 'event' && x.name !== data.evtName) continue
        x.met = true
        return rows[i]
      }
    }
    return null
  }

  function showRequest(request) {
    var row = findRow(request) || getSystemRow()
    var placeholder = row.wire.querySelector('.empty')
    if (placeholder) placeholder.remove()
    var data = request.data
    var title = el('div', 'title')
    title.appendChild(el('span', 'kind', request.type + (data.type ? '/' + data.type : '')))
    title.appendChild(document.createTextNode(data.evtName || (request.type === 'page' ? 'page view' : data.isOUL ? 'login' : '')))
    row.wire.appendChild(title)
    var summary = {}
    if (data.evtData) summary.evtData = data.evtData
    if (data.profile) summary.profile = data.profile
    if (data.cpg) summary.page = data.cpg
    if (data.isOUL) summary.isOUL = true
    summary.guid = request.guid || '(new)'
    summary.host = request.host
    row.wire.appendChild(el('pre', '', json(summary)))
  }

  new MutationObserver(function (mutations) {
    mutations.forEach(function (m) {
      m.addedNodes.forEach(function (node) {
        if (node.tagName === 'SCRIPT' && CleverTapWire.API_URL.test(node.src || '')) {
          var request = decode(node.src)
          if (request) showRequest(request)
        }
      })
    })
  }).observe(document.documentElement, { childList: true, subtree: true })

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
      onTranslate: function (report) {
        addRow(report.event, report.commands, report.notes)
      },
    })
    var live = !embedded && writeKey
    var settings = live
      ? { writeKey: writeKey, plugins: [plugin] }
      : {
          writeKey: 'DEMO',
          cdnSettings: { integrations: { 'Segment.io': { apiKey: 'DEMO' } }, metrics: { sampleRate: 0 } },
          plugins: [plugin],
        }
    var options = !embedded && !writeKey ? { integrations: { 'Segment.io': false } } : {}
    var analytics = AnalyticsNext.AnalyticsBrowser.load(settings, options)
    window.analytics = analytics
    window.cleverTapPlugin = plugin
    analytics.on('track', function (name, properties) {
      if (String(name).indexOf('CleverTap ') !== 0) return
      var list = document.getElementById('engagement')
      var empty = list.querySelector('.empty')
      if (empty) empty.remove()
      list.insertBefore(el('li', '', name + ' ' + JSON.stringify(properties)), list.firstChild)
    })
    analytics.page('Home')
    var started = Date.now()
    ;(function poll() {
      if (plugin.isLoaded()) {
        var id = plugin.getCleverTapId()
        setStatus('ready', 'CleverTap ready' + (id ? ' · ' + id.slice(0, 12) + '…' : ''))
        if (!id && Date.now() - started < 20000) setTimeout(poll, 300)
      } else if (Date.now() - started > 15000) {
        setStatus('failed', 'CleverTap did not load (see console)')
      } else {
        setTimeout(poll, 200)
      }
    })()
    analytics.catch(function (e) { setStatus('failed', 'analytics failed: ' + e) })
  }

  // ---------- controls ----------

  function parseJson(text, label) {
    if (!text.trim()) return {}
    try {
      return JSON.parse(text)
    } catch (e) {
      alert(label + ' is not valid JSON: ' + e.message)
      throw e
    }
  }

  function onSubmit(id, handler) {
    document.getElementById(id).addEventListener('submit', function (e) {
      e.preventDefault()
      try { handler(new FormData(e.target)) } catch { /* reported by parseJson */ }
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

  onSubmit('identify', function (form) {
    var traits = parseJson(form.get('traits'), 'traits')
    ;['name', 'email', 'phone', 'gender', 'birthday'].forEach(function (k) { if (form.get(k)) traits[k] = form.get(k) })
    window.analytics.identify(form.get('userId') || undefined, traits)
  })
  onSubmit('track', function (form) {
    window.analytics.track(form.get('event'), parseJson(form.get('properties'), 'properties'))
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
  modeEl.textContent = embedded ? 'embedded' : 'live'
  if (!embedded) modeEl.classList.add('live')

  ;(embedded ? startServiceWorker() : Promise.resolve()).then(start, function (error) {
    setStatus('failed', 'embedded mode unavailable: ' + error.message)
  })
})()
