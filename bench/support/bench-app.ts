import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/configure-app';
import { SessionsJobs } from '../../src/sessions/sessions.jobs';
import { DemoHistoryStatus } from '../../src/demo-data/demo-history-status';

export interface BenchApp {
  app: INestApplication;
  baseUrl: string;
  databaseLabel: string;
  close(): Promise<void>;
}

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Boots the real application (same module, same configureApp as `npm start`) on a scratch database
 * that is created for the run and dropped afterwards: a PostgreSQL server (DATABASE_URL, else the
 * local one) by default, or the embedded PGlite with `embedded: true`. The demo data loads on start.
 */
export async function startBenchApp(options: { embedded?: boolean; name: string; template?: string; keep?: boolean }): Promise<BenchApp> {
  let dropDatabase: (() => Promise<void>) | undefined;
  let databaseLabel = 'embedded PGlite (in memory)';
  if (options.embedded) {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DATA_DIR = 'memory://';
  } else {
    const server = process.env.DATABASE_URL || DEFAULT_SERVER;
    const name = `bench_${options.name}_${Date.now()}`;
    const admin = new Client({ connectionString: server });
    await admin.connect();
    // A template (a database kept by an earlier run, --keep) skips loading the demo data again.
    await admin.query(options.template ? `CREATE DATABASE "${name}" TEMPLATE "${options.template}"` : `CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    databaseLabel = `PostgreSQL server (${url.host}, scratch database ${name})`;
    dropDatabase = async () => {
      if (options.keep) return console.error(`Kept the scratch database ${name}`);
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  }
  // Not production: the demo data never loads there (its users' password is published).
  Object.assign(process.env, {
    NODE_ENV: 'development',
    JWT_SECRET: 'bench-only-secret-bench-only-secret-0123',
    SEED_DEMO_DATA_ON_EMPTY: 'true',
    MIGRATE_ON_START: 'true',
    LOG_LEVEL: 'warn',
    PORT: '0',
  });
  // The validated config is read when the module graph is built, i.e. after the environment is set here.
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  // The start-up session horizon runs in the background after listen(), in chunks: wait for it, so the
  // figures are taken on a full horizon.
  await app.get(SessionsJobs).startupHorizon;
  // The demo history follows the horizon in the background: the figures are taken on the whole year.
  const history = app.get(DemoHistoryStatus);
  for (;;) {
    const progress = await history.refresh();
    if (!progress || progress.finished) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    databaseLabel,
    close: async () => {
      await app.close();
      if (dropDatabase) await dropDatabase();
    },
  };
}

/** Signs in through the API and returns the bearer token. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`Sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return accessToken;
}

/** Signs in through the API and returns a fetch wrapper that sends the bearer token. */
export async function signInAs(baseUrl: string, username: string, password: string): Promise<(path: string) => Promise<Response>> {
  const accessToken = await signIn(baseUrl, username, password);
  return (path: string) => fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
}
