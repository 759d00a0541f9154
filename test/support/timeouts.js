// Time limits for tests and hooks under jest-light-runner (jest.config.js), which runs them without
// any: a test or hook that never settles fails after its own timeout argument, else after the file's
// `jest.setTimeout`, else after jest.config.js's `testTimeout`, as jest's own runner does, instead of
// holding the run.
/* global require, setTimeout, clearTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded as CommonJS, untranspiled */
const { testTimeout } = require('../../jest.config.js');
/** jest.setTimeout per test file (the runner sets expect's testPath before it loads a file). */
const fileTimeouts = new Map();
const currentFile = () => globalThis.expect.getState().testPath;

function limited(fn, ms, what) {
  if (typeof fn !== 'function') return fn;
  // No declared parameters: the runner then calls it without a done-callback (none of our specs takes
  // one); `it.each` passes its row.
  return function (...args) {
    const limit = typeof ms === 'number' && ms > 0 ? ms : (fileTimeouts.get(currentFile()) ?? testTimeout);
    let timer;
    const expired = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Exceeded timeout of ${limit} ms for a ${what}.`)), limit);
      timer.unref?.();
    });
    return Promise.race([Promise.resolve().then(() => fn.apply(this, args)), expired]).finally(() => clearTimeout(timer));
  };
}

function wrapTest(original) {
  const wrapped = (name, fn, ms) => original(name, limited(fn, ms, 'test'), ms);
  Object.assign(wrapped, original);
  wrapped.only = (name, fn, ms) => original.only(name, limited(fn, ms, 'test'), ms);
  wrapped.each =
    (...table) =>
    (name, fn, ms) =>
      original.each(...table)(name, limited(fn, ms, 'test'), ms);
  return wrapped;
}

if (!globalThis.__timeoutsInstalled) {
  globalThis.__timeoutsInstalled = true;
  globalThis.it = wrapTest(globalThis.it);
  globalThis.test = wrapTest(globalThis.test);
  globalThis.fit = globalThis.it.only;
  for (const hook of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach']) {
    const original = globalThis[hook];
    globalThis[hook] = (fn, ms) => original(limited(fn, ms, 'hook'), ms);
  }
  // Files that raise the default for all their tests (jest's API; the light runner has no such call).
  globalThis.jest.setTimeout = (ms) => {
    fileTimeouts.set(currentFile(), ms);
    return globalThis.jest;
  };
}
