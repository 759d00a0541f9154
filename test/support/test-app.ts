import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DateTime } from 'luxon';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { OSLO } from '../../src/calendar/domain/oslo-time';
import { Clock } from '../../src/common/clock';
import { configureApp } from '../../src/configure-app';
import { MIGRATIONS_TABLE } from '../../src/database/typeorm-options';

export interface TestApp {
  app: INestApplication;
  dataSource: DataSource;
  clock: FixedClock;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/** A clock pinned to a date (Oslo) that tests can move. */
export class FixedClock extends Clock {
  constructor(private current: DateTime) {
    super();
  }

  override now(): DateTime {
    return this.current;
  }

  set(isoDateTime: string): void {
    this.current = DateTime.fromISO(isoDateTime, { zone: OSLO });
  }
}

export const DEFAULT_TEST_NOW = '2026-11-23T10:00:00';

/** This worker's database (global-setup.ts made one per jest worker; a worker runs one file at a time). */
export function testDatabaseUrl(): string {
  const urls = process.env.TEST_DB_URLS;
  if (!urls) throw new Error('TEST_DB_URLS is not set: run the e2e tests through jest (globalSetup starts the databases)');
  const list = JSON.parse(urls) as string[];
  return list[(Number(process.env.JEST_WORKER_ID ?? '1') - 1) % list.length];
}

/**
 * The worker's environment as it started. A worker runs many test files one after the other in the same
 * process (jest-light-runner, jest.config.js), so each app starts from this, not from what an earlier
 * file's `env` left behind.
 */
const WORKER_ENV = { ...process.env };

function resetEnvironment(): void {
  for (const key of Object.keys(process.env)) if (!(key in WORKER_ENV)) delete process.env[key];
  Object.assign(process.env, WORKER_ENV);
}

/** Boots the real AppModule with the same configureApp() as main.ts, against the test database. */
export async function createTestApp(options: { now?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  resetEnvironment();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    DB_POOL_SIZE: process.env.TEST_DB_POOL_SIZE ?? '1',
    // The watchdog's probe would take one of the embedded test database's two connections; the fault
    // test (database-faults.e2e-spec.ts) turns it on.
    DB_WATCHDOG_INTERVAL_MS: '0',
    // The embedded test database is reached through a socket, so the app takes it for a server; it is in
    // fact a single-threaded process where one long statement (the demo history) may outlast the server
    // timeouts, as the app's own embedded setting allows (database-timeouts.ts, embeddedTimeouts).
    ...(process.env.TEST_DB_KIND === 'embedded' ? { DB_STATEMENT_TIMEOUT_MS: '0', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '0' } : {}),
    SEED_DEMO_DATA_ON_EMPTY: 'false',
    MIGRATE_ON_START: 'true',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const clock = new FixedClock(DateTime.fromISO(options.now ?? DEFAULT_TEST_NOW, { zone: OSLO }));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  try {
    await app.init();
  } catch (err) {
    // A start-up that refuses (e.g. the production guard) must not keep its database connection: the
    // embedded database allows only a couple, and the next app of this file needs one.
    await app.close().catch(() => undefined);
    throw err;
  }
  const dataSource = app.get(DataSource);
  return {
    app,
    dataSource,
    clock,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}

const appTables = new WeakMap<DataSource, Promise<string[]>>();

/**
 * Empties every table (keeps the schema and the migrations table). Only the tables that have rows
 * are truncated (and, by CASCADE, those referring to them): a TRUNCATE of every table costs the
 * embedded database ~100 ms a test, most of it on tables that are already empty.
 */
export async function resetDatabase(dataSource: DataSource): Promise<void> {
  let tables = appTables.get(dataSource);
  if (!tables) {
    tables = dataSource
      .query<Array<{ tablename: string }>>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1`, [
        MIGRATIONS_TABLE,
      ])
      .then((rows) => rows.map((r) => r.tablename));
    appTables.set(dataSource, tables);
  }
  const all = await tables;
  if (all.length === 0) return;
  const used = await dataSource.query<Array<{ t: string }>>(
    all.map((t) => `SELECT '${t}' AS t WHERE EXISTS (SELECT 1 FROM "${t}")`).join(' UNION ALL '),
  );
  if (used.length === 0) return;
  await dataSource.query(`TRUNCATE ${used.map((r) => `"${r.t}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

/** Row counts of the given tables, to assert that a rejected request wrote nothing. */
export async function countRows(dataSource: DataSource, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [{ n }] = await dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM "${t}"`);
    out[t] = Number(n);
  }
  return out;
}
