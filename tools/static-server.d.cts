export interface StaticServer {
  origin: string
  port: number
  close(): Promise<void>
}

export function startStaticServer(
  mounts: Record<string, string>,
  options?: { port?: number; headers?: (pathname: string) => Record<string, string>; fallback?: string },
): Promise<StaticServer>
