/**
 * The delivery-parity soak (bench/soak.mjs) at a small size: short multi-page sessions with random
 * timing, a slow CDN, a slow CleverTap, SPA pages, identify, track, alias, reset and consent changes.
 * Every call Segment recorded with consent reaches CleverTap's wire exactly once, unaltered, and none
 * made without consent does. `npm run soak` runs it at size.
 */
import { execFile } from 'child_process'
import { join } from 'path'

jest.setTimeout(240_000)

const ROOT = join(__dirname, '..', '..')

test('delivery parity: every call exactly once across page loads, timings and consent changes', async () => {
  // bench/soak.mjs is ESM and shared with `npm run soak`; it runs in its own Node process.
  const script = "const { runSoak, parityLine } = await import('./bench/soak.mjs'); const r = await runSoak({ sessions: 3, seed: 7 }); console.log(JSON.stringify({ ...r, line: parityLine(r) }))"
  const output = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 220_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  )
  const result = JSON.parse(output.trim().split('\n').pop() as string)
  console.log(`${result.line}; ${result.sessions} sessions, ${result.calls} calls`)
  expect(result.expected).toBeGreaterThan(10)
  expect({ lost: result.lostKeys, doubled: result.doubledKeys, altered: result.altered, sentWithoutConsent: result.sentWithoutConsent, keptPastConsent: result.keptPastConsent }).toEqual({
    lost: [],
    doubled: [],
    altered: 0,
    sentWithoutConsent: 0,
    keptPastConsent: 0,
  })
  expect(result.once).toBe(result.expected)
})
