/** One `npm test` runs three projects: pure unit tests, jsdom integration, and real Chromium. */
const transform = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', target: 'ES2020', esModuleInterop: true, allowJs: true, types: ['jest', 'node'] } }],
}

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform,
    },
    {
      displayName: 'jsdom',
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { url: 'https://shop.example.com/products/1' },
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/jsdom-setup.ts'],
      transform,
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      transform,
    },
  ],
}
