// Lint for the package's source and its tests. Type-aware where it matters most: no promise is left
// floating (a forgotten rejection would surface in the host page), and only the edges may touch the page's
// globals (the SDK edge, the two page modules, the inspector and the entries), which keeps server-side imports safe
// and every page touch in one place.
import tseslint from 'typescript-eslint'

const PAGE_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'location', 'history', 'navigator'].map((name) => ({
  name,
  message: `Only src/bridge/sdk/, the page modules (src/plugin/page.ts, src/lazy/page.ts), the inspector and the entries read the page's globals; ask for what you need through them.`,
}))

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '**/.next/', 'examples/*/dist/', '.tmp/', 'coverage/', 'bench/results.json', 'demo/vendor/'] },
  ...tseslint.configs.recommended,
  { rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }] } },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'no-restricted-globals': ['error', ...PAGE_GLOBALS],
    },
  },
  {
    // The edges, where the page is met.
    files: ['src/bridge/sdk/**/*.ts', 'src/plugin/page.ts', 'src/lazy/page.ts', 'src/inspector/**/*.ts', 'src/index.ts', 'src/browser.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['src/plugin/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../lazy', '../lazy/*', '../inspector', '../inspector/*'], message: 'src/plugin never imports the lazily loaded parts; declare what it needs in engine-port.ts.' }] }],
    },
  },
  {
    files: ['src/bridge/translation/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!./*'], message: 'The translation is pure: it imports nothing outside src/bridge/translation.' }] }],
    },
  },
  {
    files: ['src/bridge/sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../plugin/*', '../../lazy/*'], message: 'The SDK edge knows CleverTap and the translation, not the plugin or the lazy wiring.' }] }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.mjs', 'tools/**/*.{js,cjs,ts,cts}', 'demo/**/*.{js,mjs}', 'examples/*/*.config.js', '*.{js,mjs}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-var-requires': 'off',
    },
  },
)
