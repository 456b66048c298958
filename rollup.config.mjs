import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
import terser from '@rollup/plugin-terser'

// The SDK and analytics-next stay outside the npm builds: the SDK is imported lazily by the site's
// bundler (its own chunk, next to the translation engine's), analytics-next is the host. The script
// build is two files: the plugin, and the engine it loads once CleverTap is on its way.
const external = ['clevertap-web-sdk', '@segment/analytics-next', 'lz-string']
const input = { index: 'src/index.ts', translate: 'src/translate.ts' }

const ts = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: declarations,
    declarationDir: declarations ? 'dist/types' : undefined,
    outDir: 'dist',
    noEmitOnError: true,
  })

const script = (entry, file, name) => ({
  input: entry,
  // The script files are self-contained: lz-string (used to read CleverTap's requests) is bundled in.
  plugins: [nodeResolve({ browser: true }), commonjs(), ts(false)],
  output: { file, format: 'iife', name, sourcemap: true, inlineDynamicImports: true, plugins: [terser({ format: { comments: false } })] },
})

export default [
  {
    input,
    external,
    plugins: [ts(true)],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: true },
  },
  {
    input,
    external,
    plugins: [ts(false)],
    output: {
      dir: 'dist',
      format: 'cjs',
      entryFileNames: '[name].cjs',
      chunkFileNames: '[name]-[hash].cjs',
      exports: 'named',
      sourcemap: true,
      // `require` inside a promise: CJS consumers (Jest, older bundlers) need no ESM loader for the chunks.
      dynamicImportInCjs: false,
    },
  },
  script('src/browser.ts', 'dist/clevertap-segment-web.min.js', 'CleverTapSegment'),
  script('src/lazy/script.ts', 'dist/clevertap-segment-web.engine.min.js', 'CleverTapSegmentEngine'),
]
