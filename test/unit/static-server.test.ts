/**
 * The demo and test server answers a bad request with 400 and keeps serving; nothing outside its folders
 * is ever served.
 */
import { request } from 'http'
import { startStaticServer } from '../support/static-server'

/** A raw GET, so the path reaches the server exactly as written (no client-side normalising). */
function get(origin: string, path: string): Promise<number> {
  const { hostname, port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

test.each`
  path                                   | status
  ${'/x%'}                               | ${400}
  ${'/fixtures/%E0%A4%A'}                | ${400}
  ${'/fixtures/../../package.json'}      | ${404}
  ${'/fixtures/%2e%2e/%2e%2e/package.json'} | ${404}
  ${'/fixtures/harness.js'}              | ${200}
`('GET $path → $status, and the server keeps serving', async ({ path, status }) => {
  const server = await startStaticServer()
  try {
    expect(await get(server.origin, path)).toBe(status)
    expect(await get(server.origin, '/fixtures/harness.js')).toBe(200)
  } finally {
    await server.close()
  }
})
