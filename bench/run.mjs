// `npm run bench`: every figure a ratio measured side by side in one run (plugin vs direct SDK, with vs
// without the plugin), over several runs, reported as median and spread. Absolute times are context only:
// these machines are shared. Prints a table and writes bench/results.json.
import { createRequire } from 'module'
import { writeFileSync } from 'fs'
import { join } from 'path'
import LZString from 'lz-string'
import { measureSizes, ROOT } from './sizes.mjs'

const require = createRequire(import.meta.url)
const { startStaticServer } = require('../tools/static-server.cjs')
const { launchChromium, routeLocally } = require('../tools/local-network.cjs')
const wire = require('../tools/clevertap-wire.js')

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const stats = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length })
const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n))
const spread = (s, digits = 2) => `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`

// ---------- 2. translation throughput in Node ----------

function sampleEvents() {
  const product = (i) => ({ product_id: `p-${i}`, sku: `SKU-${i}`, name: `Product ${i}`, price: 10 + i, quantity: 1, category: 'Apparel', variant: { size: 'M', color: 'blue' }, categories: ['a', 'b'] })
  return {
    'track (typical)': {
      type: 'track',
      event: 'Product Viewed',
      properties: { ...product(1), url: 'https://shop.example.com/p/1', currency: 'USD', position: 3, list: { id: 'l1', name: 'Featured' } },
    },
    'identify (full traits)': {
      type: 'identify',
      userId: 'user-42',
      traits: {
        name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0958', gender: 'female', birthday: '1990-12-10', age: 35,
        avatar: 'https://img.example.com/a.png', plan: 'pro', company: { name: 'Acme', employees: 120 }, address: { city: 'London', country: 'UK' },
        tags: ['beta', 'vip'], 'MSG-email': true, createdAt: '2024-01-02T03:04:05Z',
      },
    },
    'Order Completed (10 products)': {
      type: 'track',
      event: 'Order Completed',
      properties: { order_id: 'ord-1', total: 199.5, revenue: 180, tax: 19.5, currency: 'USD', coupon: 'SPRING', products: Array.from({ length: 10 }, (_, i) => product(i)) },
    },
  }
}

function opsPerSecond(fn, ms = 150) {
  let ops = 0
  const started = performance.now()
  let now = started
  while (now - started < ms) {
    for (let i = 0; i < 100; i++) fn()
    ops += 100
    now = performance.now()
  }
  return (ops * 1000) / (now - started)
}

async function translationBench() {
  const { translate, INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG } = await import('../dist/translate.mjs')
  const rows = []
  for (const [name, event] of Object.entries(sampleEvents())) {
    const state = event.type === 'identify' ? { ...INITIAL_STATE, userId: event.userId } : INITIAL_STATE
    const run = () => translate(event, state, DEFAULT_TRANSLATE_CONFIG)
    const json = () => JSON.stringify(event)
    for (let i = 0; i < 2000; i++) {
      run()
      json()
    }
    const rates = []
    const ratios = []
    for (let r = 0; r < RUNS; r++) {
      const t = opsPerSecond(run)
      const j = opsPerSecond(json)
      rates.push(t)
      ratios.push(j / t)
    }
    rows.push({ event: name, eventsPerSecond: stats(rates), costVsJsonStringify: stats(ratios) })
  }
  return rows
}

// ---------- Chromium ----------

/** `release`: the CleverTap SDK CleverTap's CDN serves in this run, npm's or the CDN's own newer one. */
async function newPage(browser, origin, release = 'npm') {
  const context = await browser.newContext()
  let guids = 0
  const server = wire.createServer(LZString, () => `${(++guids).toString(16).padStart(8, '0')}${'e'.repeat(24)}`)
  await routeLocally(context, origin, { release }, {
    clevertap: (url) => {
      const received = server.receive(url)
      return received ? server.script(received.args) : ''
    },
  })
  const page = await context.newPage()
  return { context, page }
}

async function loadBench(browser, origin) {
  const samples = { with: { ready: [], segment: [] }, without: { ready: [], segment: [] } }
  for (let r = 0; r < RUNS * 3; r++) {
    for (const mode of r % 2 ? ['with', 'without'] : ['without', 'with']) {
      const { context, page } = await newPage(browser, origin)
      await page.goto(`${origin}/bench/index.html?plugin=${mode === 'with' ? 1 : 0}`)
      const marks = await page.waitForFunction(() => {
        const m = window.benchMarks
        return m && m.ready !== undefined && m.firstSegment !== undefined ? m : false
      }).then((h) => h.jsonValue())
      samples[mode].ready.push(marks.ready)
      samples[mode].segment.push(marks.firstSegment)
      await context.close()
    }
  }
  const ratio = (key) => median(samples.with[key]) / median(samples.without[key])
  return {
    readyMs: { with: stats(samples.with.ready), without: stats(samples.without.ready), ratio: ratio('ready') },
    firstSegmentRequestMs: { with: stats(samples.with.segment), without: stats(samples.without.segment), ratio: ratio('segment') },
  }
}

async function mainThreadBench(browser, origin, release) {
  const { context, page } = await newPage(browser, origin, release)
  await page.goto(`${origin}/bench/index.html?plugin=1`)
  await page.waitForFunction(() => window.plugin && window.plugin.isLoaded())
  await page.evaluate(() => window.plugin.identify({ event: { type: 'identify', userId: 'bench-user', traits: {} } }))
  const result = await page.evaluate(async (runs) => {
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
    // The SDK keeps each request in localStorage (WZRK_L) until it is answered and rewrites that store on
    // every push, so a push costs more while earlier requests are outstanding. Each measurement starts
    // once the previous one's requests have been answered, so neither side pays for the other's backlog.
    const backlog = () => Object.keys(JSON.parse(decodeURIComponent(localStorage.getItem('WZRK_L') || '%7B%7D'))).length
    const drained = async () => {
      const started = performance.now()
      while (backlog() > 0 && performance.now() - started < 30000) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const ct = window.clevertap
    // Every push the SDK is handed, whoever hands it: the plugin paces its commands over several tasks
    // (src/lazy/pacing.ts), so a sample ends once the SDK has all 500, not when the loop returns.
    let handed = 0
    for (const api of [ct.event, ct.profile]) {
      const push = api.push.bind(api)
      api.push = (...args) => {
        handed++
        return push(...args)
      }
    }
    const allHanded = async (target) => {
      while (handed < target) await new Promise((resolve) => setTimeout(resolve, 0))
    }
    const props = (i) => ({ product_id: 'p-' + i, name: 'Product ' + i, price: 9.5 + i, category: 'Apparel', variant_size: 'M', variant_color: 'blue', position: i })
    const segmentProps = (i) => ({ product_id: 'p-' + i, name: 'Product ' + i, price: 9.5 + i, category: 'Apparel', variant: { size: 'M', color: 'blue' }, position: i })
    const traits = (i) => ({ name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 7946 0958', gender: 'female', plan: 'pro-' + i, address: { city: 'London' } })
    const profile = (i) => ({ Name: 'Ada Lovelace', Email: 'ada@example.com', Phone: '+442079460958', Gender: 'F', plan: 'pro-' + i, address_city: 'London' })
    const cases = {
      track: {
        direct: () => { for (let i = 0; i < 500; i++) ct.event.push('Bench Event', props(i)) },
        plugin: () => { for (let i = 0; i < 500; i++) window.plugin.track({ event: { type: 'track', event: 'Bench Event', properties: segmentProps(i) } }) },
      },
      identify: {
        direct: () => { for (let i = 0; i < 500; i++) ct.profile.push({ Site: profile(i) }) },
        plugin: () => { for (let i = 0; i < 500; i++) window.plugin.identify({ event: { type: 'identify', userId: 'bench-user', traits: traits(i) } }) },
      },
    }
    const out = {}
    for (const [name, pair] of Object.entries(cases)) {
      const times = { direct: [], plugin: [] }
      // Twice the runs of the other sections: these samples are short and the noisiest.
      for (let r = 0; r < runs * 2; r++) {
        for (const mode of r % 2 ? ['plugin', 'direct'] : ['direct', 'plugin']) {
          await drained()
          const target = handed + 500
          const t0 = performance.now()
          pair[mode]()
          await allHanded(target)
          await settle()
          times[mode].push(performance.now() - t0)
        }
      }
      out[name] = times
    }
    return out
  }, RUNS)
  await context.close()
  const rows = {}
  for (const [name, times] of Object.entries(result)) {
    rows[name] = { pluginMs: stats(times.plugin), directMs: stats(times.direct), ratio: median(times.plugin) / median(times.direct) }
  }
  return rows
}

async function memoryBench(browser, origin) {
  const heap = {}
  for (const mode of ['without', 'with']) {
    const { context, page } = await newPage(browser, origin)
    await page.goto(`${origin}/bench/index.html?plugin=${mode === 'with' ? 1 : 0}`)
    await page.waitForFunction(() => window.benchMarks && window.benchMarks.ready !== undefined)
    if (mode === 'with') await page.waitForFunction(() => window.plugin.isLoaded())
    await page.evaluate(async () => {
      for (let i = 0; i < 10000; i += 500) {
        await Promise.all(Array.from({ length: 500 }, (_, j) => window.analytics.track('Memory Event', { i: i + j, name: 'Product', price: 1.5 })))
      }
    })
    const cdp = await context.newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const { usedSize } = await cdp.send('Runtime.getHeapUsage')
    heap[mode] = usedSize / 1024 / 1024
    await context.close()
  }
  return { heapAfter10kEventsMb: heap, ratio: heap.with / heap.without, preloadBufferBound: '1000 calls (maxBufferSize)' }
}

// ---------- run ----------

const sizes = await measureSizes()
const translation = await translationBench()
const http = await startStaticServer({
  '/dist/': join(ROOT, 'dist'),
  '/segment/': join(ROOT, 'node_modules/@segment/analytics-next/dist/umd'),
  '/bench/': join(ROOT, 'bench/pages'),
})
const browser = await launchChromium()
let load, mainThread, memory
try {
  load = await loadBench(browser, http.origin)
  // The same pair with either SDK release behind the script build (the CDN serves every script-tag site its newest).
  mainThread = { npm: await mainThreadBench(browser, http.origin, 'npm'), cdn: await mainThreadBench(browser, http.origin, 'cdn') }
  memory = await memoryBench(browser, http.origin)
} finally {
  await browser.close()
  await http.close()
}

const results = { date: new Date().toISOString(), runs: RUNS, sizes, translation, load, mainThread, memory }
writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n')

const kb = (bytes) => (bytes / 1024).toFixed(2) + ' KB'
const lines = []
lines.push(`clevertap-segment-web benchmark · ${RUNS} runs each · median (min–max)`, '')
lines.push('1. Bundle sizes (raw / min / min+gzip)')
for (const b of sizes.builds) lines.push(`   ${b.name.padEnd(52)} ${kb(b.raw).padStart(9)} ${kb(b.min).padStart(9)} ${kb(b.gzip).padStart(9)}`)
lines.push(`   eager, ESM as a bundler splits it: ${kb(sizes.eager.esm)} · script build: ${kb(sizes.eager.script)} · budget ${kb(sizes.eager.budget)}`)
lines.push('   each eager module (script build): min bytes, share of min+gzip')
for (const m of sizes.eager.modules) lines.push(`     ${m.file.padEnd(44)} ${String(m.min).padStart(6)} B  ~${String(m.gzipShare).padStart(5)} B`)
lines.push(`   CleverTap SDK chunk (lazy): ${kb(sizes.sdkChunk.gzip)} min+gzip`)
for (const sdk of sizes.sdkReleases) lines.push(`   CleverTap SDK ${sdk.version.padEnd(6)} (${sdk.source}): ${kb(sdk.raw)} raw · ${kb(sdk.gzip)} gzip`)
lines.push('')
lines.push('2. Translation in Node: events/s · cost relative to JSON.stringify of the same event')
for (const row of translation) lines.push(`   ${row.event.padEnd(32)} ${spread(row.eventsPerSecond, 0).padStart(28)}  ×${spread(row.costVsJsonStringify)}`)
lines.push('', '3. Chromium page load, with vs without the plugin (ms since navigation start)')
lines.push(`   analytics.ready()        with ${spread(load.readyMs.with, 1)} · without ${spread(load.readyMs.without, 1)} · ratio ${fmt(load.readyMs.ratio, 3)}`)
lines.push(`   first Segment request    with ${spread(load.firstSegmentRequestMs.with, 1)} · without ${spread(load.firstSegmentRequestMs.without, 1)} · ratio ${fmt(load.firstSegmentRequestMs.ratio, 3)}`)
lines.push('', '4. Time until the SDK has 500 calls: through the plugin (paced) vs the SDK called directly (ms), with each SDK release')
for (const [release, rows] of Object.entries(mainThread)) {
  for (const [name, row] of Object.entries(rows)) lines.push(`   ${release.padEnd(4)} ${name.padEnd(9)} plugin ${spread(row.pluginMs, 1)} · direct ${spread(row.directMs, 1)} · ratio ${fmt(row.ratio, 3)}`)
}
lines.push('', '5. JS heap after 10,000 events (MB, after GC)')
lines.push(`   with ${fmt(memory.heapAfter10kEventsMb.with, 1)} · without ${fmt(memory.heapAfter10kEventsMb.without, 1)} · ratio ${fmt(memory.ratio, 3)} · pre-load buffer bound ${memory.preloadBufferBound}`)
console.log(lines.join('\n'))
console.log('\nwritten: bench/results.json')
