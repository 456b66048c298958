// Delivery parity: many short multi-page sessions in Chromium with random timing, comparing call by call
// what Segment's API received with what reached CleverTap's wire (decoded). Each call carries a key `k`
// (a track property, an identify trait, a page's path, an alias's new id), so every Segment call is
// matched to what CleverTap got: once, lost, doubled or altered. Calls made while consent was withdrawn
// are not CleverTap's to receive and are counted apart; so are calls made with consent that had not
// reached CleverTap when the visitor withdrew it (a withdrawal discards what is still kept): they may
// arrive once or not at all, never twice. `npm run soak` runs it at size; `npm test` runs a
// small size (test/browser/soak.test.ts).
import { createRequire } from 'module'
import { join } from 'path'
import LZString from 'lz-string'

const require = createRequire(import.meta.url)
const { launchChromium, routeLocally } = require('../tools/local-network.cjs')
const { startStaticServer } = require('../tools/static-server.cjs')
const wire = require('../tools/clevertap-wire.js')

export const ROOT = join(new URL('.', import.meta.url).pathname, '..')

/** A small deterministic PRNG (mulberry32), so a failing seed can be run again. */
function random(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * How long a session's last page stays open for what is still owed to arrive. The SDK retries requests
 * it had no answer to after about 10 s for a visitor it has not identified yet.
 */
const SETTLE_MS = 15_000

/** One visitor's short multi-page session; returns the calls it made, each with its key and whether consent allowed it. */
async function session(browser, origin, rnd, index, record) {
  const pick = (items) => items[Math.floor(rnd() * items.length)]
  const network = { sdk: 'serve', api: 'answer' }
  const context = await browser.newContext()
  const guids = { n: 0 }
  const server = wire.createServer(LZString, () => `${(++guids.n).toString(16).padStart(8, '0')}${index.toString(16).padStart(24, '0')}`)
  const seen = new Set()
  await routeLocally(context, origin, network, {
    clevertap: (url) => {
      const received = server.receive(url)
      if (!received) return ''
      const key = `${received.request.params.rn}|${new URL(url).searchParams.get('d')}`
      if (!seen.has(key)) {
        seen.add(key)
        record.clevertap.push(received.request)
        if (process.env.SOAK_DEBUG) console.log(`  s${index} wire:`, received.request.type, received.request.data.evtName ?? '', JSON.stringify(received.request.data.profile ?? received.request.data.evtData?.k ?? received.request.data.evtData?.url ?? ''), 'g=' + String(received.request.guid).slice(0, 8), received.request.data.isOUL ? 'OUL->' + received.args[0].slice(0, 8) : '', received.request.data.rc ? 'rc' : '')
      }
      return server.script(received.args)
    },
    segment: (_url, body) => {
      if (!body) return
      record.segment.push(body)
      if (process.env.SOAK_DEBUG && body.type === 'page') console.log(`  s${index} segment: page`, body.context?.k, body.properties?.url, body.context?.page?.url)
    },
  })
  // The page's long tasks (over 50 ms), whoever ran them, for the report.
  await context.addInitScript(() => {
    window.longTasks = []
    try {
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.longTasks.push(entry.duration))).observe({ type: 'longtask', buffered: true })
    } catch {
      // No long-task timing in this browser.
    }
  })
  const page = await context.newPage()
  const leave = async () => record.longTasks.push(...(await page.evaluate(() => window.longTasks ?? []).catch(() => [])))
  if (process.env.SOAK_DEBUG) await context.addInitScript(() => (window.soakDebug = true))
  if (process.env.SOAK_DEBUG) page.on('console', (m) => m.text().includes('[CleverTap]') && console.log(`  s${index}:`, m.text()))
  const made = []
  let consented = true
  let user = 0
  const pages = 2 + Math.floor(rnd() * 3)
  for (let p = 0; p < pages; p++) {
    // A slow CDN, a blocked one (an ad blocker, often for several pages), a CleverTap API briefly
    // unreachable, or all well.
    const cdn = rnd()
    network.sdk = cdn < 0.12 ? 'block' : cdn < 0.42 ? { delayMs: 200 + Math.floor(rnd() * 1500) } : 'serve'
    network.api = rnd() < 0.15 ? { delayMs: 300 + Math.floor(rnd() * 1200) } : 'answer'
    await leave()
    await page.goto(`${origin}/fixtures/umd.html`)
    await page.waitForFunction(() => window.harnessLoaded === true)
    await page.evaluate(() => window.start({ consentCategories: ['Marketing'], pageEvent: true, debug: !!window.soakDebug }, { disableClientPersistence: false }))
    const stay = 50 + Math.floor(rnd() * 2950)
    if (process.env.SOAK_DEBUG) console.log(`s${index} page ${p}: sdk ${JSON.stringify(network.sdk)} api ${JSON.stringify(network.api)} stay ${stay}`)
    const started = Date.now()
    while (Date.now() - started < stay) {
      const k = `s${index}p${p}c${made.length}`
      const kind = pick(['track', 'track', 'track', 'identify', 'page', 'alias', 'reset', 'consent'])
      if (kind === 'consent') {
        const withdrawn = consented
        consented = !consented || rnd() < 0.5
        if (withdrawn && !consented) {
          const arrived = new Set(record.clevertap.flatMap((request) => keysOnWire(request).map((hit) => hit.k)))
          for (const call of made) if (call.consented && !arrived.has(call.k)) call.withdrawn = true
          // The page hears the withdrawal with its next call; then nothing may be kept for CleverTap.
          await page.evaluate(([c]) => window.analytics.track('Soak Withdrawn', {}, c), [{ context: { consent: { categoryPreferences: { Marketing: false } } } }])
          const kept = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('clevertap-segment-web:kept:')).length)
          if (kept > 0) record.keptPastConsent++
        }
        continue
      }
      // The key rides in the context too, where Segment's record keeps it for every call type.
      const consent = { context: { k, consent: { categoryPreferences: { Marketing: consented } } } }
      if (kind === 'reset') {
        await page.evaluate(() => window.analytics.reset())
        user = 0
      } else if (kind === 'identify') {
        user = 1 + Math.floor(rnd() * 3)
        await page.evaluate(([u, key, c]) => window.analytics.identify(`soak-${u}`, { k: key }, c), [`${index}-${user}`, k, consent])
        made.push({ k, type: 'identify', consented })
      } else if (kind === 'track') {
        await page.evaluate(([key, c]) => window.analytics.track('Soak Event', { k: key, v: key.length }, c), [k, consent])
        made.push({ k, type: 'track', consented })
      } else if (kind === 'page') {
        await page.evaluate(([key, c]) => {
          history.pushState({}, '', `/fixtures/umd.html?k=${key}`)
          return window.analytics.page('Soak', key, {}, c)
        }, [k, consent])
        made.push({ k, type: 'page', consented })
      } else if (kind === 'alias' && user > 0) {
        await page.evaluate(([key, c]) => window.analytics.alias(`alias-${key}`, c), [k, consent])
        made.push({ k, type: 'alias', consented })
      }
      await pause(Math.floor(rnd() * 400))
    }
  }
  // The visitor's last page stays open with CleverTap reachable, long enough for everything to arrive.
  network.sdk = 'serve'
  network.api = 'answer'
  await leave()
  await page.goto(`${origin}/fixtures/umd.html`)
  await page.waitForFunction(() => window.harnessLoaded === true)
  await page.evaluate(() => window.start({ consentCategories: ['Marketing'], pageEvent: true, debug: !!window.soakDebug }, { disableClientPersistence: false }))
  await page.evaluate(() => window.analytics.track('Soak End', {}, { context: { consent: { categoryPreferences: { Marketing: true } } } }))
  // Until every call made with consent is on CleverTap's wire, or the SDK's own retry has had its time.
  const due = made.filter((call) => call.consented).map((call) => call.k)
  const started = Date.now()
  while (Date.now() - started < SETTLE_MS) {
    const arrived = new Set(record.clevertap.flatMap((request) => keysOnWire(request).map((hit) => hit.k)))
    if (due.every((k) => arrived.has(k))) break
    await pause(250)
  }
  await pause(500)
  await leave()
  await context.close()
  return made
}

/** The key each decoded CleverTap request carries, for the call types the soak makes. */
function keysOnWire(request) {
  const d = request.data
  if (d.type === 'event' && d.evtName === 'Soak Event') return [{ k: d.evtData?.k, type: 'track', intact: d.evtData?.v === String(d.evtData?.k).length }]
  if (d.type === 'event' && d.evtName === 'Web Page Viewed') return [{ k: new URL(d.evtData?.url ?? 'http://x/').searchParams.get('k'), type: 'page', intact: true }]
  if (d.type === 'profile' && typeof d.profile?.k === 'string') return [{ k: d.profile.k, type: 'identify', intact: true }]
  if (d.type === 'profile' && String(d.profile?.Identity ?? '').startsWith('alias-')) return [{ k: d.profile.Identity.slice(6), type: 'alias', intact: true }]
  return []
}

export async function runSoak({ sessions = 40, seed = 1 } = {}) {
  const http = await startStaticServer({
    '/dist/': join(ROOT, 'dist'),
    '/segment/': join(ROOT, 'node_modules/@segment/analytics-next/dist/umd'),
    '/fixtures/': join(ROOT, 'test/browser/fixtures'),
  })
  const browser = await launchChromium()
  const rnd = random(seed)
  const made = []
  const record = { segment: [], clevertap: [], longTasks: [], keptPastConsent: 0 }
  try {
    for (let i = 0; i < sessions; i++) made.push(...(await session(browser, http.origin, rnd, i, record)))
  } finally {
    await browser.close()
    await http.close()
  }
  // What Segment recorded, by key (the soak's own calls only).
  const onSegment = new Set(record.segment.map((b) => b.context?.k).filter(Boolean))
  const onWire = new Map()
  for (const request of record.clevertap) for (const hit of keysOnWire(request)) onWire.set(hit.k, [...(onWire.get(hit.k) ?? []), hit])
  const result = { longTasks: record.longTasks.length, longestTaskMs: Math.round(Math.max(0, ...record.longTasks)), keptPastConsent: record.keptPastConsent, sessions, calls: made.length, expected: 0, once: 0, lost: 0, doubled: 0, altered: 0, withoutConsent: 0, sentWithoutConsent: 0, withdrawn: 0, notOnSegment: 0, lostKeys: [], doubledKeys: [] }
  for (const call of made) {
    const hits = onWire.get(call.k) ?? []
    if (!call.consented) {
      result.withoutConsent++
      if (hits.length > 0) result.sentWithoutConsent++
      continue
    }
    if (!onSegment.has(call.k)) {
      result.notOnSegment++
      continue
    }
    if (call.withdrawn) {
      // Discarded by the withdrawal, or delivered before it: never twice.
      result.withdrawn++
      if (hits.length > 1) {
        result.doubled++
        result.doubledKeys.push(`${call.type}:${call.k}`)
      }
      continue
    }
    result.expected++
    if (hits.length === 0) {
      result.lost++
      result.lostKeys.push(`${call.type}:${call.k}`)
    } else if (hits.length > 1) {
      result.doubled++
      result.doubledKeys.push(`${call.type}:${call.k}`)
    } else if (!hits[0].intact) result.altered++
    else result.once++
  }
  return result
}

export function parityLine(result) {
  const { once, expected, lost, doubled, altered } = result
  return `delivery parity: ${once}/${expected} calls exactly once (${lost} lost, ${doubled} doubled, ${altered} altered)`
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const sessions = Number(process.env.SOAK_SESSIONS ?? 40)
  const result = await runSoak({ sessions, seed: Number(process.env.SOAK_SEED ?? 1) })
  console.log(parityLine(result))
  console.log(
    `${result.sessions} sessions, ${result.calls} calls made: ${result.expected} recorded by Segment with consent, ` +
      `${result.withoutConsent} made without consent (${result.sentWithoutConsent} of them sent to CleverTap), ` +
      `${result.withdrawn} kept when consent was withdrawn, ${result.notOnSegment} not recorded by Segment; ` +
      `${result.keptPastConsent} pages kept calls in storage past a withdrawal; ${result.longTasks} long tasks on the pages (longest ${result.longestTaskMs} ms, the SDK's own included)`,
  )
  if (result.lostKeys.length) console.log('lost:', result.lostKeys.slice(0, 20).join(' '))
  if (result.doubledKeys.length) console.log('doubled:', result.doubledKeys.slice(0, 20).join(' '))
}
