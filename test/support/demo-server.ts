/** The demo's own server, as `npm start` runs it, on a free port; `stop()` waits for it to exit. */
import { spawn } from 'child_process'
import { join } from 'path'
import { ROOT } from './static-server'

export interface DemoServer {
  origin: string
  stop(): Promise<void>
}

export function startDemo(): Promise<DemoServer> {
  const child = spawn(process.execPath, [join(ROOT, 'demo/serve.mjs')], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
      const match = /http:\/\/localhost:\d+/.exec(output)
      if (match) resolve({ origin: match[0], stop: () => (child.kill(), exited) })
    })
    child.on('exit', (code) => reject(new Error(`demo server exited with ${code}: ${output}`)))
  })
}
