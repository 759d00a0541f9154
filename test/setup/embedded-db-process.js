// One embedded PostgreSQL (PGlite) in a process of its own, for one jest worker: PGlite is
// single-threaded WebAssembly, so each worker's database gets its own core instead of sharing the
// jest main process. Started by global-setup.ts with fork(); loads the app's own
// startEmbeddedPostgres() through swc (no ts-node here), reports its URL over IPC, and stops when
// asked or when the parent goes away.
/* global require, process, __dirname, console */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS that node runs as it is */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..', '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcrc, swcrc: false, filename });
  module._compile(code, filename);
};
const { startEmbeddedPostgres, IN_MEMORY } = require(join(root, 'src', 'database', 'embedded-postgres.ts'));

async function main() {
  const embedded = await startEmbeddedPostgres({ dataDir: IN_MEMORY, maxConnections: 2 });
  let stopping;
  const stop = () => (stopping ??= embedded.close().finally(() => process.exit(0)));
  process.on('message', (m) => m === 'stop' && stop());
  process.on('disconnect', stop);
  process.send({ url: embedded.url });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
