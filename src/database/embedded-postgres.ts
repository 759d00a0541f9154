import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from './embedded-lock';

export const IN_MEMORY = 'memory://';

// PGlite keeps PostgreSQL's default max_wal_size (1 GB): after the demo load the WAL alone took ~1 GB
// of the data directory. The embedded database has no replicas or archive to keep WAL for, so a
// checkpoint every 64 MB of WAL keeps the directory small (single-user mode checkpoints inline).
const WAL_LIMITS = ['-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB'];

export interface EmbeddedPostgres {
  /** A postgres:// URL the ordinary pg driver connects to. */
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Real PostgreSQL compiled to WebAssembly (PGlite), served over the wire protocol on a local port
 * so that the app, the TypeORM CLI and the tests use the same `pg` driver as against a server.
 * PGlite is single-connection: callers must use ONE client connection at a time (pool size 1);
 * the socket server would otherwise interleave statements of different sessions.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  maxConnections?: number;
  port?: number;
}): Promise<EmbeddedPostgres> {
  const dataDir = options.dataDir === IN_MEMORY ? IN_MEMORY : resolve(options.dataDir);
  if (dataDir !== IN_MEMORY) mkdirSync(dataDir, { recursive: true });
  // One process at a time per directory (see EmbeddedDatabaseInUseError).
  const unlock = dataDir === IN_MEMORY ? () => undefined : lockDataDir(dataDir);
  let db: PGlite | undefined;
  let server: PGLiteSocketServer;
  try {
    db = await PGlite.create({ dataDir, extensions: { btree_gist }, startParams: [...PGlite.defaultStartParams, ...WAL_LIMITS] });
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: options.maxConnections ?? 1 });
    await server.start();
  } catch (e) {
    await db?.close().catch(() => undefined);
    unlock();
    throw e;
  }
  const opened = db;
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  let closed = false;
  return {
    url,
    dataDir,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await server.stop();
        await opened.close();
      } finally {
        unlock();
      }
    },
  };
}
