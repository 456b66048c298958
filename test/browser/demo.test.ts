/**
 * The QA demo as a QA person uses it: embedded mode, no network. Its service worker answers CleverTap
 * and Segment; the test clicks identify and Order Completed and reads the three columns.
 */
import { ChildProcess, spawn } from 'child_process'
import { mkdirSync } from 'fs'
import { join } from 'path'
import type { Browser } from 'playwright'
import { launchChromium } from '../support/browser'
import { ROOT } from '../support/static-server'

jest.setTimeout(60_000)

let browser: Browser
let server: ChildProcess | undefined
let origin: string

/** Runs the demo's own server, as `npm start` does, on a free port. */
function startDemo(): Promise<string> {
  server = spawn(process.execPath, [join(ROOT, 'demo/serve.mjs')], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let output = ''
    server!.stdout!.on('data', (chunk) => {
      output += chunk
      const match = /http:\/\/localhost:\d+/.exec(output)
      if (match) resolve(match[0])
    })
    server!.on('exit', (code) => reject(new Error(`demo server exited with ${code}: ${output}`)))
  })
}

beforeAll(async () => {
  origin = await startDemo()
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  server?.kill()
})

test('identify and Order Completed show the Segment event, the commands and the decoded wire', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
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
  await page.goto(origin + '/')
  await page.waitForSelector('#status[data-state="ready"]', { timeout: 20_000 })

  await page.click('#identify button[type="submit"]')
  const identifyRow = page.locator('.entry', { hasText: 'identify · user-42' })
  await identifyRow.locator('.wire pre').first().waitFor({ timeout: 15_000 })
  expect(await identifyRow.locator('.segment').innerText()).toContain('"email": "ada@example.com"')
  expect(await identifyRow.locator('.commands').innerText()).toMatch(/login[\s\S]*"Phone": "\+442079460958"[\s\S]*"Gender": "F"/)
  expect(await identifyRow.locator('.wire').innerText()).toMatch(/"Identity": "user-42"[\s\S]*"address_city": "London"/)

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

  mkdirSync(join(ROOT, 'test-results'), { recursive: true })
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: join(ROOT, 'test-results/demo.png') })
  expect(errors).toEqual([])
  expect(outside).toEqual([])
  await context.close()
})
