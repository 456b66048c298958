// The faked network edge as an HTTP(S) proxy, for browsers driven without request interception (WebKit
// over WebDriver classic) and so that every engine meets the same edge. HTTPS to outside hosts is
// terminated here with a throwaway certificate (the browser is told to accept it), and each request is
// answered by answerOutside, exactly as routeLocally answers it for Playwright. Requests for the loopback
// interface are passed on; nothing ever leaves the machine.
const { execFileSync } = require('child_process')
const { mkdtempSync, readFileSync, rmSync } = require('fs')
const http = require('http')
const { tmpdir } = require('os')
const { join } = require('path')
const tls = require('tls')
const { answerOutside } = require('./local-network.cjs')

/** A self-signed certificate for this run only, made by Debian's openssl. */
function throwawayCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'edge-proxy-'))
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=local edge', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' })
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function readBody(request) {
  return new Promise((resolve) => {
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => resolve(chunks.length ? Buffer.concat(chunks).toString('utf8') : null))
    request.on('error', () => resolve(null))
  })
}

/**
 * Starts the proxy. `state()` gives the current network options and handlers (read per request, so a test
 * can change them between page loads). Resolves to { port, close }.
 */
async function startEdgeProxy(origin, state) {
  const credentials = throwawayCertificate()

  // Loopback requests (the local site, the demo's server) are passed on, whichever port they name.
  const local = (url) => url.startsWith(origin + '/') || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url)

  async function handle(url, request, response) {
    if (local(url)) {
      const target = new URL(url)
      const forward = http.request({ host: target.hostname === 'localhost' ? '127.0.0.1' : target.hostname, port: target.port, path: target.pathname + target.search, method: request.method, headers: request.headers, agent: false }, (upstream) => {
        response.writeHead(upstream.statusCode || 502, upstream.headers)
        upstream.pipe(response)
      })
      forward.on('error', () => response.destroy())
      request.pipe(forward)
      return
    }
    const { network, handlers } = state()
    const body = request.method === 'POST' ? await readBody(request) : null
    const answer = await answerOutside(url, body, network, handlers, { method: request.method, accept: request.headers.accept }).catch(() => null)
    // A blocked request fails the way a refused connection does.
    if (!answer) return response.destroy()
    response.writeHead(answer.status, { ...answer.headers, 'content-type': answer.contentType, 'access-control-allow-origin': request.headers.origin || '*', 'access-control-allow-credentials': 'true' })
    response.end(answer.body)
  }

  // HTTPS, after CONNECT: the host comes from the tunnel, the path from the request.
  const inner = http.createServer((request, response) => {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-origin': request.headers.origin || '*',
        'access-control-allow-credentials': 'true',
        'access-control-allow-headers': request.headers['access-control-request-headers'] || '*',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
      })
      return response.end()
    }
    void handle(`https://${request.socket.edgeHost}${request.url}`, request, response)
  })
  const outer = http.createServer((request, response) => void handle(request.url, request, response))
  outer.on('connect', (request, socket) => {
    const host = String(request.url).replace(/:443$/, '')
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    const secure = new tls.TLSSocket(socket, { isServer: true, ...credentials })
    secure.edgeHost = host
    secure.on('error', () => secure.destroy())
    inner.emit('connection', secure)
  })
  outer.on('clientError', (_error, socket) => socket.destroy())
  await new Promise((resolve) => outer.listen(0, '127.0.0.1', resolve))
  const sockets = new Set()
  outer.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return {
    port: outer.address().port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        inner.closeAllConnections()
        outer.closeAllConnections()
        outer.close(() => resolve())
      }),
  }
}

module.exports = { startEdgeProxy }
