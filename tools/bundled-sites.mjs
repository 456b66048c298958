/**
 * The fixture site (test/browser/fixtures/bundler-app) built the way users build theirs: with Vite, webpack
 * and esbuild, each with its defaults and nothing set for CleverTap. The package is linked in as
 * `node_modules/clevertap-segment-web`, as `npm install` or `npm link` would put it, so each bundler reads
 * its package.json like any dependency's.
 *
 * `node tools/bundled-sites.mjs <folder>` builds all three into <folder>/<bundler>/dist and prints, as
 * JSON, each site's folder and everything its bundler warned about. (A process of its own: Vite is
 * ESM-only, and Jest's test processes load CommonJS.)
 */
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

const page = (bundler, entry) =>
  `<!doctype html><html data-bundler="${bundler}"><head><meta charset="utf-8"><title>${bundler}</title><script>window.pageErrors = []; addEventListener('error', (e) => pageErrors.push(String(e.message))); addEventListener('unhandledrejection', (e) => pageErrors.push(String(e.reason)))</script></head><body><script type="module" src="${entry}"></script></body></html>\n`

/** A folder holding the app and the linked package. */
function workspace(root, name) {
  const app = join(root, name)
  rmSync(app, { recursive: true, force: true })
  mkdirSync(join(app, 'node_modules'), { recursive: true })
  cpSync(join(ROOT, 'test/browser/fixtures/bundler-app'), join(app, 'src'), { recursive: true })
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `site-${name}`, private: true, type: 'module' }))
  symlinkSync(ROOT, join(app, 'node_modules/clevertap-segment-web'), 'dir')
  return app
}

async function withVite(root) {
  const app = workspace(root, 'vite')
  writeFileSync(join(app, 'index.html'), page('vite', '/src/main.js'))
  const vite = await import('vite')
  const warnings = []
  const logger = vite.createLogger('warn', { allowClearScreen: false })
  logger.warn = (message) => void warnings.push(message)
  logger.warnOnce = (message) => void warnings.push(message)
  logger.error = (message) => void warnings.push(message)
  await vite.build({ root: app, base: '/bundlers/vite/dist/', customLogger: logger, logLevel: 'warn', configFile: false, build: { outDir: 'dist', emptyOutDir: true } })
  return { name: 'vite', dir: join(app, 'dist'), warnings }
}

async function withWebpack(root) {
  const app = workspace(root, 'webpack')
  const { default: webpack } = await import('webpack')
  const dist = join(app, 'dist')
  const stats = await new Promise((resolve, reject) =>
    webpack(
      {
        mode: 'production',
        context: app,
        entry: './src/main.js',
        output: { path: dist, publicPath: '/bundlers/webpack/dist/', clean: true },
        // The webpack line in docs/install.md: CleverTap's SDK (261 KiB, loaded lazily) is exempt from the size hint.
        performance: { assetFilter: (file) => !file.includes('clevertap-sdk') && !file.endsWith('.map') },
      },
      (error, result) =>
      error || !result ? reject(error) : resolve(result),
    ),
  )
  const info = stats.toJson({ all: false, warnings: true, errors: true })
  mkdirSync(dist, { recursive: true })
  writeFileSync(join(dist, 'index.html'), page('webpack', './main.js'))
  return { name: 'webpack', dir: dist, warnings: [...(info.errors ?? []), ...(info.warnings ?? [])].map((w) => w.message) }
}

async function withEsbuild(root) {
  const app = workspace(root, 'esbuild')
  const esbuild = await import('esbuild')
  const dist = join(app, 'dist')
  const result = await esbuild.build({ absWorkingDir: app, entryPoints: ['src/main.js'], bundle: true, splitting: true, format: 'esm', minify: true, outdir: dist, logLevel: 'silent' })
  writeFileSync(join(dist, 'index.html'), page('esbuild', './main.js'))
  return { name: 'esbuild', dir: dist, warnings: [...result.errors, ...result.warnings].map((w) => w.text) }
}

const root = process.argv[2]
if (!root) throw new Error('usage: node tools/bundled-sites.mjs <folder>')
mkdirSync(root, { recursive: true })
// One after another: they share the machine's two cores.
const sites = [await withVite(root), await withWebpack(root), await withEsbuild(root)]
process.stdout.write(JSON.stringify(sites))
