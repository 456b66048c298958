// Serves the demo on localhost. Placeholder page until the QA demo lands.
import { createServer } from 'http'
import { readFileSync } from 'fs'
import { fileURLToPath } from 'url'
import { dirname, join } from 'path'

const here = dirname(fileURLToPath(import.meta.url))
const port = Number(process.env.PORT ?? 8080)
createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
  res.end(readFileSync(join(here, 'index.html')))
}).listen(port, '127.0.0.1', () => console.log(`Demo: http://localhost:${port}/`))
