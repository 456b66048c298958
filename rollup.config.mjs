import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'
import terser from '@rollup/plugin-terser'
import { dts } from 'rollup-plugin-dts'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// analytics-next stays outside the npm builds (it is the host). The CleverTap SDK is built into a lazy
// chunk of its own (`clevertap-sdk-*`), which the site's bundler keeps as it is: the
// SDK's bundled crypto-js has a `require('crypto')` for Node that browsers never reach, and that webpack 5
// cannot resolve and Vite warns about; here it is taken out, so no bundler needs a setting for it. The
// script build is two files: the plugin, and the engine it loads once CleverTap is on its way. lz-string
// (to read CleverTap's stored data) is built in as ES code too: left a CommonJS import, it would make a
// site's bundler add its CommonJS helper to the page's eager code.
const external = ['@segment/analytics-next']
const input = { index: 'src/index.ts', translate: 'src/translate.ts' }

const SDK_FILE = fileURLToPath(new URL('./node_modules/clevertap-web-sdk/clevertap.min.js', import.meta.url))

/**
 * The SDK's own minified build, without its `require('crypto')`, which is reached only in Node after every
 * browser source of `crypto` has been tried.
 */
const sdkForBrowsers = {
  name: 'sdk-for-browsers',
  resolveId: (source) => (source === 'clevertap-web-sdk' ? SDK_FILE : null),
  transform(code, id) {
    if (id !== SDK_FILE) return null
    const out = code.replace(/require\((['"])crypto\1\)/g, 'undefined')
    if (out === code) this.error('clevertap-web-sdk no longer requires crypto where expected; check the bundler note in rollup.config.mjs')
    return { code: out, map: null }
  },
}

/** Each bundled package's licence travels with its chunk. */
const LICENCES = {
  'clevertap-sdk': '/*! clevertap-web-sdk (c) CleverTap, MIT License: https://github.com/CleverTap/clevertap-web-sdk/blob/master/LICENSE */',
  'lz-string': '/*! lz-string (c) pieroxy, MIT License: https://github.com/pieroxy/lz-string/blob/master/LICENSE */',
}
const LICENCE_BANNER = (chunk) => LICENCES[chunk.name] ?? ''

const npmPlugins = (declarations) => [nodeResolve({ browser: true }), sdkForBrowsers, commonjs(), ts(declarations)]
const manualChunks = (id) =>
  id.includes('node_modules/clevertap-web-sdk/') ? 'clevertap-sdk' : id.includes('node_modules/lz-string/') ? 'lz-string' : undefined

const ts = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: declarations,
    declarationDir: declarations ? 'dist/types' : undefined,
    outDir: 'dist',
    noEmitOnError: true,
  })

const SCRIPT_FILES = ['clevertap-segment-web.min.js', 'clevertap-segment-web.engine.min.js', 'clevertap-segment-web.inspector.min.js']

/**
 * dist/sri.json: the Subresource Integrity hash of each script-build file, for a pinned `<script
 * integrity>` tag. Written after the last script file, so it describes exactly what was built.
 */
const integrityFile = {
  name: 'integrity-file',
  writeBundle() {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'))
    const files = Object.fromEntries(SCRIPT_FILES.map((file) => [file, `sha384-${createHash('sha384').update(readFileSync(`dist/${file}`)).digest('base64')}`]))
    writeFileSync('dist/sri.json', JSON.stringify({ version, files }, null, 2) + '\n')
  },
}

/**
 * CleverTap's SDK chunk carries no source map: the SDK ships minified, so a map of it would only map the
 * minified file onto itself, at about 740 KB per build. The chunk's own comment pointing to one goes too.
 */
const noSdkSourceMap = {
  name: 'no-sdk-source-map',
  generateBundle(_options, bundle) {
    for (const [fileName, output] of Object.entries(bundle)) {
      if (output.type !== 'chunk' || output.name !== 'clevertap-sdk') continue
      delete bundle[`${fileName}.map`]
      output.map = null
      output.code = output.code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n')
    }
  },
}

/**
 * The published types, each entry's declarations in one file with nothing relative to resolve: `.d.ts`
 * for `require` (the package is CommonJS by default) and `.d.mts` for `import`, so each resolution mode
 * finds types of its own module format.
 */
const declarations = (entry, extension) => ({
  input: { [entry]: `dist/types/${entry}.d.ts` },
  external,
  plugins: [dts()],
  output: { dir: 'dist', format: 'es', entryFileNames: `[name]${extension}` },
})

const script = (entry, file, name, extra = []) => ({
  input: entry,
  // The script files are self-contained: lz-string (used to read CleverTap's requests) is bundled in.
  plugins: [nodeResolve({ browser: true }), commonjs(), ts(false), ...extra],
  output: { file, format: 'iife', name, sourcemap: true, inlineDynamicImports: true, plugins: [terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true }, format: { comments: false } })] },
})

export default [
  {
    input,
    external,
    plugins: npmPlugins(true),
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: true, manualChunks, banner: LICENCE_BANNER, hoistTransitiveImports: false, plugins: [noSdkSourceMap] },
  },
  {
    input,
    external,
    plugins: npmPlugins(false),
    output: {
      manualChunks,
      banner: LICENCE_BANNER,
      // The package is `sideEffects: false`; a bare import added only to load a chunk early makes bundlers warn.
      hoistTransitiveImports: false,
      dir: 'dist',
      format: 'cjs',
      entryFileNames: '[name].cjs',
      chunkFileNames: '[name]-[hash].cjs',
      exports: 'named',
      sourcemap: true,
      // `require` inside a promise: CJS consumers (Jest, older bundlers) need no ESM loader for the chunks.
      dynamicImportInCjs: false,
      plugins: [noSdkSourceMap],
    },
  },
  ...['index', 'translate'].flatMap((entry) => [declarations(entry, '.d.ts'), declarations(entry, '.d.mts')]),
  script('src/browser.ts', 'dist/clevertap-segment-web.min.js', 'CleverTapSegment'),
  script('src/lazy/script-engine.ts', 'dist/clevertap-segment-web.engine.min.js', 'CleverTapSegmentEngine'),
  script('src/inspector/script-inspector.ts', 'dist/clevertap-segment-web.inspector.min.js', 'CleverTapSegmentInspector', [integrityFile]),
]
