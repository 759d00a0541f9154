// The app under load for `npm run bench:api`, in a process of its own so that the load generator does not
// share its event loop: boots on a scratch database with the demo data (bench/support/bench-app.ts), adds
// the attendance rosters, reports over IPC, and closes (dropping the database) when told or orphaned.
import 'reflect-metadata';
import type { Server, ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import { isCountedDay } from '../../src/calendar/domain/counted-days';
import { addDays } from '../../src/calendar/domain/oslo-time';
import { Clock } from '../../src/common/clock';
import { createAttendanceRosters } from '../support/attendance-fixture';
import { startBenchApp } from '../support/bench-app';

export interface ApiBenchServerReady {
  baseUrl: string;
  databaseLabel: string;
  bootMs: number;
  today: string;
  pastDay: string;
  /** Per roster: [today's session, the past day's session] and its prisoners. */
  rosters: Array<{ sessionIds: string[]; prisonerIds: string[] }>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rosterCount = Number(args[args.indexOf('--rosters') + 1]);
  const rosterSize = Number(args[args.indexOf('--roster-size') + 1]);
  const template = args.includes('--template') ? args[args.indexOf('--template') + 1] : undefined;
  const started = Date.now();
  const bench = await startBenchApp({ embedded: args.includes('--embedded'), name: 'api', template, keep: args.includes('--keep') });

  // Requests still running when a load stops (the generator drops its connections, the handlers go on):
  // wait for them before the next load, and before closing the database under them.
  let inFlight = 0;
  (bench.app.getHttpServer() as Server).on('request', (_req, res: ServerResponse) => {
    inFlight++;
    // Not 'close': that fires when the client goes, while the handler may still be running; end() is the handler's last word.
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    let ended = false;
    res.end = ((...a: unknown[]) => {
      if (!ended) {
        ended = true;
        inFlight--;
      }
      return end(...a);
    }) as ServerResponse['end'];
  });
  const drained = async () => {
    for (let waited = 0; inFlight > 0 && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  };
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= drained()
      .then(() => bench.close())
      .finally(() => process.exit(0)));
  process.on('message', (m) => {
    if (m === 'close') void close();
    if (m === 'drain') void drained().then(() => process.send!('drained'));
  });
  process.on('disconnect', () => void close());

  const today = bench.app.get(Clock).today();
  let pastDay = addDays(today, -1);
  while (!isCountedDay(pastDay)) pastDay = addDays(pastDay, -1);
  const { rosters } = await createAttendanceRosters(bench.app.get(DataSource), {
    rosters: rosterCount,
    size: rosterSize,
    dates: [today, pastDay],
    heldFrom: addDays(today, -60),
  });
  const ready: ApiBenchServerReady = {
    baseUrl: bench.baseUrl,
    databaseLabel: bench.databaseLabel,
    bootMs: Date.now() - started,
    today,
    pastDay,
    rosters,
  };
  process.send!(ready);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
