/**
 * Every TypeScript snippet in the README and docs/ type-checks exactly as pasted, one file per snippet,
 * under `strict` with the checks Vite's default tsconfig adds (`noUnusedLocals`, `noUnusedParameters`),
 * against the types this package publishes (dist/*.d.mts, as `npm pack` ships them) and analytics-next's
 * own. Nothing is added to a snippet: what it uses, it declares or imports.
 */
import { existsSync, readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import ts from 'typescript'

const ROOT = join(__dirname, '../..')
const PAGES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)]

/** ```ts blocks of every page, each with where it starts. */
const snippets = PAGES.flatMap((page) => {
  const text = readFileSync(join(ROOT, page), 'utf8')
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => ({
    where: `${page}:${text.slice(0, match.index).split('\n').length}`,
    code: match[1],
  }))
})

function typeErrors(fileName: string, source: string): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
    baseUrl: ROOT,
    paths: {
      'clevertap-segment-web': ['dist/index.d.mts'],
      'clevertap-segment-web/translate': ['dist/translate.d.mts'],
    },
  }
  const host = ts.createCompilerHost(options)
  const readFile = host.readFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  host.readFile = (name) => (name === fileName ? source : readFile(name))
  host.fileExists = (name) => name === fileName || fileExists(name)
  const program = ts.createProgram([fileName], options, host)
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

test('the README and docs/ have TypeScript snippets, and the published types to check them against', () => {
  expect(snippets.filter((s) => s.where.startsWith('README.md')).length).toBeGreaterThanOrEqual(2)
  expect(snippets.length).toBeGreaterThanOrEqual(7)
  expect(existsSync(join(ROOT, 'dist/index.d.mts'))).toBe(true)
})

test.each(snippets.map((s) => [s.where, s.code] as const))('the snippet at %s type-checks as pasted', (where, code) => {
  // A module of its own, as a file of the reader's project is (its own imports, top-level await).
  expect(typeErrors(join(ROOT, `snippet-${where.replace(/[^\w]/g, '-')}.ts`), `${code}\nexport {}\n`)).toEqual([])
})
