// `npm start`: serves the QA demo on http://localhost:8080 (PORT to change it). No network is needed:
// the demo's service worker answers CleverTap and Segment unless a real account id is given.
import { createServer } from 'http'
import { existsSync, readFileSync, statSync } from 'fs'
import { dirname, extname, join, normalize, sep } from 'path'
import { fileURLToPath } from 'url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const port = Number(process.env.PORT ?? 8080)

export const DEMO_MOUNTS = {
  '/dist/': join(root, 'dist'),
  '/segment/': join(root, 'node_modules/@segment/analytics-next/dist/umd'),
  '/vendor/clevertap/': join(root, 'node_modules/clevertap-web-sdk'),
  '/vendor/lz-string/': join(root, 'node_modules/lz-string/libs'),
  '/': join(root, 'demo'),
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'application/javascript; charset=utf-8', '.css': 'text/css', '.map': 'application/json', '.png': 'image/png' }

function resolve(pathname) {
  for (const [prefix, dir] of Object.entries(DEMO_MOUNTS)) {
    if (!pathname.startsWith(prefix)) continue
    let file = normalize(join(dir, decodeURIComponent(pathname.slice(prefix.length))))
    if (!file.startsWith(dir)) return undefined
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
    if (existsSync(file)) return file
    // Single-page app routes (/catalog, /cart) serve the demo page itself.
    if (prefix === '/' && !extname(pathname)) return join(dir, 'index.html')
    return undefined
  }
  return undefined
}

export function startDemoServer(listenPort = port, host = '127.0.0.1') {
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname
    const file = resolve(pathname)
    if (!file || !file.startsWith(root + sep)) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      return res.end('not found')
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
    res.end(readFileSync(file))
  })
  return new Promise((done) => server.listen(listenPort, host, () => done(server)))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startDemoServer()
  const { port: actual } = server.address()
  console.log(`clevertap-segment-web demo: http://localhost:${actual}/`)
  console.log('Embedded mode: no account, no network. Add ?accountId=XXX-XXX-XXXX for a real CleverTap account.')
}
