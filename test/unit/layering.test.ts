/**
 * The layout the code promises, checked on the source: no import cycles, the analytics-next side never
 * imports the lazily loaded parts (the engine, the inspector), the translation imports nothing outside
 * itself, the SDK edge knows neither the plugin nor the lazy wiring, the inspector only watches (it uses
 * neither the engine nor the SDK edge), and every file stays small enough to read at once.
 */
import { readdirSync, readFileSync, statSync } from 'fs'
import { dirname, join, relative, resolve } from 'path'

const SRC = join(__dirname, '..', '..', 'src')
const MAX_LINES = 200

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : []
  })
}

/** Every relative import of a file (static, type-only and dynamic), as paths under src/. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  // A dynamic import may carry a bundler's chunk-name comment before its path.
  const found = [...text.matchAll(/(?:from\s+|import\(\s*(?:\/\*.*?\*\/\s*)?)'(\.[^']+)'/g)].map((m) => m[1])
  return found.map((spec) => relative(SRC, resolve(dirname(file), spec)) + '.ts')
}

const graph = new Map(files(SRC).map((file) => [relative(SRC, file), imports(file)]))

test('the source is read as expected', () => {
  expect(graph.size).toBeGreaterThan(30)
  expect(graph.get('plugin/session.ts')).toContain('plugin/kept-calls.ts')
  expect(graph.get('index.ts')).toContain('lazy/npm-engine.ts')
  for (const targets of graph.values()) for (const target of targets) expect(graph.has(target)).toBe(true)
})

test('no module imports itself back through others', () => {
  const cycles = new Set<string>()
  const done = new Set<string>()
  const visit = (file: string, path: string[]) => {
    if (done.has(file)) return
    for (const next of graph.get(file) ?? []) {
      if (path.includes(next)) cycles.add([...path.slice(path.indexOf(next)), next].join(' → '))
      else visit(next, [...path, next])
    }
    done.add(file)
  }
  for (const file of graph.keys()) visit(file, [file])
  expect([...cycles]).toEqual([])
})

test('the folders are the design\'s: src/plugin, src/bridge/translation, src/bridge/sdk, src/lazy, src/inspector', () => {
  const folders = new Set([...graph.keys()].map((file) => dirname(file)))
  expect([...folders].sort()).toEqual(['.', 'bridge/sdk', 'bridge/translation', 'inspector', 'lazy', 'plugin'])
})

test.each`
  folder                   | mayNot
  ${'plugin/'}             | ${['lazy/', 'inspector/']}
  ${'inspector/'}          | ${['lazy/', 'bridge/sdk/']}
  ${'bridge/translation/'} | ${['plugin/', 'bridge/sdk/', 'lazy/', 'version']}
  ${'bridge/sdk/'}         | ${['plugin/', 'lazy/']}
`('src/$folder never imports $mayNot', ({ folder, mayNot }: { folder: string; mayNot: string[] }) => {
  const crossings = [...graph].flatMap(([file, targets]) =>
    file.startsWith(folder) ? targets.filter((t) => mayNot.some((m) => t.startsWith(m))).map((t) => `${file} → ${t}`) : [],
  )
  expect(crossings).toEqual([])
})

test(`no file in src/ is over ${MAX_LINES} lines`, () => {
  const long = [...graph.keys()].filter((file) => readFileSync(join(SRC, file), 'utf8').split('\n').length > MAX_LINES)
  expect(long).toEqual([])
})
