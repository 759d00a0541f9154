import { Client } from 'pg';
import type { EmbeddedPostgres } from '../../src/database/embedded-postgres';

type TestDb = { kind: 'server'; serverUrl: string; name: string } | { kind: 'embedded'; embedded: EmbeddedPostgres };

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as Record<string, unknown>).__testDb as TestDb | undefined;
  if (!db) return;
  if (db.kind === 'embedded') {
    await db.embedded.close();
    return;
  }
  const admin = new Client({ connectionString: db.serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
