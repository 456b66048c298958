/**
 * The apps in examples/ built the way their users build them, from this package as npm installs it: the
 * tarball `npm pack` makes (dist/ as built), unpacked and linked in as `node_modules/clevertap-segment-web`.
 * Everything else (Vite, webpack, esbuild, Next.js, React, analytics-next) comes from this repository's
 * node_modules, linked in as the folder's own, which each app finds by walking up, as in a workspace.
 *
 * `node tools/example-sites.mjs <folder>` builds into <folder> and prints, as JSON, each app's folder,
 * where its built site is served from, and everything its bundler warned about:
 *   vite      examples/vite with Vite's defaults
 *   esbuild   the same app's code with esbuild's (bundle, splitting)
 *   webpack   examples/webpack with its webpack.config.js
 *   nextjs    examples/nextjs with `next build` (served by `next start`, which the test runs)
 *   script-tag examples/script-tag as it is; the test serves unpkg and Segment's CDN locally
 * (A process of its own: Vite is ESM-only, and Jest's test processes load CommonJS.)
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

/** What the examples are built with: a write key the test's Segment CDN knows, and the test account. */
export const EXAMPLE_ENV = { writeKey: 'example-write-key', accountId: 'TEST-R78-ZZZ-5Z7Z' }

/** The package as users install it: packed, then unpacked into <root>/package. */
function unpackedPackage(root) {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: ROOT, encoding: 'utf8' }))
  execFileSync('tar', ['-xzf', join(root, packed.filename), '-C', root])
  return join(root, 'package')
}

/** A copy of examples/<name> with the unpacked package linked in. */
function app(root, pkg, name, from = name) {
  const dir = join(root, name)
  rmSync(dir, { recursive: true, force: true })
  cpSync(join(ROOT, 'examples', from), dir, { recursive: true })
  mkdirSync(join(dir, 'node_modules'), { recursive: true })
  symlinkSync(pkg, join(dir, 'node_modules/clevertap-segment-web'), 'dir')
  return dir
}

async function withVite(root, pkg) {
  const dir = app(root, pkg, 'vite')
  const vite = await import('vite')
  const warnings = []
  const logger = vite.createLogger('warn', { allowClearScreen: false })
  logger.warn = (message) => void warnings.push(message)
  logger.warnOnce = (message) => void warnings.push(message)
  logger.error = (message) => void warnings.push(message)
  // As `vite build` with a .env file would have them.
  Object.assign(process.env, { VITE_SEGMENT_WRITE_KEY: EXAMPLE_ENV.writeKey, VITE_CLEVERTAP_ACCOUNT_ID: EXAMPLE_ENV.accountId })
  await vite.build({ root: dir, customLogger: logger, logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true } })
  // Vite strips types without checking them; its app template checks them with tsc, against the package's.
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' })
  } catch (error) {
    warnings.push(String(error.stdout || error))
  }
  return { name: 'vite', dir, site: join(dir, 'dist'), warnings }
}

async function withEsbuild(root, pkg) {
  const dir = app(root, pkg, 'esbuild', 'vite')
  const esbuild = await import('esbuild')
  const dist = join(dir, 'dist')
  const result = await esbuild.build({
    absWorkingDir: dir,
    entryPoints: ['src/main.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    outdir: join(dist, 'src'),
    logLevel: 'silent',
    define: {
      'import.meta.env.VITE_SEGMENT_WRITE_KEY': JSON.stringify(EXAMPLE_ENV.writeKey),
      'import.meta.env.VITE_CLEVERTAP_ACCOUNT_ID': JSON.stringify(EXAMPLE_ENV.accountId),
      'import.meta.env.VITE_CLEVERTAP_REGION': '""',
    },
  })
  // The Vite app's page, loading esbuild's entry instead.
  writeFileSync(join(dist, 'index.html'), readFileSync(join(dir, 'index.html'), 'utf8').replace('/src/main.ts', './src/main.js'))
  return { name: 'esbuild', dir, site: dist, warnings: [...result.errors, ...result.warnings].map((w) => w.text) }
}

async function withWebpack(root, pkg) {
  const dir = app(root, pkg, 'webpack')
  const { default: webpack } = await import('webpack')
  Object.assign(process.env, { SEGMENT_WRITE_KEY: EXAMPLE_ENV.writeKey, CLEVERTAP_ACCOUNT_ID: EXAMPLE_ENV.accountId })
  const config = { ...require(join(dir, 'webpack.config.js')), context: dir }
  const stats = await new Promise((resolve, reject) => webpack(config, (error, result) => (error || !result ? reject(error) : resolve(result))))
  const info = stats.toJson({ all: false, warnings: true, errors: true })
  return { name: 'webpack', dir, site: dir, warnings: [...(info.errors ?? []), ...(info.warnings ?? [])].map((w) => w.message) }
}

function withNext(root, pkg) {
  const dir = app(root, pkg, 'nextjs')
  const output = execFileSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_PUBLIC_SEGMENT_WRITE_KEY: EXAMPLE_ENV.writeKey,
      NEXT_PUBLIC_CLEVERTAP_ACCOUNT_ID: EXAMPLE_ENV.accountId,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const warnings = output.split('\n').filter((line) => /warn|error/i.test(line))
  return { name: 'nextjs', dir, site: dir, warnings }
}

function withScriptTag(root, pkg) {
  const dir = app(root, pkg, 'script-tag')
  // Filled in as its comments ask.
  const page = join(dir, 'index.html')
  writeFileSync(page, readFileSync(page, 'utf8').replaceAll('YOUR_WRITE_KEY', EXAMPLE_ENV.writeKey).replaceAll('YOUR_CLEVERTAP_ACCOUNT_ID', EXAMPLE_ENV.accountId))
  return { name: 'script-tag', dir, site: dir, package: pkg, warnings: [] }
}

const root = process.argv[2] && resolve(process.argv[2])
if (!root) throw new Error('usage: node tools/example-sites.mjs <folder>')
mkdirSync(root, { recursive: true })
// The apps find the build tools and analytics-next here, as in a workspace (the folder may be anywhere).
if (!existsSync(join(root, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir')
const pkg = unpackedPackage(root)
// One after another: they share the machine's two cores.
const only = process.argv[3]?.split(',')
const builders = { vite: withVite, esbuild: withEsbuild, webpack: withWebpack, nextjs: withNext, 'script-tag': withScriptTag }
const sites = []
for (const [name, build] of Object.entries(builders)) if (!only || only.includes(name)) sites.push(await build(root, pkg))
process.stdout.write(JSON.stringify(sites))
