import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DatabaseTimeouts, databaseTimeouts, embeddedTimeouts } from './database-timeouts';
import type { EmbeddedPostgres } from './embedded-postgres';

/** Where the app's PostgreSQL is: a server from DATABASE_URL, or the embedded PGlite it started. */
export class DatabaseEndpoint {
  constructor(
    readonly url: string,
    readonly poolSize: number,
    readonly embedded: EmbeddedPostgres | null,
    readonly timeouts: DatabaseTimeouts,
  ) {}

  get kind(): 'server' | 'embedded' {
    return this.embedded ? 'embedded' : 'server';
  }

  static async open(config: AppConfig): Promise<DatabaseEndpoint> {
    if (config.DATABASE_URL) return new DatabaseEndpoint(config.DATABASE_URL, config.DB_POOL_SIZE, null, databaseTimeouts(config));
    const logger = new Logger('Database');
    const started = Date.now();
    // Loaded only here: PGlite (≈ 0.5 MB of JavaScript) is not needed by an app that has a server.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startEmbeddedPostgres } = require('./embedded-postgres') as typeof import('./embedded-postgres');
    const embedded = await startEmbeddedPostgres({ dataDir: config.PGLITE_DATA_DIR });
    logger.log(`Embedded PostgreSQL (PGlite) in ${embedded.dataDir} ready in ${Date.now() - started} ms`);
    // PGlite is single-connection: one pooled connection, so no two sessions interleave.
    return new DatabaseEndpoint(embedded.url, 1, embedded, embeddedTimeouts(config.DB_CONNECT_TIMEOUT_MS));
  }
}
