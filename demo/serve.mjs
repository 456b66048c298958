// `npm start`: serves the QA demo on http://localhost:8080 (PORT to change it). No network is needed:
// the demo's service worker answers CleverTap and Segment unless a real account id is given.
import { createRequire } from 'module'
import { dirname, join } from 'path'
import { fileURLToPath } from 'url'

const require = createRequire(import.meta.url)
const { startStaticServer } = require('../tools/static-server.cjs')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const server = await startStaticServer(
  {
    '/dist/': join(root, 'dist'),
    '/segment/': join(root, 'node_modules/@segment/analytics-next/dist/umd'),
    '/vendor/clevertap/': join(root, 'node_modules/clevertap-web-sdk'),
    '/vendor/lz-string/': join(root, 'node_modules/lz-string/libs'),
    '/tools/': join(root, 'tools'),
    '/': join(root, 'demo'),
  },
  { port: Number(process.env.PORT ?? 8080), fallback: join(root, 'demo/index.html') },
)
console.log(`clevertap-segment-web demo: http://localhost:${server.port}/`)
console.log('Embedded mode: no account, no network. Add ?accountId=XXX-XXX-XXXX for a real CleverTap account.')
