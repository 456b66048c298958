import { chromium } from 'playwright'
import { spawn } from 'child_process'
const server = spawn(process.execPath, ['demo/serve.mjs'], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] })
const origin = await new Promise((r) => { let o = ''; server.stdout.on('data', (c) => { o += c; const m = /http:\/\/localhost:\d+/.exec(o); if (m) r(m[0]) }) })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } })
await context.route('**/*', (route) => route.request().url().startsWith(origin + '/') ? route.continue() : route.abort())
const page = await context.newPage()
await page.goto(origin + '/')
await page.waitForSelector('#status[data-state="ready"]', { timeout: 20000 })
for (const p of ['/catalog', '/cart', '/']) { await page.click(`[data-page="${p}"]`); await page.waitForTimeout(700) }
await page.click('#reset'); await page.waitForTimeout(1500)
const rows = await page.$$eval('.entry', (es) => es.map((e) => [...e.children].map((c) => c.innerText.replace(/\s+/g, ' ').slice(0, 140))))
console.log(JSON.stringify(rows.reverse(), null, 1))
await browser.close(); server.kill()
