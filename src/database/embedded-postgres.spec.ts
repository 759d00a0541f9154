import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabaseInUseError } from './embedded-lock';
import { startEmbeddedPostgres } from './embedded-postgres';

// PGlite lets a second process open a data directory in use, and both then write to it blind to each
// other (the files end up corrupt). startEmbeddedPostgres keeps one process per directory.
describe('the embedded database: one process per data directory', () => {
  // One directory for both tests: creating a database (initdb) is most of the time.
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pglite-lock-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const count = async (url: string) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('CREATE TABLE IF NOT EXISTS t (x int)');
      await c.query('INSERT INTO t VALUES (1)');
      return Number((await c.query('SELECT count(*) AS n FROM t')).rows[0].n);
    } finally {
      await c.end();
    }
  };

  it('refuses a second opening while the first is open, and opens again (with the data) once it is closed', async () => {
    const first = await startEmbeddedPostgres({ dataDir: dir });
    expect(await count(first.url)).toBe(1);
    const lockFile = join(dir, 'in-use-by.pid');
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
    const second = await startEmbeddedPostgres({ dataDir: dir }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(EmbeddedDatabaseInUseError);
    expect((second as Error).message).toContain(`is in use by process ${process.pid}`);
    await first.close();
    expect(existsSync(lockFile)).toBe(false);
    const again = await startEmbeddedPostgres({ dataDir: dir });
    try {
      expect(await count(again.url)).toBe(2);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('names another live process holding the directory, and takes over a lock left by one that is gone', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const lockFile = join(dir, 'in-use-by.pid');
    writeFileSync(lockFile, `${child.pid}\n`);
    try {
      const refused = await startEmbeddedPostgres({ dataDir: dir }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(EmbeddedDatabaseInUseError);
      expect((refused as EmbeddedDatabaseInUseError).pid).toBe(child.pid);
      expect((refused as Error).message).toContain(`delete ${lockFile}`);
    } finally {
      child.kill();
      await new Promise((done) => child.once('exit', done));
    }
    // The process is gone (a crash, kill -9): its lock no longer stands in the way.
    const db = await startEmbeddedPostgres({ dataDir: dir });
    try {
      expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
      expect(await count(db.url)).toBe(3);
    } finally {
      await db.close();
    }
  }, 60_000);
});
