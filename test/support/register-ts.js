// Loads the TypeScript sources with swc (the .swcrc the build of the tests always used), for
// jest-light-runner: it runs the test files in Node worker threads that keep their modules from one
// test file to the next (see jest.config.js), so jest's own per-file transform does not apply.
// CommonJS `require` of a .ts file goes through the hook below; the runner `import()`s each test file,
// which ts-hooks.mjs hands to the same CommonJS loader. The embedded test databases' processes
// (test/setup/embedded-db-process.js) load the app's code through it too.
/* global require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- loaded as CommonJS, untranspiled */
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const swc = require('@swc/core');

if (!Module._extensions['.ts']) {
  const { $schema: _schema, ...options } = JSON.parse(readFileSync(join(__dirname, '..', '..', '.swcrc'), 'utf8'));
  Module._extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), { ...options, filename, swcrc: false });
    module._compile(code, filename);
  };
  Module.register(pathToFileURL(join(__dirname, 'ts-hooks.mjs')));
}
