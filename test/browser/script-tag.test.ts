/**
 * The script tag as the README gives it: from a public npm CDN, pinned by Subresource Integrity (the
 * hashes of dist/sri.json), and never mixing two versions of its two files.
 */
import { readFileSync } from 'fs'
import { join } from 'path'
import { eventually, finishSite, openSite, useChromium } from '../support/browser'
import { ROOT } from '../support/static-server'

jest.setTimeout(60_000)

const env = useChromium()
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
const sri = JSON.parse(readFileSync(join(ROOT, 'dist/sri.json'), 'utf8'))

/** A site whose plugin script comes from `src`, with an integrity attribute; analytics-next from the site. */
const sitePage = (src: string, integrity: string) => `<!doctype html><html><head><meta charset="utf-8"></head><body>
<script>window.pageErrors = []; addEventListener('error', (e) => pageErrors.push(String(e.message)))</script>
<script src="/segment/index.js"></script>
<script src="${src}" integrity="${integrity}" crossorigin="anonymous"></script>
<script>window.createCleverTapPlugin = window.CleverTapSegment && window.CleverTapSegment.createCleverTapPlugin</script>
<script src="/fixtures/harness.js"></script>
</body></html>`

/** unpkg, played locally: `/clevertap-segment-web[@version]/dist/<file>` from this build, with CORS as unpkg sends it. */
async function playUnpkg(site: Awaited<ReturnType<typeof openSite>>, served: string[], tamper = false) {
  await site.context.route('https://unpkg.com/**', (route) => {
    const url = new URL(route.request().url())
    served.push(url.pathname)
    const file = /^\/clevertap-segment-web(?:@[^/]+)?\/dist\/([\w.-]+)$/.exec(url.pathname)?.[1]
    if (!file) return route.fulfill({ status: 404, body: 'not found' })
    let body = readFileSync(join(ROOT, 'dist', file), 'utf8')
    if (tamper) body += '\n;window.tampered = true'
    return route.fulfill({ status: 200, contentType: 'application/javascript', headers: { 'access-control-allow-origin': '*' }, body })
  })
}

test('pinned with its integrity hash it runs, and an unversioned URL still loads the engine of its own version', async () => {
  const site = await openSite(env.browser, env.http.origin)
  const served: string[] = []
  await playUnpkg(site, served)
  await site.context.route(`${env.http.origin}/site.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: sitePage('https://unpkg.com/clevertap-segment-web/dist/clevertap-segment-web.min.js', sri.files['clevertap-segment-web.min.js']) }),
  )
  await site.page.goto(`${env.http.origin}/site.html`)
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  await site.page.evaluate(() => (window as any).start({}))
  await site.page.evaluate(() => (window as any).analytics.track('From The CDN'))
  await eventually(() => site.server.events('From The CDN')[0], 15_000, 'the event')
  expect(served).toEqual(['/clevertap-segment-web/dist/clevertap-segment-web.min.js', `/clevertap-segment-web@${pkg.version}/dist/clevertap-segment-web.engine.min.js`])
  expect(sri.version).toBe(pkg.version)
  await finishSite(site)
})

test('a file that does not match its integrity hash is not run', async () => {
  const site = await openSite(env.browser, env.http.origin)
  await playUnpkg(site, [], true)
  await site.context.route(`${env.http.origin}/site.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: sitePage(`https://unpkg.com/clevertap-segment-web@${pkg.version}/dist/clevertap-segment-web.min.js`, sri.files['clevertap-segment-web.min.js']) }),
  )
  await site.page.goto(`${env.http.origin}/site.html`)
  await site.page.waitForFunction(() => (window as any).harnessLoaded === true)
  expect(await site.page.evaluate(() => [typeof (window as any).CleverTapSegment, (window as any).tampered])).toEqual(['undefined', undefined])
  await site.context.close()
})
