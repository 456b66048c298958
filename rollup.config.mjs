import typescript from '@rollup/plugin-typescript'
import terser from '@rollup/plugin-terser'

// The SDK and analytics-next stay outside the npm builds: the SDK is imported lazily by the site's
// bundler (its own chunk), analytics-next is the host. The script build contains neither.
const external = ['clevertap-web-sdk', '@segment/analytics-next']

const ts = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: declarations,
    declarationDir: declarations ? 'dist/types' : undefined,
    outDir: 'dist',
    noEmitOnError: true,
  })

export default [
  {
    input: 'src/index.ts',
    external,
    plugins: [ts(true)],
    output: { dir: 'dist', format: 'es', entryFileNames: 'index.mjs', sourcemap: true },
  },
  {
    input: 'src/index.ts',
    external,
    plugins: [ts(false)],
    output: {
      dir: 'dist',
      format: 'cjs',
      entryFileNames: 'index.cjs',
      exports: 'named',
      sourcemap: true,
      // `require` inside a promise: CJS consumers (Jest, older bundlers) need no ESM loader for the SDK.
      dynamicImportInCjs: false,
    },
  },
  {
    input: 'src/browser.ts',
    plugins: [ts(false)],
    output: {
      file: 'dist/clevertap-segment-web.min.js',
      format: 'iife',
      name: 'CleverTapSegment',
      sourcemap: true,
      plugins: [terser({ format: { comments: false } })],
    },
  },
]
