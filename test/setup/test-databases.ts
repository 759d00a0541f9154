import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';

/** The e2e databases of a run: one per jest worker (kept on jest's main-process globalThis). */
export type TestDatabases =
  | { kind: 'server'; serverUrl: string; names: string[]; urls: string[]; processes: [] }
  | { kind: 'embedded'; urls: string[]; processes: ChildProcess[] };

type Holder = { __testDatabases?: Promise<TestDatabases> };

/**
 * Starts the databases once per run, whichever global setup asks first (the e2e project's, through
 * test/browser/support/global-setup.ts, or this directory's when used on its own).
 */
export function testDatabasesOf(global: object, start: () => Promise<TestDatabases>): Promise<TestDatabases> {
  const holder = global as Holder;
  return (holder.__testDatabases ??= start());
}

/** Drops the server's scratch databases, or stops the embedded ones. */
export async function stopTestDatabases(global: object): Promise<void> {
  const holder = global as Holder;
  const pending = holder.__testDatabases;
  if (!pending) return;
  holder.__testDatabases = undefined;
  const dbs = await pending;
  if (dbs.kind === 'embedded') {
    await Promise.all(
      dbs.processes.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            p.once('exit', () => resolve());
            p.send('stop');
          }),
      ),
    );
    return;
  }
  const admin = new Client({ connectionString: dbs.serverUrl });
  await admin.connect();
  try {
    for (const name of dbs.names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
