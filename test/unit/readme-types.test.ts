/**
 * Every TypeScript snippet in the README type-checks, strictly, against the types this package publishes
 * (dist/types, as `npm pack` ships them) and analytics-next's own. The snippets are read from the README,
 * so the two cannot drift apart. Names a snippet uses without importing them (`analytics`, `plugin`) get a
 * declaration, as the surrounding prose implies.
 */
import { existsSync, readFileSync } from 'fs'
import { join } from 'path'
import ts from 'typescript'

const ROOT = join(__dirname, '../..')
const README = readFileSync(join(ROOT, 'README.md'), 'utf8')

/** ```ts blocks, with the line each starts on. */
const snippets = [...README.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => ({
  line: README.slice(0, match.index).split('\n').length,
  code: match[1],
}))

/** Declarations for names the prose provides; each added only when a snippet uses it without defining it. */
const CONTEXT: Record<string, string> = {
  analytics: "declare const analytics: import('@segment/analytics-next').AnalyticsBrowser",
  plugin: "declare const plugin: import('clevertap-segment-web').CleverTapPlugin",
  createCleverTapPlugin: "import { createCleverTapPlugin } from 'clevertap-segment-web'",
}

function withContext(code: string): string {
  const defined = (name: string) => new RegExp(`(import[^;]*\\b${name}\\b|(const|let|function) ${name}\\b)`).test(code)
  const used = (name: string) => new RegExp(`\\b${name}\\b`).test(code)
  const prelude = Object.entries(CONTEXT)
    .filter(([name]) => used(name) && !defined(name))
    .map(([, declaration]) => declaration)
  // Every snippet is a module, so top-level await and its own imports work.
  return [...prelude, code, 'export {}'].join('\n')
}

function typeErrors(fileName: string, source: string): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
    baseUrl: ROOT,
    paths: {
      'clevertap-segment-web': ['dist/types/index.d.ts'],
      'clevertap-segment-web/translate': ['dist/types/translate.d.ts'],
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

test('the README has TypeScript snippets, and the published types to check them against', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(6)
  expect(existsSync(join(ROOT, 'dist/types/index.d.ts'))).toBe(true)
})

test.each(snippets.map((s) => [s.line, s.code] as const))('the snippet at README.md line %i type-checks', (line, code) => {
  expect(typeErrors(join(ROOT, `readme-snippet-${line}.ts`), withContext(code))).toEqual([])
})
