/**
 * Benchmark of the population import (not a test).
 *
 *   npm run bench:import [-- --json] [--runs 3] [--prisoners 4000] [--days 60]
 *
 * Boots the app (no demo data) on a scratch database of the PostgreSQL server (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres, is used to create and drop it), signs in a national
 * administrator and, over HTTP, times (median of N runs, each on a fresh prison so every apply admits the
 * whole file): the dry run of a 4,000-prisoner file on an empty prison, its apply (4,000 admissions in one
 * transaction, with the prisoner-days of arrivals spread over the last --days days), the dry run and the
 * apply of the same file again (all unchanged), and of a changed file (10 % unit moves, 5 % details
 * changes, 2 % missing, 2 % new).
 */
import { request } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { addDays } from '../../src/calendar/domain/oslo-time';
import { hashPassword } from '../../src/auth/passwords';
import { Clock } from '../../src/common/clock';
import { configureApp } from '../../src/configure-app';
import { benchArgs } from '../support/args';
import { median, printTable, round } from '../support/measure';

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const HEADER = 'prisonerNumber;firstName;lastName;dateOfBirth;legalStatus;nationality;educationLevel;educationRight;unit;arrivalDate';
const UNITS = 10;

interface Person {
  number: string;
  last: string;
  legal: string;
  unit: number;
  arrival: string;
}

const toCsv = (people: Person[]) =>
  [
    HEADER,
    ...people.map((p) => [p.number, 'Ola', p.last, '1988-04-12', p.legal, 'NO', '', '', `Avdeling ${p.unit}`, p.arrival].join(';')),
  ].join('\r\n') + '\r\n';

async function main(): Promise<void> {
  const cli = benchArgs();
  const runs = Number(cli.value('--runs') ?? 3);
  const size = Number(cli.value('--prisoners') ?? 4000);
  const spread = Number(cli.value('--days') ?? 60);

  const server = process.env.DATABASE_URL || DEFAULT_SERVER;
  const dbName = `bench_import_${Date.now()}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  Object.assign(process.env, {
    DATABASE_URL: url.toString(),
    NODE_ENV: 'development',
    JWT_SECRET: 'bench-only-secret-bench-only-secret-0123',
    SEED_DEMO_DATA_ON_EMPTY: 'false',
    MIGRATE_ON_START: 'true',
    LOG_LEVEL: 'warn',
    BODY_LIMIT: '5mb',
  });
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  try {
    const ds = app.get(DataSource);
    const today = app.get(Clock).today();
    // Set-up by SQL (a bench, not the app): a region, an administrator user.
    const [{ id: regionId }] = await ds.query(`INSERT INTO region (code, name) VALUES ('BR', 'Bench region') RETURNING id`);
    await ds.query(
      `INSERT INTO app_user (username, password_hash, roles) VALUES ('bench-admin', $1, ARRAY['NATIONAL_ADMIN']::user_role[])`,
      [await hashPassword('bench-password-123456')],
    );
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-admin', password: 'bench-password-123456' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    let prisonSeq = 0;
    const newPrison = async (): Promise<string> => {
      prisonSeq++;
      const [{ id }] = await ds.query(
        `INSERT INTO prison (code, name, region_id, security_level, capacity) VALUES ($1, $2, $3, 'HIGH', $4) RETURNING id`,
        [`BP${prisonSeq}`, `Bench prison ${prisonSeq}`, regionId, size + 500],
      );
      for (let u = 1; u <= UNITS; u++)
        await ds.query(`INSERT INTO unit (prison_id, name, security_level, capacity) VALUES ($1, $2, 'HIGH', $3)`, [
          id,
          `Avdeling ${u}`,
          size,
        ]);
      return id;
    };
    const population = (tag: string): Person[] =>
      Array.from({ length: size }, (_, i) => ({
        number: `${tag}-${String(i + 1).padStart(5, '0')}`,
        last: `Nordmann${i}`,
        legal: i % 4 === 0 ? 'REMAND' : 'CONVICTED',
        unit: (i % UNITS) + 1,
        arrival: addDays(today, -1 - (i % spread)),
      }));
    // A fresh connection per request (no keep-alive reuse racing the server's idle timeout between runs).
    const post = (path: string, payload: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          `${base}${path}`,
          {
            method: 'POST',
            agent: false,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
              authorization: `Bearer ${accessToken}`,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    const call = async (prisonId: string, kind: 'dry-run' | 'apply', content: string, confirm: string[] = []) => {
      const start = process.hrtime.bigint();
      const res = await post(
        `/prisons/${prisonId}/population-import/${kind}`,
        JSON.stringify({ format: 'CSV', content, confirmReleases: confirm }),
      );
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (res.status !== 200) throw new Error(`${kind}: ${res.status} ${res.text.slice(0, 500)}`);
      return { ms, counts: (JSON.parse(res.text) as { counts: Record<string, number> }).counts };
    };

    const times: Record<string, number[]> = {};
    const counts: Record<string, Record<string, number>> = {};
    const note = (name: string, r: { ms: number; counts: Record<string, number> }) => {
      (times[name] ??= []).push(r.ms);
      counts[name] = r.counts;
    };
    for (let run = 0; run < runs; run++) {
      const prisonId = await newPrison();
      const people = population(`B${run}`);
      const file = toCsv(people);
      note('dry run, empty prison (all admit)', await call(prisonId, 'dry-run', file));
      note('apply, empty prison (all admit + prisoner-days)', await call(prisonId, 'apply', file));
      note('dry run, same file again (all unchanged)', await call(prisonId, 'dry-run', file));
      note('apply, same file again (no change)', await call(prisonId, 'apply', file));
      const changed = people
        .filter((_, i) => i % 50 !== 7) // 2 % missing
        .map((p, i) =>
          i % 10 === 0 ? { ...p, unit: (p.unit % UNITS) + 1 } : i % 20 === 3 ? { ...p, legal: 'REMAND', last: `${p.last}x` } : p,
        );
      for (let i = 0; i < size / 50; i++) changed.push({ ...people[i], number: `C${run}-${i}`, arrival: addDays(today, -2) });
      const changedFile = toCsv(changed);
      note('dry run, changed file', await call(prisonId, 'dry-run', changedFile));
      note('apply, changed file', await call(prisonId, 'apply', changedFile));
    }
    const rows = Object.entries(times).map(([name, ms]) => ({
      measure: name,
      runs: ms.length,
      'median ms': round(median(ms)),
      counts: Object.entries(counts[name])
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', '),
    }));
    const [{ n: facts }] = await ds.query(`SELECT count(*)::int AS n FROM prisoner_day`);
    if (cli.json)
      console.log(
        JSON.stringify(
          { database: `PostgreSQL server (${url.host})`, prisoners: size, arrivalSpreadDays: spread, prisonerDays: facts, rows },
          null,
          2,
        ),
      );
    else {
      console.log(`Population import, ${size} prisoners per file, arrivals over the last ${spread} days, PostgreSQL server ${url.host}`);
      printTable(rows);
      console.log(`prisoner_day rows written in all: ${facts}`);
    }
  } finally {
    await app.close();
    const c = new Client({ connectionString: server });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await c.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
