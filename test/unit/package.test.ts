/**
 * The built package as users get it: its entry points, its version, and that importing it on a server
 * (plain Node, no window) neither throws nor touches browser globals.
 */
import { execFileSync } from 'child_process'
import { existsSync, mkdtempSync, readFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { VERSION } from '../../src/version'

const root = join(__dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

function node(script: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' }).trim()
}

test('src/version.ts matches package.json', () => {
  expect(VERSION).toBe(pkg.version)
})

test('every build exists where the exports map points', () => {
  for (const entry of ['.', './translate']) {
    for (const mode of ['import', 'require']) for (const file of Object.values(pkg.exports[entry][mode]) as string[]) expect(existsSync(join(root, file))).toBe(true)
  }
  expect(existsSync(join(root, pkg.unpkg))).toBe(true)
})

test('publint and arethetypeswrong find nothing: each entry resolves to types of its own module format in every resolution mode', () => {
  const bin = (name: string) => join(root, 'node_modules/.bin', name)
  expect(execFileSync(bin('publint'), ['--pack', 'npm', '--strict'], { cwd: root, encoding: 'utf8' })).toMatch(/All good!/)
  const dir = mkdtempSync(join(tmpdir(), 'ctseg-pack-'))
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }))
  const report = JSON.parse(execFileSync(bin('attw'), [join(dir, packed.filename), '--format', 'json'], { cwd: root, encoding: 'utf8' }))
  expect(report.analysis.problems).toEqual([])
})

const SSR_CHECK = (specifier: string, loader: string) => `
  const before = Object.keys(globalThis).sort().join()
  const mod = ${loader}
  const plugin = mod.createCleverTapPlugin({ accountId: 'TEST-R78-ZZZ-5Z7Z' })
  await plugin.load({}, undefined)
  const ctx = { event: { type: 'track', event: 'x' } }
  const returned = plugin.track(ctx)
  const after = Object.keys(globalThis).sort().join()
  console.log(JSON.stringify({ name: plugin.name, type: plugin.type, version: plugin.version, loaded: plugin.isLoaded(),
    returnsContext: returned === ctx, window: typeof window, same: before === after }))
`

test.each`
  build    | loader
  ${'ESM'} | ${"await import('clevertap-segment-web')"}
  ${'CJS'} | ${"(await import('module')).createRequire(import.meta.url)('clevertap-segment-web')"}
`('$build build imports and runs in plain Node without a window', ({ build, loader }) => {
  const result = JSON.parse(node(SSR_CHECK(build, loader)))
  expect(result).toEqual({ name: 'CleverTap', type: 'destination', version: pkg.version, loaded: false, returnsContext: true, window: 'undefined', same: true })
})

test('the translate subpath runs the pure translation in plain Node', () => {
  const result = JSON.parse(
    node(`
      const { translate, INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG } = await import('clevertap-segment-web/translate')
      console.log(JSON.stringify(translate({ type: 'track', event: 'a.b', properties: { x: { y: 1 } } }, INITIAL_STATE, DEFAULT_TRANSLATE_CONFIG).commands))
    `),
  )
  expect(result).toEqual([{ kind: 'event', name: 'a_b', properties: { x_y: 1 } }])
})

test('the script build defines window.CleverTapSegment.createCleverTapPlugin and nothing else', () => {
  const code = readFileSync(join(root, pkg.unpkg), 'utf8')
  const sandbox: Record<string, any> = {}
  const before = new Set(Object.keys(sandbox))
  new Function('window', 'self', 'globalThis', `var CleverTapSegment;${code};window.CleverTapSegment = CleverTapSegment`)(sandbox, sandbox, sandbox)
  expect(Object.keys(sandbox).filter((k) => !before.has(k))).toEqual(['CleverTapSegment'])
  expect(typeof sandbox.CleverTapSegment.createCleverTapPlugin).toBe('function')
  expect(sandbox.CleverTapSegment.createCleverTapPlugin({ accountId: 'X-1-2' }).name).toBe('CleverTap')
})

test('the script build\'s engine file defines window.CleverTapSegmentEngine and nothing else', () => {
  const code = readFileSync(join(root, 'dist/clevertap-segment-web.engine.min.js'), 'utf8')
  const sandbox: Record<string, any> = {}
  new Function('window', 'self', 'globalThis', `var CleverTapSegmentEngine;${code};window.CleverTapSegmentEngine = CleverTapSegmentEngine`)(sandbox, sandbox, sandbox)
  expect(Object.keys(sandbox)).toEqual(['CleverTapSegmentEngine'])
  expect(typeof sandbox.CleverTapSegmentEngine.engine.start).toBe('function')
})

test('the packed package builds itself first and ships its licence, its SRI hashes and the SDK chunk', () => {
  expect(pkg.scripts.prepack).toBe('npm run build')
  expect(pkg.license).toBe('MIT')
  expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: root, encoding: 'utf8' }))
  const paths: string[] = packed.files.map((f: { path: string }) => f.path)
  expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist/sri.json', 'dist/clevertap-segment-web.min.js', 'dist/clevertap-segment-web.engine.min.js']))
  expect(paths.some((p) => /^dist\/clevertap-sdk-[\w-]+\.mjs$/.test(p))).toBe(true)
  // No map of the SDK's own minified code (it would map it onto itself), and no intermediate declarations.
  expect(paths.filter((p) => /clevertap-sdk-.*\.map$|^dist\/types\//.test(p))).toEqual([])
  expect(paths).toEqual(expect.arrayContaining(['dist/clevertap-segment-web.inspector.min.js', 'dist/index.d.ts', 'dist/index.d.mts', 'docs/inspector.png']))
  // The README's images show on the registry's page, which resolves no relative path: each is an absolute
  // URL of a file the package ships.
  const images = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1])
  expect(images.length).toBeGreaterThan(0)
  for (const image of images) {
    expect(image).toMatch(new RegExp(`^https://unpkg\\.com/${pkg.name}/`))
    expect(paths).toContain(image.replace(`https://unpkg.com/${pkg.name}/`, ''))
  }
  // The SDK is built in, so installing the package pulls in no copy of its own.
  expect(pkg.dependencies?.['clevertap-web-sdk']).toBeUndefined()
})
