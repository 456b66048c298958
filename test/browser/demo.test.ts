/**
 * The QA demo as a QA person uses it: embedded mode, no network. Its service worker answers CleverTap
 * and Segment; the test clicks identify and Order Completed and reads the three columns.
 */
import { mkdirSync } from 'fs'
import { join } from 'path'
import type { Browser, BrowserContext, Page } from 'playwright'
import { eventually, launchChromium, openSite, Site } from '../support/browser'
import { ROOT } from '../support/static-server'
import { DemoServer, startDemo } from '../support/demo-server'

jest.setTimeout(60_000)

let browser: Browser
let demo: DemoServer | undefined
let origin: string

beforeAll(async () => {
  demo = await startDemo()
  origin = demo.origin
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await demo?.stop()
})

/** A context whose outside requests are aborted and recorded; the demo answers everything itself. */
async function embeddedPage(
  viewport = { width: 1440, height: 1000 },
): Promise<{ context: BrowserContext; page: Page; outside: string[]; dialogs: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport })
  const outside: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith(origin + '/')) return route.continue()
    outside.push(url)
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  return { context, page, outside, dialogs, errors }
}

test('identify and Order Completed show the Segment event, the commands and the decoded wire', async () => {
  const { context, page, outside, errors } = await embeddedPage()
  await page.goto(origin + '/')
  await page.waitForSelector('#status[data-state="ready"]', { timeout: 20_000 })

  await page.click('#identify button[type="submit"]')
  const identifyRow = page.locator('.entry', { hasText: 'identify · user-42' })
  await identifyRow.locator('.wire pre').first().waitFor({ timeout: 15_000 })
  expect(await identifyRow.locator('.segment').innerText()).toContain('"email": "ada@example.com"')
  expect(await identifyRow.locator('.commands').innerText()).toMatch(/login[\s\S]*"Phone": "\+442079460958"[\s\S]*"Gender": "F"/)
  expect(await identifyRow.locator('.wire').innerText()).toMatch(/"Identity": "user-42"[\s\S]*"address_city": "London"/)
  // Where CleverTap's wire differs from the commands, the row says it is CleverTap's encoding.
  await identifyRow.locator('.wire .note', { hasText: "Phone: CleverTap's SDK sends it as a number, without its '+'" }).waitFor({ timeout: 5000 })
  expect(await identifyRow.locator('.wire').innerText()).toContain("$D_…: CleverTap's encoding of a date (seconds since 1970)")

  await page.click('[data-preset="Order Completed"]')
  const orderRow = page.locator('.entry', { hasText: 'track · Order Completed' })
  await orderRow.locator('.wire pre').first().waitFor({ timeout: 15_000 })
  expect(await orderRow.locator('.segment').innerText()).toContain('"products"')
  expect(await orderRow.locator('.commands').innerText()).toMatch(/charged[\s\S]*"variant_size": "M"/)
  const wire = await orderRow.locator('.wire').innerText()
  expect(wire).toContain('Charged')
  expect(wire).toMatch(/"Items": \[[\s\S]*"categories": "Apparel, Shirts"/)
  expect(wire).toMatch(/"Amount": 86.5/)

  // Engagement panel: a simulated pop-up view reaches Segment as a CleverTap engagement event.
  await page.click('#viewed')
  await page.locator('#engagement li', { hasText: 'Notification Viewed' }).waitFor({ timeout: 15_000 })
  expect(await page.locator('#engagement').innerText()).toContain('"Campaign Id":"1700000000"')
  // Its row in the log says what it is, instead of waiting for a delivery that never comes.
  const forwarded = page.locator('.entry', { hasText: 'track · Notification Viewed' })
  expect(await forwarded.locator('.commands').innerText()).toContain('CleverTap engagement forwarded to Segment: not sent back to CleverTap')

  mkdirSync(join(ROOT, 'test-results'), { recursive: true })
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: join(ROOT, 'test-results/demo.png') })
  expect(errors).toEqual([])
  expect(outside).toEqual([])
  await context.close()
})

/** The row texts, oldest first: [Segment event, commands, wire]. */
async function rowTexts(page: Page): Promise<string[][]> {
  const rows = await page.$$eval('.entry', (entries) => entries.map((e) => Array.from(e.children, (c) => (c as HTMLElement).innerText)))
  return rows.reverse()
}

test("SPA page rows each show their own page view, and a reset says it sends nothing by design", async () => {
  const { context, page, outside } = await embeddedPage()
  await page.goto(origin + '/')
  await page.waitForSelector('#status[data-state="ready"]', { timeout: 20_000 })
  for (const path of ['/catalog', '/cart', '/']) await page.click(`[data-page="${path}"]`)
  await page.click('#reset')
  await page.locator('.entry', { hasText: 'nothing sent by design' }).waitFor({ timeout: 15_000 })
  await page.waitForFunction(() => document.querySelectorAll('.entry .wire .empty').length === 0 || ![...document.querySelectorAll('.entry .wire .empty')].some((e) => /waiting/.test(e.textContent ?? '')), undefined, { timeout: 15_000 })
  const rows = (await rowTexts(page)).filter(([segment]) => /^(page|reset)/.test(segment))
  const pageViews = rows.filter(([segment]) => segment.startsWith('page')).map(([segment, , wire]) => [segment.split('\n')[0], /"page": "([^"]+)"/.exec(wire)?.[1] ?? wire])
  expect(pageViews).toEqual([
    ['page · Home', 'nothing sent for this call (see the note)'],
    ['page · catalog', `${origin}/catalog`],
    ['page · cart', `${origin}/cart`],
    ['page · Home', `${origin}/`],
  ])
  expect(rows[rows.length - 1][0]).toMatch(/^reset/)
  expect(rows[rows.length - 1][2]).toMatch(/nothing sent by design/)
  expect(outside).toEqual([])
  await context.close()
})

test('invalid JSON is shown next to its field, and nothing is sent', async () => {
  const { context, page, dialogs } = await embeddedPage()
  await page.goto(origin + '/')
  await page.waitForSelector('#status[data-state="ready"]', { timeout: 20_000 })
  await page.fill('#track textarea[name="properties"]', '{ not json')
  await page.click('#track button[type="submit"]')
  await page.locator('#track .field-error').waitFor()
  expect(await page.locator('#track .field-error').innerText()).toMatch(/properties is not valid JSON .*nothing was sent/)
  expect(await page.locator('.entry', { hasText: 'track · Button Clicked' }).count()).toBe(0)
  // Fixed, it goes, and the message goes away.
  await page.fill('#track textarea[name="properties"]', '{ "ok": true }')
  await page.click('#track button[type="submit"]')
  await page.locator('.entry', { hasText: 'track · Button Clicked' }).waitFor()
  expect(await page.locator('#track .field-error').count()).toBe(0)
  expect(dialogs).toEqual([])
  await context.close()
})

describe('live mode', () => {
  /** Live mode on the local stand-ins for the real services: requests that reach them crossed the network. */
  async function live(site: Site, query: string) {
    await site.page.goto(`${origin}/?${query}`)
  }

  test('after embedded mode ran, live mode unregisters the worker and its requests are real ones', async () => {
    const site = await openSite(browser, origin)
    // Embedded first: its worker installs with scope /.
    await site.page.goto(origin + '/')
    await site.page.waitForSelector('#status[data-state="ready"]', { timeout: 20_000 })
    expect(await site.page.locator('#mode').getAttribute('data-mode')).toBe('embedded')
    expect(site.attempts).toEqual([])

    await live(site, 'accountId=TEST-R78-ZZZ-5Z7Z')
    await site.page.waitForSelector('#status[data-state="ready"]', { timeout: 20_000 })
    expect(await site.page.locator('#mode').innerText()).toBe('live · real network')
    expect(await site.page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0)
    await site.page.click('#identify button[type="submit"]')
    // The login left the browser: the stand-in for CleverTap's server received it.
    const login = await eventually(() => site.server.profiles().find((p) => p.profile.Identity === 'user-42'), 15_000, 'the login on the network')
    expect(login.profile.Email).toBe('ada@example.com')
    expect(site.attempts.length).toBeGreaterThan(0)
    await site.context.close()
  })

  test('offline with an account id: the failure shows at once, calls still get rows saying they were not sent', async () => {
    const site = await openSite(browser, origin, { sdk: 'block' })
    const started = Date.now()
    await live(site, 'accountId=TEST-R78-ZZZ-5Z7Z')
    await site.page.waitForSelector('#status[data-state="failed"]', { timeout: 20_000 })
    // Known as soon as the SDK's request failed, not after the 15 s the demo once waited.
    expect(Date.now() - started).toBeLessThan(8_000)
    expect(await site.page.locator('#status').innerText()).toMatch(/CleverTap did not load/)
    await site.page.click('#identify button[type="submit"]')
    await site.page.click('#track button[type="submit"]')
    for (const title of ['identify · user-42', 'track · Button Clicked']) {
      const row = site.page.locator('.entry', { hasText: title })
      await row.waitFor()
      expect(await row.locator('.commands').innerText()).toMatch(/not sent: CleverTap did not load/)
    }
    // The first message stays after the calls made since were shown as not sent.
    expect(await site.page.locator('#status').innerText()).toMatch(/CleverTap did not load/)
    await site.context.close()
  })
})

test('on a 390 px phone the log reads in one column, each part labelled', async () => {
  const { context, page, outside } = await embeddedPage({ width: 390, height: 844 })
  await page.goto(origin + '/')
  await page.waitForSelector('#status[data-state="ready"]', { timeout: 20_000 })
  await page.click('[data-preset="Order Completed"]')
  const row = page.locator('.entry', { hasText: 'track · Order Completed' })
  // The tap's result is in view without scrolling: the new row is on screen (the log starts below the controls).
  await row.waitFor({ timeout: 5000 })
  const top = await row.evaluate((entry) => entry.getBoundingClientRect().top)
  expect(top).toBeGreaterThanOrEqual(0)
  expect(top).toBeLessThan(844)
  await row.locator('.wire pre').first().waitFor({ timeout: 15_000 })
  const widths = await row.evaluate((entry) => Array.from(entry.children, (c) => (c as HTMLElement).getBoundingClientRect().width))
  for (const width of widths) expect(width).toBeGreaterThan(300)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  expect(await row.locator('.wire').evaluate((e) => getComputedStyle(e, '::before').content)).toBe('"CleverTap wire (decoded)"')
  await row.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(ROOT, 'test-results/demo-phone.png') })
  expect(outside).toEqual([])
  await context.close()
})
