import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { runMigrationsLocked } from '../../src/database/migration-runner';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { TestDatabases, testDatabasesOf } from './test-databases';

/**
 * One migrated database per jest worker, each used by one test file at a time:
 * - with TEST_DATABASE_URL or DATABASE_URL: scratch databases on that server (dropped afterwards),
 *   so a developer's own data is never touched. The first is migrated once and the others are
 *   copied from it (CREATE DATABASE … TEMPLATE);
 * - otherwise: in-memory embedded PostgreSQL (PGlite), each in a process of its own
 *   (embedded-db-process.js; PGlite's dynamic imports also crash inside a jest sandbox), migrated here.
 * Test files truncate before each test (resetDatabase).
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  await testDatabasesOf(globalThis, () => startDatabases(Math.max(1, globalConfig.maxWorkers)));
}

async function startDatabases(count: number): Promise<TestDatabases> {
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const dbs = serverUrl ? await serverDatabases(serverUrl, count) : await embeddedDatabases(count);
  // Read by test/support/test-app.ts in every worker (forked after this ran, with this environment).
  process.env.TEST_DB_URLS = JSON.stringify(dbs.urls);
  process.env.TEST_DB_KIND = dbs.kind;
  process.env.TEST_DB_POOL_SIZE = dbs.kind === 'server' ? '5' : '1';
  return dbs;
}

async function serverDatabases(serverUrl: string, count: number): Promise<TestDatabases> {
  const prefix = `activity_test_${Date.now()}_${process.pid}`;
  const names = Array.from({ length: count }, (_, i) => `${prefix}_${i + 1}`);
  const urlOf = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const dbs: TestDatabases = { kind: 'server', serverUrl, names, urls: names.map(urlOf), processes: [] };
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${names[0]}"`);
    await migrate(dbs.urls[0]);
    // A copy of a migrated database costs a fraction of running the migrations again.
    for (const name of names.slice(1)) await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${names[0]}"`);
  } finally {
    await admin.end();
  }
  console.log(`\n[e2e] PostgreSQL server, scratch databases ${names.join(', ')}`);
  return dbs;
}

async function embeddedDatabases(count: number): Promise<TestDatabases> {
  const processes = Array.from({ length: count }, () =>
    fork(join(__dirname, 'embedded-db-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  const urls = await Promise.all(
    processes.map(
      (p) =>
        new Promise<string>((resolve, reject) => {
          p.once('message', (m: { url: string }) => resolve(m.url));
          p.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code}) before it started`)));
        }),
    ),
  );
  // Each database in its own process: migrating them side by side takes the time of one.
  await Promise.all(urls.map(migrate));
  console.log(`\n[e2e] embedded PostgreSQL (PGlite, in memory) × ${count}`);
  return { kind: 'embedded', urls, processes };
}

async function migrate(url: string): Promise<void> {
  const ds = new DataSource(buildDataSourceOptions(url, 1));
  await ds.initialize();
  try {
    await runMigrationsLocked(ds);
  } finally {
    await ds.destroy();
  }
}
