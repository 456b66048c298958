// A small static file server for the demo, the browser tests and the benchmarks: URL prefixes map to
// folders, nothing outside them is served, and it listens on the loopback interface only.
const { createServer } = require('http')
const { existsSync, readFileSync, statSync } = require('fs')
const { extname, join, normalize, sep } = require('path')

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.png': 'image/png',
}

function resolveFile(pathname, mounts, fallback) {
  for (const [prefix, dir] of Object.entries(mounts)) {
    if (!pathname.startsWith(prefix)) continue
    let file = normalize(join(dir, pathname.slice(prefix.length)))
    if (file !== dir && !file.startsWith(dir + sep)) return undefined
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
    if (existsSync(file)) return file
    if (fallback && prefix === '/' && !extname(pathname)) return fallback
    return undefined
  }
  return undefined
}

/**
 * @param {Record<string, string>} mounts URL prefix → folder
 * @param {{ port?: number, headers?: (pathname: string) => Record<string, string>, fallback?: string }} options
 *   `fallback` is served for extension-less paths under `/` (single-page app routes).
 * @returns {Promise<{ origin: string, port: number, close: () => Promise<void> }>}
 */
function startStaticServer(mounts, options = {}) {
  const server = createServer((req, res) => {
    const pathname = new URL(req.url || '/', 'http://localhost').pathname
    let file
    try {
      file = resolveFile(decodeURIComponent(pathname), mounts, options.fallback)
    } catch {
      // A malformed %-escape (`/x%`) is the client's error; the server keeps serving.
      res.writeHead(400, { 'content-type': 'text/plain' })
      res.end('bad request')
      return
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      res.end('not found')
      return
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
      ...(options.headers ? options.headers(pathname) : {}),
    })
    res.end(readFileSync(file))
  })
  return new Promise((resolve) => {
    server.listen(options.port || 0, '127.0.0.1', () => {
      const { port } = server.address()
      resolve({ origin: `http://127.0.0.1:${port}`, port, close: () => new Promise((done) => { server.close(() => done()); server.closeAllConnections() }) })
    })
  })
}

module.exports = { startStaticServer }
