// npm run bench:api [-- --json] [--connections 50] [--duration 10] [--warmup 3] [--only roster,plan,rate,rate-kind,attendance,attendance-past]
//                   [--embedded] [--keep] [--template <database kept by --keep, same day>]
//
// The API under load on the national demo data: the app runs in a child process on a scratch database
// (bench/api/api-bench-server.ts); this process signs in as the demo users and drives each read with
// `connections` concurrent connections (closed loop, loopback) for `duration` seconds after a warm-up,
// then the attendance batches. Each row gives req/s, p50 and p99 and its throughput against GET /health
// measured in the same run, so the ratios hold on a busy machine even when the absolute figures do not.
import { fork } from 'node:child_process';
import path from 'node:path';
import { isoWeekOf } from '../../src/calendar/domain/iso-week';
import { addDays } from '../../src/calendar/domain/oslo-time';
import { signIn } from '../support/bench-app';
import { LoadRequest, LoadResult, runLoad } from '../support/load';
import { printTable, round } from '../support/measure';
import type { ApiBenchServerReady } from './api-bench-server';
import { benchArgs } from '../support/args';

const DEMO_PASSWORD = 'demo-aktivitet-2026';
const ROSTER_SIZE = 400;

interface Scenario {
  key: string;
  name: string;
  requests: LoadRequest[] | { perConnection: LoadRequest[][] };
}

interface BenchServer {
  ready: ApiBenchServerReady;
  /** Resolves when the requests a finished load left running are done. */
  drain: () => Promise<void>;
  stop: () => Promise<void>;
}

function startServer(serverArgs: string[]): Promise<BenchServer> {
  const child = fork(path.join(__dirname, 'api-bench-server.js'), serverArgs, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const drain = () =>
    new Promise<void>((resolve) => {
      const onMessage = (m: unknown) => m === 'drained' && (child.off('message', onMessage), resolve());
      child.on('message', onMessage);
      child.send('drain');
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.connected) child.send('close');
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('message', (ready) => resolve({ ready: ready as ApiBenchServerReady, drain, stop }));
    child.once('exit', (code) => reject(new Error(`The bench server exited (${code}) before it was ready`)));
  });
}

async function getJson<T>(baseUrl: string, token: string, p: string): Promise<T> {
  const res = await fetch(`${baseUrl}${p}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

async function main(): Promise<void> {
  const cli = benchArgs();
  const arg = cli.value;
  const json = cli.has('--json');
  const connections = Number(arg('--connections') ?? 50);
  const durationSeconds = Number(arg('--duration') ?? 10);
  const warmupSeconds = Number(arg('--warmup') ?? 3);
  const only = arg('--only')?.split(',');

  const serverArgs = ['--rosters', String(connections), '--roster-size', String(ROSTER_SIZE)];
  for (const flag of ['--embedded', '--keep']) if (cli.has(flag)) serverArgs.push(flag);
  if (arg('--template')) serverArgs.push('--template', arg('--template')!);
  const { ready, drain, stop } = await startServer(serverArgs);
  try {
    const { baseUrl } = ready;
    const [teacher, officer, admin] = await Promise.all(
      ['oslo.teacher', 'oslo.officer', 'national.admin'].map((u) => signIn(baseUrl, u, DEMO_PASSWORD)),
    );
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });

    // The teacher's next session with prisoners booked (this week, else the coming weeks).
    const mine = await getJson<Array<{ sessionId: string; date: string; booked: number; cancelled: unknown }>>(
      baseUrl,
      teacher,
      `/me/sessions?from=${ready.today}&to=${addDays(ready.today, 27)}`,
    );
    const lesson = mine.find((s) => s.booked > 0 && s.cancelled === null);
    if (!lesson) throw new Error('oslo.teacher has no session with prisoners in the next four weeks');
    const prisons = await getJson<Array<{ id: string; code: string }> | { items: Array<{ id: string; code: string }> }>(
      baseUrl,
      officer,
      '/prisons',
    );
    const oslo = (Array.isArray(prisons) ? prisons : prisons.items).find((p) => p.code === 'OSL');
    if (!oslo) throw new Error('Oslo (OSL) is not in the demo data');
    const week = isoWeekOf(addDays(ready.today, 7));
    const planPath = `/prisons/${oslo.id}/weeks/${week}/plan`;

    // Each connection records its own 400-prisoner roster, alternating two outcomes so every save changes every row.
    const batches = (dayIndex: number): LoadRequest[][] =>
      ready.rosters.map((r) =>
        [
          r.prisonerIds.map((prisonerId, i) =>
            i % 4 === 0 ? { prisonerId, outcome: 'ABSENT', absenceReason: 'SICK' } : { prisonerId, outcome: 'ATTENDED' },
          ),
          r.prisonerIds.map((prisonerId) => ({ prisonerId, outcome: 'ABSENT', absenceReason: 'NOT_REQUIRED' })),
        ].map((records) => ({
          method: 'PUT' as const,
          path: `/sessions/${r.sessionIds[dayIndex]}/attendance`,
          headers: { ...auth(admin), 'content-type': 'application/json' },
          body: JSON.stringify({ records }),
        })),
      );

    const scenarios: Scenario[] = [
      { key: 'health', name: 'GET /health', requests: [{ path: '/health' }] },
      {
        key: 'roster',
        name: "teacher's roster (oslo.teacher)",
        requests: [{ path: `/sessions/${lesson.sessionId}/roster`, headers: auth(teacher) }],
      },
      { key: 'plan', name: `Oslo week plan ${week} (oslo.officer)`, requests: [{ path: planPath, headers: auth(officer) }] },
      {
        key: 'rate',
        name: 'national rate, 1 year (national.admin)',
        requests: [{ path: '/activity-rate?scope=national', headers: auth(admin) }],
      },
      {
        key: 'rate-kind',
        name: 'national rate, 1 year by kind',
        requests: [{ path: '/activity-rate?scope=national&groupBy=kind', headers: auth(admin) }],
      },
      { key: 'attendance', name: `attendance ${ROSTER_SIZE} rows, today`, requests: { perConnection: batches(0) } },
      {
        key: 'attendance-past',
        name: `attendance ${ROSTER_SIZE} rows, ${ready.pastDay} (+ facts)`,
        requests: { perConnection: batches(1) },
      },
    ].filter((s) => !only || s.key === 'health' || only.includes(s.key));

    const results: Array<{ scenario: Scenario; load: LoadResult }> = [];
    for (const scenario of scenarios) {
      await drain();
      const load = await runLoad({ baseUrl, connections, durationSeconds, warmupSeconds, requests: scenario.requests });
      if (load.non2xx > 0 || load.errors > 0) throw new Error(`${scenario.name}: ${load.non2xx} non-2xx answers, ${load.errors} errors`);
      results.push({ scenario, load });
    }
    const health = results[0].load.reqPerSec;
    // No answer within the run: the latencies are longer than the run itself.
    const ms = (load: LoadResult, v: number) => (load.requests === 0 ? `>${durationSeconds * 1000}` : v);
    const rows = results.map(({ scenario, load }) => ({
      request: scenario.name,
      'req/s': load.reqPerSec,
      p50_ms: ms(load, load.p50Ms),
      p99_ms: ms(load, load.p99Ms),
      x_health: round(load.reqPerSec / health, 2),
      kib: round(load.meanBytes / 1024),
    }));
    if (json) {
      console.log(
        JSON.stringify(
          {
            database: ready.databaseLabel,
            bootWithDemoDataMs: ready.bootMs,
            connections,
            durationSeconds,
            warmupSeconds,
            week,
            results: results.map(({ scenario, load }) => ({
              key: scenario.key,
              name: scenario.name,
              ...load,
              xHealth: round(load.reqPerSec / health, 2),
            })),
          },
          null,
          2,
        ),
      );
    } else {
      console.log(`API load benchmark — ${ready.databaseLabel}`);
      console.log(
        `Demo data + boot: ${ready.bootMs} ms. ${connections} connections, ${durationSeconds} s each after ${warmupSeconds} s warm-up; load generator on the same machine.`,
      );
      printTable(rows);
    }
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
