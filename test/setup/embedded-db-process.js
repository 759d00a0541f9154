// One embedded PostgreSQL (PGlite) in a process of its own, for one jest worker: PGlite is
// single-threaded WebAssembly, so each worker's database gets its own core instead of sharing the
// jest main process. Started by global-setup.ts with fork(); loads the app's own
// startEmbeddedPostgres() through swc (the tests' own hook, test/support/register-ts.js), reports its
// URL over IPC, and stops when asked or when the parent goes away.
/* global require, process, __dirname, console */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS that node runs as it is */
const { join } = require('node:path');

require(join(__dirname, '..', 'support', 'register-ts.js'));
const { startEmbeddedPostgres, IN_MEMORY } = require(join(__dirname, '..', '..', 'src', 'database', 'embedded-postgres.ts'));

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
