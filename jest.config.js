const { availableParallelism } = require('node:os');

// Three projects: fast unit specs beside pure code, e2e specs that boot the app against a real
// PostgreSQL (a server when TEST_DATABASE_URL/DATABASE_URL is set, else embedded PGlite), and browser
// specs. Files run in parallel, one per core: global setup gives every worker a database of its own
// (test/setup/global-setup.ts). `--runInBand` still works (one database).
const transform = { '^.+\\.ts$': ['@swc/jest'] };
module.exports = {
  testTimeout: 120000,
  maxWorkers: Number(process.env.JEST_WORKERS) || Math.min(4, Math.max(2, availableParallelism())),
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testSequencer: '<rootDir>/test/support/longest-first-sequencer.js',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/seeds/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      // Playwright (playwright-core) driving Debian's chromium against the real app on the e2e test
      // database; each suite says SKIPPED when no chromium binary is installed (see docs/web.md).
      // Its global setup also starts the one chromium of the run.
      displayName: 'browser',
      testEnvironment: 'node',
      transform,
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/support/global-teardown.ts',
    },
  ],
};
