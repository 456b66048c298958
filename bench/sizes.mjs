// Bundle sizes as a site gets them: raw, minified and minified+gzip of each build, and the eager part
// (what a page must download and run before CleverTap) against the budget. Shared by `npm run bench`
// and the size test in `npm test`.
import { build } from 'esbuild'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs'
import { createRequire } from 'module'
import { tmpdir } from 'os'
import { dirname, join } from 'path'
import { fileURLToPath } from 'url'
import { gzipSync } from 'zlib'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
/**
 * The eager budget, min+gzip, in bytes; the aim is 3 KB. What must be eager is what a call needs before
 * CleverTap loads: the hooks, the kept calls copied and ordered (resets, aliases), consent, the schedule,
 * and carrying unsent calls to the next page. Everything that matters only once CleverTap starts is in
 * the lazily loaded engine, including the region and proxy-host checks: they run there before the SDK is
 * downloaded, so a bad region still sends nothing, at no eager cost. The session only keeps what it hears
 * until then; ordering it (resets, aliases) is the engine's. Each eager module's share is listed by
 * `eagerModules()`, so the next cut can be aimed.
 */
export const BUDGET = 4 * 1024

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length

async function minified(file) {
  const result = await build({ entryPoints: [file], minify: true, write: false, format: 'esm', logLevel: 'silent', allowOverwrite: true })
  return result.outputFiles[0].contents
}

/** Bundles a site entry importing the ESM build, with the real SDK, splitting chunks like a site would. */
export async function siteBundle() {
  const dir = mkdtempSync(join(tmpdir(), 'ctseg-size-'))
  const entry = join(dir, 'site.js')
  writeFileSync(entry, "import { createCleverTapPlugin } from 'clevertap-segment-web'\nwindow.plugin = createCleverTapPlugin({ accountId: 'X' })\n")
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    outdir: join(dir, 'out'),
    metafile: true,
    write: false,
    logLevel: 'silent',
    alias: { 'clevertap-segment-web': join(ROOT, 'dist/index.mjs') },
    // No `crypto` setting: the package's SDK chunk needs none (rollup.config.mjs).
    external: ['@segment/analytics-next'],
    nodePaths: [join(ROOT, 'node_modules')],
  })
  const outputs = result.metafile.outputs
  const contents = Object.fromEntries(result.outputFiles.map((f) => [f.path, f.contents]))
  const key = (path) => Object.keys(contents).find((p) => p.endsWith(path.replace(/^.*out\//, 'out/')))
  const entryOut = Object.keys(outputs).find((o) => outputs[o].entryPoint)
  // Eager = the entry and every chunk it imports statically; dynamic imports load later.
  const eager = new Set()
  const visit = (out) => {
    if (eager.has(out)) return
    eager.add(out)
    for (const imp of outputs[out].imports) if (imp.kind === 'import-statement' && outputs[imp.path]) visit(imp.path)
  }
  visit(entryOut)
  const chunks = Object.keys(outputs)
    .filter((o) => o.endsWith('.js'))
    .map((o) => ({
      file: o,
      eager: eager.has(o),
      inputs: Object.keys(outputs[o].inputs),
      // What the chunk's code contains, read from strings only that code has.
      has: {
        sdk: new TextDecoder().decode(contents[key(o)]).includes('$WZRK_WR'),
        translation: new TextDecoder().decode(contents[key(o)]).includes('is reserved by CleverTap'),
      },
      min: contents[key(o)].length,
      gzip: gz(contents[key(o)]),
    }))
  return chunks
}

/**
 * Each module's share of the script build's eager file: its minified bytes in one esbuild bundle of
 * src/browser.ts, and that share of the file's min+gzip size (gzip does not split by module; the
 * proportion is the guide).
 */
export async function eagerModules() {
  const result = await build({ entryPoints: [join(ROOT, 'src/browser.ts')], bundle: true, minify: true, write: false, metafile: true, format: 'iife', logLevel: 'silent' })
  const output = Object.values(result.metafile.outputs)[0]
  const total = result.outputFiles[0].contents.length
  const gzip = gz(result.outputFiles[0].contents)
  return Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({ file: file.replace(/^.*?src\//, 'src/'), min: bytesInOutput, gzipShare: Math.round((bytesInOutput / total) * gzip) }))
    .sort((a, b) => b.min - a.min)
}

/** Both CleverTap SDK releases as CleverTap's CDN serves them (minified already): npm's and the CDN's own. */
function sdkReleases() {
  const { SDK_RELEASES } = createRequire(import.meta.url)('../tools/local-network.cjs')
  return Object.entries(SDK_RELEASES)
    .filter(([, path]) => existsSync(path))
    .map(([source, path]) => {
      const bytes = readFileSync(path)
      const version = /web-sdk-v(\d+\.\d+\.\d+)/.exec(bytes.toString('utf8'))?.[1] ?? 'unknown'
      return { source, version, raw: bytes.length, gzip: gz(bytes) }
    })
}

export async function measureSizes() {
  const files = [
    ['ESM (dist/index.mjs)', 'dist/index.mjs'],
    ['CJS (dist/index.cjs)', 'dist/index.cjs'],
    ['script (clevertap-segment-web.min.js)', 'dist/clevertap-segment-web.min.js'],
    ['script engine (clevertap-segment-web.engine.min.js)', 'dist/clevertap-segment-web.engine.min.js'],
    ['script inspector (clevertap-segment-web.inspector.min.js, only when turned on)', 'dist/clevertap-segment-web.inspector.min.js'],
  ]
  const builds = []
  for (const [name, file] of files) {
    const path = join(ROOT, file)
    const raw = readFileSync(path)
    const min = file.endsWith('.min.js') ? raw : await minified(path)
    builds.push({ name, raw: raw.length, min: min.length, gzip: gz(min) })
  }
  const chunks = await siteBundle()
  const eagerEsm = chunks.filter((c) => c.eager).reduce((sum, c) => sum + c.gzip, 0)
  const script = builds.find((b) => b.name.startsWith('script (')).gzip
  const sdk = chunks.find((c) => c.has.sdk)
  return { builds, chunks, eager: { esm: eagerEsm, script, budget: BUDGET, modules: await eagerModules() }, sdkChunk: sdk, sdkReleases: sdkReleases() }
}
