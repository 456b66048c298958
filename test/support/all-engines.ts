/**
 * The three browser engines (tools/engines.cjs), all meeting the same faked network edge
 * (tools/edge-proxy.cjs, a local proxy that answers CleverTap and Segment) and the local site.
 */
import { FakeCleverTapServer } from './clevertap-wire'
import { buildEsmApp, MOUNTS, startStaticServer, StaticServer } from './static-server'
import type { NetworkOptions, SdkRelease } from '../../tools/local-network.cjs'
import { startEdgeProxy } from '../../tools/edge-proxy.cjs'
import type { Engine, EngineName } from '../../tools/engines.cjs'
import { launchEngine as launchThroughProxy } from '../../tools/engines.cjs'

export type { Engine, EngineName, Profile, Tab } from '../../tools/engines.cjs'
export { ENGINES } from '../../tools/engines.cjs'

/**
 * The browsers' own background services (updates, remote settings). The proxy sees every request, the
 * browser's own included, and cannot tell them from the page's; these are refused like any outside
 * request, but kept apart from the page's violations.
 */
const BROWSER_SERVICES = /^https?:\/\/([a-z0-9-]+\.)*(googleapis\.com|gvt1\.com|google\.com|mozilla\.(com|net|org)|firefox\.com)\//

/** The local site and the faked outside world every engine talks to; `reset()` between tests. */
export interface Edge {
  origin: string
  proxyPort: number
  server: FakeCleverTapServer
  segment: unknown[]
  /** Requests for anything outside the local site, CleverTap and Segment: refused, and a test failure. */
  violations: string[]
  /** The browser's own background requests, refused. */
  browserTraffic: string[]
  attempts: string[]
  network: NetworkOptions
  reset(): void
  close(): Promise<void>
}

/** `release`: which CleverTap SDK release the edge serves at CleverTap's CDN URLs (npm's by default). */
export async function startEdge(release: SdkRelease = 'npm'): Promise<Edge> {
  const { mounts } = await buildEsmApp()
  const http: StaticServer = await startStaticServer({ ...MOUNTS, ...mounts })
  const edge = {
    origin: http.origin,
    proxyPort: 0,
    server: new FakeCleverTapServer(),
    segment: [] as unknown[],
    violations: [] as string[],
    browserTraffic: [] as string[],
    attempts: [] as string[],
    network: {} as NetworkOptions,
    reset() {
      edge.server = new FakeCleverTapServer()
      edge.segment = []
      edge.violations = []
      edge.attempts = []
      edge.network = {}
    },
    close: async () => {
      await proxy.close()
      await http.close()
    },
  }
  const proxy = await startEdgeProxy(http.origin, () => ({
    network: { ...edge.network, release },
    handlers: {
      clevertap: (url: string, json?: boolean) => edge.server.reply(url, json),
      attempt: (url: string) => edge.attempts.push(url),
      segment: (_url: string, body: unknown) => edge.segment.push(body),
      violation: (url: string) => (BROWSER_SERVICES.test(url) ? edge.browserTraffic : edge.violations).push(url),
    },
  }))
  edge.proxyPort = proxy.port
  return edge
}

export function launchEngine(name: EngineName, edge: Edge): Promise<Engine> {
  return launchThroughProxy(name, edge.proxyPort)
}
