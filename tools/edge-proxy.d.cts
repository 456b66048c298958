import type { NetworkOptions, RouteHandlers } from './local-network.cjs'

export interface EdgeProxy {
  port: number
  close(): Promise<void>
}

export function startEdgeProxy(origin: string, state: () => { network: NetworkOptions; handlers: RouteHandlers }): Promise<EdgeProxy>
