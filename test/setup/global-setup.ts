import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * One database for the whole e2e run:
 * - with TEST_DATABASE_URL or DATABASE_URL: a fresh scratch database on that server (dropped afterwards),
 *   so a developer's own data is never touched;
 * - otherwise: an in-memory embedded PostgreSQL (PGlite), started here, outside jest's sandbox,
 *   because PGlite's dynamic imports crash inside a test worker.
 * Test files run one at a time (--runInBand) and truncate before each test.
 */
export default async function globalSetup(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `activity_test_${Date.now()}_${process.pid}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    process.env.TEST_DB_URL = url.toString();
    process.env.TEST_DB_KIND = 'server';
    process.env.TEST_DB_POOL_SIZE = '5';
    (globalThis as Record<string, unknown>).__testDb = { kind: 'server', serverUrl, name };
    console.log(`\n[e2e] PostgreSQL server, scratch database ${name}`);
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: 'memory://', maxConnections: 2 });
    process.env.TEST_DB_URL = embedded.url;
    process.env.TEST_DB_KIND = 'embedded';
    process.env.TEST_DB_POOL_SIZE = '1';
    (globalThis as Record<string, unknown>).__testDb = { kind: 'embedded', embedded };
    console.log('\n[e2e] embedded PostgreSQL (PGlite, in memory)');
  }
}
