/**
 * A local HTTP server for browser tests and the demo: the package's builds, analytics-next's UMD bundle,
 * the fixtures, and an ESM app bundled on start by a real bundler (esbuild, with code splitting).
 */
import { join } from 'path'
import * as shared from '../../tools/static-server.cjs'
import type { StaticServer } from '../../tools/static-server.cjs'

export const ROOT = join(__dirname, '..', '..')

/** URL prefix → folder on disk. */
export const MOUNTS: Record<string, string> = {
  '/dist/': join(ROOT, 'dist'),
  '/segment/': join(ROOT, 'node_modules/@segment/analytics-next/dist/umd'),
  '/segment-cdn/analytics-next/bundles/': join(ROOT, 'node_modules/@segment/analytics-next/dist/umd'),
  '/vendor/clevertap/': join(ROOT, 'node_modules/clevertap-web-sdk'),
  '/vendor/lz-string/': join(ROOT, 'node_modules/lz-string/libs'),
  '/fixtures/': join(ROOT, 'test/browser/fixtures'),
}

/**
 * The Content-Security-Policy docs/reliability.md documents for the script build: the site's own origin, the
 * CleverTap SDK's CDN host, CleverTap's regional API hosts, and Segment's API.
 */
export const DOCUMENTED_CSP = [
  "default-src 'self'",
  "script-src 'self' https://static.clevertap.com https://*.clevertap-prod.com",
  "connect-src 'self' https://api.segment.io https://cdn.segment.com",
  "img-src 'self'",
  "style-src 'self'",
].join('; ')

export function cspHeaders(pathname: string): Record<string, string> {
  return pathname === '/fixtures/csp.html' ? { 'content-security-policy': DOCUMENTED_CSP } : {}
}

export type { StaticServer }


export function startStaticServer(mounts: Record<string, string> = MOUNTS): Promise<StaticServer> {
  return shared.startStaticServer(mounts, { headers: cspHeaders })
}

/** Bundles test/browser/fixtures/esm-app.ts as a site would: the CleverTap SDK becomes its own chunk. */
export async function buildEsmApp(): Promise<{ mounts: Record<string, string> }> {
  const esbuild = await import('esbuild')
  // One folder per test process: Jest runs test files in parallel workers.
  const outdir = join(ROOT, `.tmp/esm-app-${process.pid}`)
  await esbuild.build({
    entryPoints: [join(ROOT, 'test/browser/fixtures/esm-app.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    outdir,
    minify: true,
    write: true,
    logLevel: 'error',
    alias: { 'clevertap-segment-web': join(ROOT, 'dist/index.mjs') },
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  return { mounts: { ...MOUNTS, '/esm/': outdir } }
}
