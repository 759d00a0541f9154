const { availableParallelism } = require('node:os');

// Two projects: fast unit specs beside pure code, and the e2e specs — API specs that boot the app against
// a real PostgreSQL (a server when TEST_DATABASE_URL/DATABASE_URL is set, else embedded PGlite) and
// browser specs (test/browser, Playwright driving Debian's chromium against the app). Files run in
// parallel, one per core: global setup gives every worker a database of its own
// (test/setup/global-setup.ts) and starts the one chromium of the run (test/browser/support/global-setup.ts;
// each browser suite says SKIPPED when no chromium binary is installed, see docs/web.md).
//
// The runner is jest-light-runner: each worker is a Node worker thread that runs its test files one
// after the other and keeps the modules it loaded (the app's ~2,100) from one file to the next, where
// jest's own runner loads and compiles them again in a fresh sandbox for every file — that was most of
// the run's CPU time (README, "Tests"). TypeScript is compiled by swc (test/support/register-ts.js, the
// same .swcrc). What a shared worker means for the specs: they must not depend on module state left by
// another file (createTestApp puts process.env back to the worker's own before each app, and closes
// what it opens); `jest.fn`/`spyOn` and fake timers work, module mocks (`jest.mock`) do not.
// `--runInBand` still works (one database, the main process). Worker threads, not the runner's
// child-process mode: in that mode a worker that missed the start-up handshake once held a CI run forever.
const runner = 'jest-light-runner';
// swc through jest's transform: only for what jest itself loads (the global setup and teardown in TypeScript);
// the specs go through register-ts.js.
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const setupFiles = ['<rootDir>/test/support/register-ts.js'];
const setupFilesAfterEnv = ['<rootDir>/test/support/timeouts.js'];
module.exports = {
  testTimeout: 120000,
  maxWorkers: Number(process.env.JEST_WORKERS) || Math.min(4, Math.max(2, availableParallelism())),
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testSequencer: '<rootDir>/test/support/longest-first-sequencer.js',
  projects: [
    {
      displayName: 'unit',
      runner,
      setupFiles,
      setupFilesAfterEnv,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/seeds/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
      transform,
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      // One project (and so one pool of workers) for the API and the browser specs: they share the
      // per-worker databases, which a second pool would use under the same worker numbers.
      displayName: 'e2e',
      runner,
      setupFiles,
      setupFilesAfterEnv,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/browser/**/*.browser-spec.ts'],
      transform,
      moduleFileExtensions: ['ts', 'js', 'json'],
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/support/global-teardown.ts',
    },
  ],
};
