/**
 * One `npm test` runs four projects: pure unit tests, the generated-input property run of the translation
 * (its own project, so the unit tests stay fast when run alone), jsdom integration, and real Chromium.
 */
const transform = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', target: 'ES2020', esModuleInterop: true, allowJs: true, types: ['jest', 'node'] } }],
}

const common = { transform, restoreMocks: true }

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.property\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'property',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.property.test.ts'],
    },
    {
      ...common,
      displayName: 'jsdom',
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { url: 'https://shop.example.com/products/1' },
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/jsdom-setup.ts'],
    },
    {
      ...common,
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
    },
  ],
}
