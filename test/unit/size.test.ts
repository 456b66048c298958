/**
 * The eager footprint: what a page must download and run before CleverTap, as a bundler splits the ESM
 * build and as the script build ships. Sizes are deterministic, so the budget is a test.
 */
import { execFileSync } from 'child_process'
import { join } from 'path'

const ROOT = join(__dirname, '..', '..')
let sizes: any

beforeAll(() => {
  // bench/sizes.mjs is ESM and shared with `npm run bench`; it runs in its own Node process.
  const script = "const { measureSizes } = await import('./bench/sizes.mjs'); console.log(JSON.stringify(await measureSizes()))"
  sizes = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' }))
}, 60_000)

test('the ESM build splits the CleverTap SDK and the translation engine out of what loads eagerly', () => {
  const eagerInputs = sizes.chunks.filter((c: any) => c.eager).flatMap((c: any) => c.inputs)
  expect(eagerInputs.some((i: string) => i.includes('clevertap-web-sdk'))).toBe(false)
  expect(eagerInputs.some((i: string) => /engine|translate/.test(i))).toBe(false)
  // By content, too: the eager chunks hold neither SDK code nor the translation.
  for (const chunk of sizes.chunks.filter((c: any) => c.eager)) expect(chunk.has).toEqual({ sdk: false, translation: false })
  expect(sizes.chunks.some((c: any) => !c.eager && c.has.translation)).toBe(true)
  expect(sizes.sdkChunk).toBeDefined()
  expect(sizes.sdkChunk.eager).toBe(false)
  expect(sizes.sdkChunk.gzip).toBeGreaterThan(50_000)
})

test.each(['esm', 'script'])('the %s build\'s eager part stays within the 4 KB min+gzip budget', (build) => {
  expect(sizes.eager.budget).toBe(4 * 1024)
  expect(sizes.eager[build]).toBeLessThanOrEqual(sizes.eager.budget)
})

test('the ordering of kept calls (outbox, resets, aliases) and option checks are not eager', () => {
  const eager = sizes.eager.modules.map((m: any) => m.file)
  expect(eager).toEqual(expect.arrayContaining(['src/plugin/session.ts', 'src/plugin/kept-calls.ts']))
  for (const lazy of ['src/lazy/', 'src/bridge/sdk/']) expect(eager.filter((f: string) => f.startsWith(lazy))).toEqual([])
  expect(eager.filter((f: string) => f.startsWith('src/bridge/translation/') && !f.endsWith('objects.ts'))).toEqual([])
})
