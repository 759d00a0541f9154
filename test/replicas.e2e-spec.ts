import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { PrisonerDaysService } from '../src/activity-rate/prisoner-days.service';
import { JOB_LOCK } from '../src/database/advisory-lock';
import { runMigrationsLocked } from '../src/database/migration-runner';
import { buildDataSourceOptions, MIGRATIONS_TABLE } from '../src/database/typeorm-options';
import { PlanDraftsService } from '../src/planning/plan-drafts.service';
import { SessionsService } from '../src/sessions/sessions.service';
import { createActivity } from './factories/activity.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createTestApp, resetDatabase, TestApp, testDatabaseUrl } from './support/test-app';

// Several app replicas on one PostgreSQL server (docs/operations.md): migrations and the scheduled jobs
// run once across replicas through advisory locks. Two app instances in this process share one database.
// The embedded database serves one process only, so this runs on a server.
const onServer = process.env.TEST_DB_KIND === 'server';
(onServer ? describe : describe.skip)('two app instances on one database', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    // One after the other: nestjs-cls keeps one plugin-hooks host per process, and two Nest apps initialising
    // in the same process at the same moment would race for it (real replicas are separate processes).
    // Concurrent start-up migrations are tested below with two data sources.
    a = await createTestApp();
    b = await createTestApp();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });
  beforeEach(() => resetDatabase(a.dataSource));

  /** Holds a job's advisory lock from a connection of its own, as a replica running that job does. */
  async function holdingLock<T>(key: number, work: () => Promise<T>): Promise<T> {
    const holder = new Client({ connectionString: testDatabaseUrl() });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [key]);
      return await work();
    } finally {
      await holder.end();
    }
  }

  it('a job whose lock another replica holds is skipped, not run twice', async () => {
    const { prison } = await createPrisonWithUnit(a.dataSource);
    await createActivity(a.dataSource, prison.id);
    expect(await holdingLock(JOB_LOCK.SESSION_HORIZON, () => b.app.get(SessionsService).runHorizonJob())).toEqual({ ran: false });
    expect(await holdingLock(JOB_LOCK.PRISONER_DAYS, () => b.app.get(PrisonerDaysService).refreshYesterday())).toBeNull();
    expect(await holdingLock(JOB_LOCK.WEEKLY_PLAN_DRAFTS, () => b.app.get(PlanDraftsService).draftNextWeekForAllPrisons())).toEqual({
      ran: false,
    });
    const [{ n }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM session`);
    expect(n).toBe(0);
    // Released: the same call runs.
    const ran = await b.app.get(SessionsService).runHorizonJob();
    expect(ran.ran && ran.result.created).toBeGreaterThan(0);
  });

  it('both replicas firing the session horizon at once make each session once', async () => {
    const { prison } = await createPrisonWithUnit(a.dataSource);
    await createActivity(a.dataSource, prison.id);
    const [ra, rb] = await Promise.all([a.app.get(SessionsService).runHorizonJob(), b.app.get(SessionsService).runHorizonJob()]);
    const created = [ra, rb].map((r) => (r.ran ? r.result.created : 0));
    const [{ n, distinct }] = await a.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT (activity_id, date, period))::int AS distinct FROM session`,
    );
    expect(n).toBe(distinct);
    expect(created[0] + created[1]).toBe(n);
    expect(n).toBeGreaterThan(0);
    // And a third run (either replica) has nothing left to make.
    const again = await a.app.get(SessionsService).runHorizonJob();
    expect(again.ran && again.result.created).toBe(0);
  });

  it('two replicas migrating an empty database at once apply each migration once', async () => {
    const name = `replicas_${Date.now()}_${process.pid}`;
    const admin = new Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = Object.assign(new URL(testDatabaseUrl()), { pathname: `/${name}` }).toString();
    const sources = [new DataSource(buildDataSourceOptions(url, 2)), new DataSource(buildDataSourceOptions(url, 2))];
    try {
      await Promise.all(sources.map((s) => s.initialize()));
      const applied = await Promise.all(sources.map((s) => runMigrationsLocked(s)));
      expect(applied[0].length + applied[1].length).toBe(MIGRATIONS.length);
      const [{ n }] = await sources[0].query(`SELECT count(*)::int AS n FROM "${MIGRATIONS_TABLE}"`);
      expect(n).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all(sources.map((s) => (s.isInitialized ? s.destroy() : undefined)));
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
