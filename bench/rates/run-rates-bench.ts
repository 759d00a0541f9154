/**
 * Benchmark of the activity rate on a generated national history (not a test).
 *
 *   npm run bench:rates [-- --json] [--runs N] [--years 5] [--beds 4000] [--keep] [--reuse-db NAME]
 *
 * Creates a scratch database on the PostgreSQL server (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres,
 * is used to create and drop it), runs the migrations, writes the history with set-based SQL, builds
 * prisoner_day and its rollup through rebuildInMonths (as PrisonerDaysService.rebuild, month by month), then times (median of N
 * runs after one warm-up): the national rate for 1 and 5 years, per prison for 1 year, one prison by week for
 * 1 year, the same national 1-year figure computed straight from custody/bookings/sessions/attendance (and
 * checks that both give the same numbers), and the nightly job for one day of the whole country.
 */
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityRateRepository, KeyedRateRow, RateFilter } from '../../src/activity-rate/activity-rate.repository';
import { aggregateRate } from '../../src/activity-rate/domain/prisoner-day';
import { RateGroupBy } from '../../src/activity-rate/dto/activity-rate.dto';
import { rebuildInMonths, refreshPrisonerDaysWith } from '../../src/activity-rate/prisoner-days.service';
import { PRISONER_DAY_CTES } from '../../src/activity-rate/prisoner-days.sql';
import { countedDaysBetween } from '../../src/calendar/domain/counted-days';
import { addDays, IsoDate, parseIsoDate, toIsoDate } from '../../src/calendar/domain/oslo-time';
import { Clock } from '../../src/common/clock';
import { JOB_LOCK, withJobLock } from '../../src/database/advisory-lock';
import { runMigrationsLocked } from '../../src/database/migration-runner';
import { buildDataSourceOptions } from '../../src/database/typeorm-options';
import { generateHistory } from './generate-history';
import { median } from '../support/measure';
import { benchArgs } from '../support/args';

interface Measurement {
  name: string;
  medianMs: number;
  runs: number;
  targetMs: number | null;
  rows: number;
}

interface Report {
  database: string;
  from: IsoDate;
  to: IsoDate;
  beds: number;
  counts: Record<string, number>;
  generationSeconds: number;
  rebuildSeconds: number;
  national1y: { prisonerDays: number; plannedRate: number | null; realisedRate: number | null };
  rawMatchesRollup: boolean;
  rawToRollupRatio: number;
  measurements: Measurement[];
  targetsMet: boolean;
}

const since = (t: bigint): number => Number(process.hrtime.bigint() - t) / 1e6;

async function time<T>(runs: number, work: () => Promise<T>): Promise<{ medianMs: number; result: T }> {
  let result = await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    result = await work();
    times.push(since(t));
  }
  return { medianMs: median(times), result };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main(): Promise<void> {
  const cli = benchArgs();
  const arg = cli.value;
  const json = cli.has('--json');
  const runs = Number(arg('--runs') ?? 7);
  const years = Number(arg('--years') ?? 5);
  const beds = Number(arg('--beds') ?? 4000);
  const reuse = arg('--reuse-db');
  const keep = cli.has('--keep') || reuse !== undefined;
  const log = (line: string) => process.stderr.write(line + '\n');
  Logger.overrideLogger(false);

  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = reuse ?? `rates_bench_${Date.now()}`;
  const admin = new DataSource({ type: 'postgres', url: adminUrl });
  await admin.initialize();
  if (!reuse) await admin.query(`CREATE DATABASE "${database}"`);
  const ds = new DataSource(buildDataSourceOptions(withDatabase(adminUrl, database), 2));
  const clock = new Clock();
  const to = addDays(clock.today(), -1);
  const from = toIsoDate(parseIsoDate(to).minus({ years }).plus({ days: 1 }));
  const from1y = toIsoDate(parseIsoDate(to).minus({ years: 1 }).plus({ days: 1 }));
  try {
    await ds.initialize();
    let generationSeconds = 0;
    let rebuildSeconds = 0;
    if (!reuse) {
      await runMigrationsLocked(ds);
      log(`Generating ${years} years (${from} … ${to}) for ${beds} beds in ${database}`);
      let t = process.hrtime.bigint();
      await generateHistory(ds, { beds, from, to }, log);
      generationSeconds = since(t) / 1000;
      log('Building prisoner_day and its rollup (rebuildInMonths, as PrisonerDaysService.rebuild does)');
      t = process.hrtime.bigint();
      await rebuildInMonths({ from, to }, (part) => ds.transaction((em) => refreshPrisonerDaysWith(em, clock, part)));
      rebuildSeconds = since(t) / 1000;
      await ds.query('ANALYZE prisoner_day; ANALYZE prison_day_rate');
    }
    const counts: Record<string, number> = {};
    for (const table of [
      'prison',
      'unit',
      'prisoner',
      'custody_period',
      'activity',
      'session',
      'booking',
      'attendance',
      'prisoner_day',
      'prison_day_rate',
    ]) {
      const [{ n }] = await ds.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM "${table}"`);
      counts[table] = Number(n);
    }

    const repo = new ActivityRateRepository(ds);
    const [{ id: biggest }] = await ds.query<Array<{ id: string }>>(`SELECT id FROM prison ORDER BY capacity DESC, code LIMIT 1`);
    const measurements: Measurement[] = [];
    const measure = async (name: string, targetMs: number | null, n: number, work: () => Promise<unknown[]>) => {
      log(`Timing: ${name}`);
      const { medianMs, result } = await time(n, work);
      measurements.push({ name, medianMs, runs: n, targetMs, rows: result.length });
      return { medianMs, result };
    };
    const rate = (filter: RateFilter, groupBy: RateGroupBy | null) => () => repo.rateGroups(filter, groupBy);

    const n1y = await measure('national, 1 year', 100, runs, rate({ from: from1y, to }, null));
    await measure(`national, ${years} year${years === 1 ? '' : 's'}`, 500, runs, rate({ from, to }, null));
    await measure('per prison, 1 year', null, runs, rate({ from: from1y, to }, RateGroupBy.PRISON));
    await measure('one prison by week, 1 year', null, runs, rate({ from: from1y, to, prisonId: biggest }, RateGroupBy.WEEK));
    await measure('national by kind, 1 year (prisoner_day, no rollup)', null, runs, rate({ from: from1y, to }, RateGroupBy.KIND));
    // The same national figure straight from the source tables, with the very statement that fills prisoner_day.
    const rawSql = `WITH ${PRISONER_DAY_CTES}
      SELECT count(*) AS prisoner_days, count(*) FILTER (WHERE planned_active) AS planned, count(*) FILTER (WHERE realised_active) AS realised,
             json_build_object('NO_OFFER', count(*) FILTER (WHERE reason = 'NO_OFFER'), 'SESSION_CANCELLED', count(*) FILTER (WHERE reason = 'SESSION_CANCELLED'),
               'ABSENT', count(*) FILTER (WHERE reason = 'ABSENT'), 'NOT_RECORDED', count(*) FILTER (WHERE reason = 'NOT_RECORDED'),
               'EXCLUDED', count(*) FILTER (WHERE reason = 'EXCLUDED')) AS reasons
        FROM computed`;
    const raw = await measure('national, 1 year, raw (custody/bookings/sessions/attendance)', null, Math.min(runs, 3), () =>
      ds.query(rawSql, [countedDaysBetween(from1y, to), from1y, to, true, [], []]),
    );
    const rawRow = raw.result[0] as { prisoner_days: string; planned: string; realised: string; reasons: Record<string, number> };
    const fromRaw = aggregateRate([
      {
        prisonerDays: Number(rawRow.prisoner_days),
        plannedActiveDays: Number(rawRow.planned),
        realisedActiveDays: Number(rawRow.realised),
        reasons: rawRow.reasons,
      },
    ]);
    const fromRollup = aggregateRate(n1y.result as KeyedRateRow[]);
    const rawMatchesRollup = JSON.stringify(fromRaw) === JSON.stringify(fromRollup);

    // The nightly job (what refreshYesterday runs under its lock) for the last counted day, nationally: its rows
    // removed first so that it writes them all again; then re-run with nothing to change.
    const lastDay = countedDaysBetween(addDays(to, -14), to).pop() as IsoDate;
    const nightly = () =>
      withJobLock(ds, JOB_LOCK.PRISONER_DAYS, (em) => refreshPrisonerDaysWith(em, clock, { from: lastDay, to: lastDay }));
    const nightlyTimes: number[] = [];
    const nightlyRuns = Math.min(runs, 5);
    log(`Timing: nightly job for ${lastDay}, nationally`);
    let written = 0;
    for (let i = 0; i <= nightlyRuns; i++) {
      await ds.transaction(async (em) => {
        await em.query(`DELETE FROM prisoner_day WHERE date = $1`, [lastDay]);
        await em.query(`DELETE FROM prison_day_rate WHERE date = $1`, [lastDay]);
      });
      const t = process.hrtime.bigint();
      const outcome = await nightly();
      if (i > 0) nightlyTimes.push(since(t));
      written = outcome.ran ? outcome.result.written : -1;
    }
    measurements.push({
      name: `nightly job, one day nationally (${lastDay}, writes every row)`,
      medianMs: median(nightlyTimes),
      runs: nightlyRuns,
      targetMs: 5000,
      rows: written,
    });
    const rerun = await time(nightlyRuns, () => nightly().then((o) => (o.ran ? Array.from({ length: o.result.written }) : [])));
    measurements.push({
      name: 'nightly job re-run (nothing to change)',
      medianMs: rerun.medianMs,
      runs: nightlyRuns,
      targetMs: 5000,
      rows: rerun.result.length,
    });

    const rawToRollupRatio = raw.medianMs / n1y.medianMs;
    const report: Report = {
      database,
      from,
      to,
      beds,
      counts,
      generationSeconds,
      rebuildSeconds,
      national1y: { prisonerDays: fromRollup.prisonerDays, plannedRate: fromRollup.plannedRate, realisedRate: fromRollup.realisedRate },
      rawMatchesRollup,
      rawToRollupRatio,
      measurements,
      targetsMet: measurements.every((m) => m.targetMs === null || m.medianMs <= m.targetMs) && rawToRollupRatio >= 10 && rawMatchesRollup,
    };
    if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else printTable(report);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    if (!keep) await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
    await admin.destroy();
  }
}

function printTable(r: Report): void {
  const out = (s: string) => process.stdout.write(s + '\n');
  const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);
  out(`Activity-rate benchmark: ${r.from} … ${r.to}, ${r.beds} beds, PostgreSQL database ${r.database}`);
  out(
    `Data: ${Object.entries(r.counts)
      .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
      .join(', ')}`,
  );
  if (r.generationSeconds > 0)
    out(`Generated in ${r.generationSeconds.toFixed(0)} s; prisoner_day built in ${r.rebuildSeconds.toFixed(0)} s`);
  out(
    `National, last year: ${r.national1y.prisonerDays.toLocaleString('en')} prisoner-days, planned ${pct(r.national1y.plannedRate)}, realised ${pct(r.national1y.realisedRate)}`,
  );
  out('');
  const head = ['query', 'median ms', 'runs', 'rows', 'target', 'ok'];
  const rows = r.measurements.map((m) => [
    m.name,
    m.medianMs.toFixed(1),
    String(m.runs),
    String(m.rows),
    m.targetMs === null ? '' : `≤ ${m.targetMs}`,
    m.targetMs === null ? '' : m.medianMs <= m.targetMs ? 'yes' : 'NO',
  ]);
  rows.push([
    'raw / rollup, national 1 year',
    `${r.rawToRollupRatio.toFixed(0)}×`,
    '',
    '',
    '≥ 10×',
    r.rawToRollupRatio >= 10 ? 'yes' : 'NO',
  ]);
  rows.push(['raw and rollup give the same figures', String(r.rawMatchesRollup), '', '', 'true', r.rawMatchesRollup ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  out(line(head));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) out(line(row));
  out('');
  out(r.targetsMet ? 'All targets met.' : 'Some targets NOT met.');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
