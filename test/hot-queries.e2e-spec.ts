import { DataSource, EntityManager } from 'typeorm';
import { ActivityRateRepository } from '../src/activity-rate/activity-rate.repository';
import { RateGroupBy } from '../src/activity-rate/dto/activity-rate.dto';
import { buildDataSourceOptions } from '../src/database/typeorm-options';
import { runMigrationsLocked } from '../src/database/migration-runner';
import { txOf } from '../src/database/transaction-host';
import { PlanningInputRepository } from '../src/planning/planning-input.repository';
import { WeekPlanRepository } from '../src/week-plan/week-plan.repository';
import { testDatabaseUrl } from './support/test-app';

// The hot queries, reviewable: the SQL each repository method of the activity rate, the planner input and
// the week plan sends is committed as a snapshot (test/__snapshots__/hot-queries.e2e-spec.ts.snap, as immich
// commits its queries), with the plan PostgreSQL makes for it when sequential scans are switched off: a scan
// of a table that no index can serve stays a Seq Scan there. A changed query, or a lost index, changes the
// snapshot and shows in review. Regenerate with `npx jest test/hot-queries.e2e-spec.ts --selectProjects e2e -u`.

interface Captured {
  sql: string;
  params: unknown[];
}

const PRISON = '00000000-0000-4000-8000-000000000001';
const REGION = '00000000-0000-4000-8000-000000000002';
const PRISONER = '00000000-0000-4000-8000-000000000003';
const ACTIVITY = '00000000-0000-4000-8000-000000000004';
const SESSION = '00000000-0000-4000-8000-000000000005';
const WEEK = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
const YEAR = { from: '2025-12-01', to: '2026-11-30' };

/** Passes every `query` through to the real database and remembers what was sent. */
function recording<T extends object>(target: T, log: Captured[]): T {
  return new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t) as unknown;
      if (prop === 'query')
        return (sql: string, params: unknown[] = []) => {
          log.push({ sql, params });
          return (value as (s: string, p: unknown[]) => Promise<unknown>).call(t, sql, params);
        };
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

/** Trailing spaces off and the common indentation removed, so the snapshot reads like the source. */
function tidy(sql: string): string {
  const lines = sql.split('\n').map((l) => l.trimEnd());
  const indent = Math.min(
    ...lines
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.length - l.trimStart().length),
    Infinity,
  );
  return [lines[0].trim(), ...lines.slice(1).map((l) => (Number.isFinite(indent) ? l.slice(indent) : l))].join('\n').trim();
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/**
 * Every table read of the plan, by how: "Index booking (booking_session_id_idx)" or "Seq Scan prisoner_day".
 * An Index Scan, an Index Only Scan and a Bitmap Heap Scan over a Bitmap Index Scan are the same thing here
 * (the index serves the read); which of them the planner picks depends on the table's statistics.
 */
function scans(node: PlanNode, out: string[] = []): string[] {
  const rel = node['Relation Name'];
  if (rel && node['Node Type'] === 'Bitmap Heap Scan') {
    for (const index of bitmapIndexes(node)) out.push(`Index ${rel} (${index})`);
  } else if (rel && node['Index Name']) {
    out.push(`Index ${rel} (${node['Index Name']})`);
  } else if (rel) {
    out.push(`${node['Node Type']} ${rel}`);
  }
  if (node['Node Type'] !== 'Bitmap Heap Scan') for (const child of node.Plans ?? []) scans(child, out);
  return out;
}

function bitmapIndexes(node: PlanNode): string[] {
  return (node.Plans ?? []).flatMap((child) => (child['Index Name'] ? [child['Index Name']] : bitmapIndexes(child)));
}

describe('hot queries (committed SQL and plans)', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(buildDataSourceOptions(testDatabaseUrl(), 2));
    await ds.initialize();
    await runMigrationsLocked(ds);
  });

  afterAll(async () => {
    await ds.destroy();
  });

  /** What `run` sent, each statement with its plan (sequential scans off: a table no index serves still shows a Seq Scan). */
  async function capture(run: (log: Captured[]) => Promise<unknown>): Promise<Array<{ sql: string; scans: string[] }>> {
    const log: Captured[] = [];
    await run(log);
    expect(log.length).toBeGreaterThan(0);
    return ds.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      const out: Array<{ sql: string; scans: string[] }> = [];
      for (const q of log) {
        const [{ 'QUERY PLAN': plan }] = await em.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
          `EXPLAIN (FORMAT JSON) ${q.sql}`,
          q.params,
        );
        out.push({ sql: tidy(q.sql), scans: [...new Set(scans(plan[0].Plan))].sort() });
      }
      // Every table these queries read has an index that serves them: no Seq Scan even where one would be allowed.
      expect(out.flatMap((q) => q.scans.filter((x) => x.startsWith('Seq Scan')))).toEqual([]);
      return out;
    });
  }

  const rate = (log: Captured[]) => new ActivityRateRepository(recording(ds, log));
  const weekPlan = (log: Captured[]) => new WeekPlanRepository(recording(ds, log));
  const input = (log: Captured[]) => new PlanningInputRepository(txOf(em(log)));
  const em = (log: Captured[]) => recording(ds.manager, log) as EntityManager;

  it.each([
    ['national, 1 year', null, {}],
    ['by prison', RateGroupBy.PRISON, {}],
    ['one prison by week', RateGroupBy.WEEK, { prisonId: PRISON }],
    ['a region by month', RateGroupBy.MONTH, { regionId: REGION }],
    ['national by kind', RateGroupBy.KIND, {}],
  ] as const)('activity rate: %s', async (_name, groupBy, filter) => {
    expect(await capture((log) => rate(log).rateGroups({ ...YEAR, ...filter }, groupBy))).toMatchSnapshot();
  });

  it('activity rate: least active prisoners and one prisoner’s days', async () => {
    expect(await capture((log) => rate(log).leastActive(PRISON, YEAR.from, YEAR.to, 20))).toMatchSnapshot();
    expect(await capture((log) => rate(log).prisonerDays(PRISONER, YEAR.from, YEAR.to, [PRISON]))).toMatchSnapshot();
  });

  it('planner input: the week of one prison', async () => {
    expect(
      await capture(async (log) => {
        const repo = input(log);
        await repo.findRegime(PRISON);
        await repo.findSessions(PRISON, WEEK);
        await repo.findActivities([ACTIVITY]);
        await repo.findCustody(PRISON, WEEK[0], WEEK[4]);
        await repo.findPrisoners([PRISONER]);
        await repo.findUnavailability([PRISONER], WEEK[0], WEEK[4]);
        await repo.findReferrals([PRISONER], [ACTIVITY]);
        await repo.findNonAssociations([PRISONER], WEEK[0], WEEK[4]);
        await repo.findBookings([SESSION]);
        await repo.findLockedAllocations(PRISON, [PRISONER], WEEK[0], WEEK[4]);
      }),
    ).toMatchSnapshot();
  });

  it('week plan: one prison’s week and one prisoner’s week', async () => {
    expect(
      await capture(async (log) => {
        const repo = weekPlan(log);
        await repo.prisonAndPlanVersion(PRISON);
        await repo.findSessions(PRISON, WEEK[0], '2026-12-06');
        await repo.findBookings(PRISON, WEEK[0], '2026-12-06');
        await repo.findUnavailability([PRISONER], WEEK[0], '2026-12-06');
        await repo.findNonAssociatedPairs([PRISONER], WEEK[0], '2026-12-06');
        await repo.findPrisonerDays(PRISON, WEEK);
        await repo.findPrisonsHolding(PRISONER, WEEK[0], '2026-12-06');
        await repo.findPrisonerSessions(PRISONER, [PRISON], WEEK[0], '2026-12-06');
      }),
    ).toMatchSnapshot();
  });
});
