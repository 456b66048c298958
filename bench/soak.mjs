// Delivery parity: many short multi-page sessions in a real browser (Chromium, Firefox or WebKit) with
// random timing, comparing call by call what Segment's API received with what reached CleverTap's wire
// (decoded). Each call carries a key `k` (a track property, an identify trait, a page's path, an alias's
// new id), so every Segment call is matched to what CleverTap got: once, lost, doubled or altered, and on
// whose profile it landed (the CleverTap ID of each request, against the logins before it). Calls made
// while consent was withdrawn are not CleverTap's to receive and are counted apart; so are calls made with
// consent that had not reached CleverTap when the visitor withdrew it (a withdrawal discards what is still
// kept): they may arrive once or not at all, never twice. `npm run soak` runs it at size in all three
// engines; `npm test` runs a small size (test/browser/soak.test.ts).
import { createRequire } from 'module'
import { join } from 'path'
import LZString from 'lz-string'

const require = createRequire(import.meta.url)
const { launchChromium, routeLocally } = require('../tools/local-network.cjs')
const { startStaticServer } = require('../tools/static-server.cjs')
const { startEdgeProxy } = require('../tools/edge-proxy.cjs')
const { launchEngine, playwrightTab } = require('../tools/engines.cjs')
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

/** Until `fn` returns true in the tab, polling: the engines' common ground (WebDriver has no waitForFunction). */
async function until(tab, fn, timeoutMs = 20_000) {
  const started = Date.now()
  while (!(await tab.run(fn))) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${fn}`)
    await pause(50)
  }
}

/** Opens the harness page with the plugin configured as a site with a consent banner would. */
async function openHarness(tab, origin) {
  await tab.goto(`${origin}/fixtures/umd.html`)
  await until(tab, () => window.harnessLoaded === true)
  await tab.run((debug) => {
    // The page's long tasks (over 50 ms), whoever ran them, for the report; none where the browser has no such timing.
    window.longTasks = []
    try {
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.longTasks.push(entry.duration))).observe({ type: 'longtask', buffered: true })
    } catch {
      // No long-task timing in this browser.
    }
    window.start({ consentCategories: ['Marketing'], pageEvent: true, debug }, { disableClientPersistence: false })
  }, Boolean(process.env.SOAK_DEBUG))
}

/**
 * One visitor's short multi-page session in a fresh browser profile; returns the calls it made, each with
 * its key, its maker (the Segment userId then, or null) and whether consent allowed it.
 */
async function session(openVisitor, origin, rnd, index, record) {
  const pick = (items) => items[Math.floor(rnd() * items.length)]
  const network = { sdk: 'serve', api: 'answer' }
  const guids = { n: 0 }
  const server = wire.createServer(LZString, () => `${(++guids.n).toString(16).padStart(8, '0')}${index.toString(16).padStart(24, '0')}`)
  // As CleverTap's server: a request the SDK sends again (same data and stamp) gets the same answer,
  // and a login to an identity CleverTap knows answers with that identity's profile.
  const answers = new Map()
  const profiles = new Map()
  const tab = await openVisitor(network, {
    clevertap: (url) => {
      const request = wire.decode(url, LZString)
      const key = request && wire.requestKey(request)
      // The same answer, naming the request by the number it came with now.
      if (answers.has(key)) return server.script([...answers.get(key).slice(0, 3), Number(request.params.rn || 0)])
      const received = server.receive(url)
      if (!received) return ''
      const identity = received.request.data.profile?.Identity
      const known = typeof identity === 'string' && profiles.has(identity)
      if (received.request.data.isOUL === true && typeof identity === 'string') {
        if (known) received.args[0] = profiles.get(identity)
        else profiles.set(identity, received.args[0])
      }
      answers.set(key, received.args)
      // The CleverTap ID the server answered with (a login's profile, or the request's own), and whether
      // a login's identity was new to CleverTap: only then does it take the anonymous profile over.
      record.clevertap.push({ ...received.request, replyGuid: received.args[0], newIdentity: typeof identity === 'string' && !known })
      if (process.env.SOAK_DEBUG) console.log(`  s${index} wire:`, received.request.type, received.request.data.evtName ?? '', JSON.stringify(received.request.data.profile ?? received.request.data.evtData?.k ?? received.request.data.evtData?.url ?? ''), 'g=' + String(received.request.guid).slice(0, 8), received.request.data.isOUL ? 'OUL->' + received.args[0].slice(0, 8) : '', received.request.data.rc ? 'rc' : '', 'rn=' + received.request.params.rn, 'tries=' + received.request.params.tries, received.request.params.gc ? 'gc=' + received.request.params.gc.slice(0, 8) : '')
      return server.script(received.args)
    },
    segment: (_url, body) => {
      if (body) record.segment.push(body)
    },
    tag: `s${index}`,
  })
  const leave = async () => record.longTasks.push(...((await tab.run(() => window.longTasks ?? []).catch(() => [])) ?? []))
  const made = []
  let consented = true
  let user = 0
  /** The visitors who logged in on this browser so far. */
  const loggedIn = new Set()
  /**
   * Anonymous calls since the last reset: the next identify names who they belong to (`next`), as Segment
   * attributes an anonymousId's calls to the user it then identifies as, and CleverTap's own SDK replays
   * what a page queued before it loaded login first.
   */
  let anonymous = []
  const pages = 2 + Math.floor(rnd() * 3)
  for (let p = 0; p < pages; p++) {
    // A slow CDN, a blocked one (an ad blocker, often for several pages), a CleverTap API briefly
    // unreachable, or all well.
    const cdn = rnd()
    network.sdk = cdn < 0.12 ? 'block' : cdn < 0.42 ? { delayMs: 200 + Math.floor(rnd() * 1500) } : 'serve'
    network.api = rnd() < 0.15 ? { delayMs: 300 + Math.floor(rnd() * 1200) } : 'answer'
    await leave()
    await openHarness(tab, origin)
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
          await tab.run(async () => void (await window.analytics.track('Soak Withdrawn', {}, { context: { consent: { categoryPreferences: { Marketing: false } } } })))
          // A carried sign-out stays (a reset, naming only the anonymousId it began): it still decides whose
          // profile calls reach once consent returns. Anything else kept counts.
          const kept = await tab.run(
            () =>
              Object.keys(localStorage)
                .filter((key) => key.startsWith('clevertap-segment-web:kept:'))
                .map((key) => JSON.parse(localStorage.getItem(key)))
                .filter((batch) => batch.from !== undefined || batch.calls.some((call) => !('reset' in call) && call.event?.type !== 'reset')).length,
          )
          if (kept > 0) record.keptPastConsent++
        }
        continue
      }
      // The key rides in the context too, where Segment's record keeps it for every call type.
      const consent = { context: { k, consent: { categoryPreferences: { Marketing: consented } } } }
      const maker = user > 0 ? `soak-${index}-${user}` : null
      const before = [...loggedIn]
      if (process.env.SOAK_DEBUG) console.log(`  s${index} call: ${kind} ${k} by ${maker}${consented ? '' : ' (no consent)'}`)
      if (kind === 'reset') {
        await tab.run(() => window.analytics.reset())
        user = 0
        anonymous = []
      } else if (kind === 'identify') {
        user = 1 + Math.floor(rnd() * 3)
        for (const call of anonymous) call.next = `soak-${index}-${user}`
        anonymous = []
        await tab.run(async (u, key, c) => void (await window.analytics.identify(u, { k: key }, c)), `soak-${index}-${user}`, k, consent)
        made.push({ k, type: 'identify', consented, maker: `soak-${index}-${user}`, before })
        loggedIn.add(`soak-${index}-${user}`)
      } else if (kind === 'track') {
        await tab.run(async (key, c) => void (await window.analytics.track('Soak Event', { k: key, v: key.length }, c)), k, consent)
        made.push({ k, type: 'track', consented, maker, before })
        if (maker === null) anonymous.push(made[made.length - 1])
      } else if (kind === 'page') {
        await tab.run(async (key, c) => {
          history.pushState({}, '', `/fixtures/umd.html?k=${key}`)
          await window.analytics.page('Soak', key, {}, c)
        }, k, consent)
        made.push({ k, type: 'page', consented, maker, before })
        if (maker === null) anonymous.push(made[made.length - 1])
      } else if (kind === 'alias' && user > 0) {
        await tab.run(async (key, c) => void (await window.analytics.alias(`alias-${key}`, c)), k, consent)
        made.push({ k, type: 'alias', consented, maker, before })
      }
      await pause(Math.floor(rnd() * 400))
    }
  }
  // The visitor's last page stays open with CleverTap reachable, long enough for everything to arrive.
  network.sdk = 'serve'
  network.api = 'answer'
  await leave()
  await openHarness(tab, origin)
  await tab.run(async () => void (await window.analytics.track('Soak End', {}, { context: { consent: { categoryPreferences: { Marketing: true } } } })))
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
  await tab.close()
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

/**
 * How each engine opens a visitor: a fresh browser profile whose outside requests meet `network` and
 * `handlers`. Chromium's contexts are routed one by one (Playwright), so its sessions can run side by
 * side; Firefox and WebKit go through the edge proxy, which serves one visitor at a time.
 */
async function visitors(engine, origin) {
  if (engine === 'chromium') {
    const browser = await launchChromium()
    return {
      parallel: 3,
      open: async (network, handlers) => {
        const context = await browser.newContext()
        await routeLocally(context, origin, network, handlers)
        const page = await context.newPage()
        // SOAK_CONSOLE=1: the pages' console too (with SOAK_DEBUG, the SDK's own debug lines).
        if (process.env.SOAK_CONSOLE) page.on('console', (message) => console.log(`  ${handlers.tag} console:`, message.text().slice(0, 400)))
        return playwrightTab(context, page)
      },
      close: () => browser.close(),
    }
  }
  let current = { network: {}, handlers: { clevertap: () => '' } }
  const proxy = await startEdgeProxy(origin, () => current)
  const browser = await launchEngine(engine, proxy.port)
  return {
    parallel: 1,
    open: async (network, handlers) => {
      current = { network, handlers }
      return browser.newTab()
    },
    close: async () => {
      await browser.close()
      await proxy.close()
    },
  }
}

/** `first`: the index of the first session, to run one session of a large soak again on its own. */
export async function runSoak({ sessions = 40, seed = 1, engine = 'chromium', first = 0 } = {}) {
  const http = await startStaticServer({
    // SOAK_DIST: a copy of the build to soak, so a long run is not touched by a rebuild meanwhile.
    '/dist/': process.env.SOAK_DIST ?? join(ROOT, 'dist'),
    '/segment/': join(ROOT, 'node_modules/@segment/analytics-next/dist/umd'),
    '/fixtures/': join(ROOT, 'test/browser/fixtures'),
  })
  const open = await visitors(engine, http.origin)
  const made = []
  const record = { segment: [], clevertap: [], longTasks: [], keptPastConsent: 0 }
  try {
    // Each session has a generator of its own, so a seed gives the same sessions however many run at once.
    let next = first
    const worker = async () => {
      for (let i = next++; i < first + sessions; i = next++) made.push(...(await session(open.open, http.origin, random(seed * 100_003 + i), i, record)))
    }
    await Promise.all(Array.from({ length: open.parallel }, worker))
  } finally {
    await open.close()
    await http.close()
  }
  return tally(made, record, sessions, engine)
}

/**
 * The soak identities (`soak-…`) each CleverTap ID had before each point of the wire: a login's identity
 * belongs to the profile the server answered with (a new one for a login that switches profiles), and a
 * first login on a profile nobody had logged in to also takes that anonymous profile over, as CleverTap
 * merges it (the test server answers every login with a new ID).
 */
function profileOwners(requests) {
  const owners = new Map()
  const own = (guid, at, identity) => owners.set(guid, [...(owners.get(guid) ?? []), { at, identity }])
  requests.forEach((request, at) => {
    const identity = request.data.profile?.Identity
    if (request.data.type !== 'profile' || typeof identity !== 'string' || !identity.startsWith('soak-')) return
    own(request.replyGuid, at, identity)
    if (request.newIdentity && request.guid && request.guid !== request.replyGuid && !request.data.rc && !owners.has(request.guid)) own(request.guid, at, identity)
  })
  return (guid, before) => new Set((owners.get(guid) ?? []).filter((owner) => owner.at < before).map((owner) => owner.identity))
}

/**
 * Whether a call landed on its maker's profile: an identified visitor's on a profile with that login and
 * no other visitor's; an anonymous one's on no profile of a visitor who had logged in on this browser
 * before the call was made, but for the visitor who identified next without a reset between (the next
 * visitor to log in may take the anonymous profile over, as CleverTap merges a device's anonymous activity
 * into its first login).
 */
function onMakersProfile(call, hit, ownersAt) {
  const owners = ownersAt(hit.guid, hit.at)
  if (call.maker === null) return ![...owners].some((owner) => call.before.includes(owner) && owner !== call.next)
  return owners.has(call.maker) && owners.size === 1
}

function tally(made, record, sessions, engine) {
  // What Segment recorded, by key (the soak's own calls only).
  const onSegment = new Set(record.segment.map((b) => b.context?.k).filter(Boolean))
  const onWire = new Map()
  record.clevertap.forEach((request, at) => {
    // A request after CleverTap's `clear()` (`rc`) starts a new profile: it belongs to the ID the server answers with.
    const guid = request.data.rc ? request.replyGuid : request.guid
    for (const hit of keysOnWire(request)) onWire.set(hit.k, [...(onWire.get(hit.k) ?? []), { ...hit, at, guid }])
  })
  const ownersAt = profileOwners(record.clevertap)
  const result = {
    engine,
    longTasks: record.longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...record.longTasks)),
    keptPastConsent: record.keptPastConsent,
    sessions,
    calls: made.length,
    expected: 0,
    once: 0,
    lost: 0,
    doubled: 0,
    altered: 0,
    otherProfile: 0,
    withoutConsent: 0,
    sentWithoutConsent: 0,
    withdrawn: 0,
    notOnSegment: 0,
    lostKeys: [],
    doubledKeys: [],
    otherProfileKeys: [],
  }
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
    // An identify's own login decides its profile; every other call must land on its maker's.
    if (call.type !== 'identify' && hits.some((hit) => !onMakersProfile(call, hit, ownersAt))) {
      result.otherProfile++
      result.otherProfileKeys.push(`${call.type}:${call.k}`)
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
  const { once, expected, lost, doubled, altered, otherProfile } = result
  return `delivery parity (${result.engine}): ${once}/${expected} calls exactly once (${lost} lost, ${doubled} doubled, ${altered} altered, ${otherProfile} on another profile)`
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  // SOAK_ENGINES=chromium:200,firefox:40,webkit:40 (the default) runs each engine with its number of sessions.
  const plan = (process.env.SOAK_ENGINES ?? 'chromium:200,firefox:40,webkit:40').split(',').map((part) => part.split(':'))
  for (const [engine, count] of plan) {
    const result = await runSoak({ sessions: Number(count ?? 40), seed: Number(process.env.SOAK_SEED ?? 1), engine })
    console.log(parityLine(result))
    console.log(
      `${result.sessions} sessions, ${result.calls} calls made: ${result.expected} recorded by Segment with consent, ` +
        `${result.withoutConsent} made without consent (${result.sentWithoutConsent} of them sent to CleverTap), ` +
        `${result.withdrawn} kept when consent was withdrawn, ${result.notOnSegment} not recorded by Segment; ` +
        `${result.keptPastConsent} pages kept calls in storage past a withdrawal; ${result.longTasks} long tasks on the pages (longest ${result.longestTaskMs} ms, the SDK's own included)`,
    )
    if (result.lostKeys.length) console.log('lost:', result.lostKeys.slice(0, 20).join(' '))
    if (result.doubledKeys.length) console.log('doubled:', result.doubledKeys.slice(0, 20).join(' '))
    if (result.otherProfileKeys.length) console.log('on another profile:', result.otherProfileKeys.slice(0, 20).join(' '))
  }
}
