import { DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { createActivity, FULL_WEEK } from './factories/activity.factory';
import { insertSessions } from './factories/allocation.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { WEEK_49, WEEK_49_DAYS } from './factories/planning.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn } from './support/auth';
import { TcpProxy } from './support/tcp-proxy';
import { createTestApp, resetDatabase, TestApp, testDatabaseUrl } from './support/test-app';

// Timeouts of the app under test (the defaults are in AppConfig and docs/operations.md).
const CONNECT_TIMEOUT_MS = 1500;
const WATCHDOG_INTERVAL_MS = 300;
const WATCHDOG_TIMEOUT_MS = 700;
// Longest a request may take to fail: two missed probes (interval + timeout each), then a new connection's
// connect timeout, plus slack for a busy machine.
const FAIL_WITHIN_MS = 2 * (WATCHDOG_INTERVAL_MS + WATCHDOG_TIMEOUT_MS) + CONNECT_TIMEOUT_MS + 4000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('behaviour under database faults', () => {
  describe('a network partition in front of the database (packets dropped, not refused)', () => {
    let proxy: TcpProxy;
    let t: TestApp;

    beforeAll(async () => {
      const front = await TcpProxy.in_front_of(testDatabaseUrl());
      proxy = front.proxy;
      t = await createTestApp({
        env: {
          DATABASE_URL: front.url,
          DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
          DB_WATCHDOG_INTERVAL_MS: String(WATCHDOG_INTERVAL_MS),
          DB_WATCHDOG_TIMEOUT_MS: String(WATCHDOG_TIMEOUT_MS),
        },
      });
    });
    afterAll(async () => {
      proxy.heal();
      await t.close();
      await proxy.close();
      // Later apps of this worker use the database directly again, without the watchdog.
      Object.assign(process.env, { DATABASE_URL: testDatabaseUrl(), DB_WATCHDOG_INTERVAL_MS: '0' });
    });

    it('answers 503 with Retry-After within the timeouts, keeps the failed requests in the audit trail, and recovers by itself', async () => {
      await resetDatabase(t.dataSource);
      const { prison, unit } = await createPrisonWithUnit(t.dataSource);
      const prisoner = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
      const officer = await signIn(t, [Role.OFFICER], [prison.id]);
      const read = () => officer.get(`/prisoners/${prisoner.id}/referrals`);
      await read().expect(200);

      proxy.blackhole();
      const started = Date.now();
      const during = await Promise.all([0, 200, 400, 600].map((delay) => sleep(delay).then(() => read())));
      const slowest = Date.now() - started;
      for (const res of during) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
      }
      expect(slowest).toBeLessThan(FAIL_WITHIN_MS);
      // Still partitioned: a new request fails within the connect timeout (plus slack), it does not hang.
      const again = Date.now();
      await read().expect(503);
      expect(Date.now() - again).toBeLessThan(CONNECT_TIMEOUT_MS + 3000);

      proxy.heal();
      const healed = Date.now();
      let status = 0;
      while (Date.now() - healed < 15000) {
        status = (await read()).status;
        if (status === 200) break;
        await sleep(200);
      }
      expect(status).toBe(200);
      expect(Date.now() - healed).toBeLessThan(15000);

      // The events of the requests that failed are written once the database answers again.
      let stored = 0;
      for (let i = 0; i < 50 && stored < during.length + 1; i++) {
        await sleep(200);
        const rows: { n: number }[] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_event WHERE action = 'referral.read' AND status_code = 503 AND user_id = $1`,
          [officer.userId],
        );
        stored = rows[0].n;
      }
      expect(stored).toBe(during.length + 1);
    });
  });

  describe('stopping (SIGTERM) while a plan draft is being computed', () => {
    it('answers the draft before the planner engine and the database close', async () => {
      const t = await createTestApp();
      let closed: Promise<void> | undefined;
      try {
        await resetDatabase(t.dataSource);
        const { prison, unit } = await createPrisonWithUnit(t.dataSource);
        const workshop = await createActivity(
          t.dataSource,
          prison.id,
          { name: 'Snekkerverksted', capacity: 2 },
          FULL_WEEK.filter((s) => s.period === DayPeriod.AM),
        );
        await insertSessions(t.dataSource, workshop, WEEK_49_DAYS, { periods: [DayPeriod.AM], capacity: 2 });
        for (let i = 0; i < 3; i++) await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
        const officer = await signIn(t, [Role.OFFICER], [prison.id]);

        const draft = officer.post(`/prisons/${prison.id}/weeks/${WEEK_49}/plan-drafts`).then((res) => res);
        // What enableShutdownHooks() does on SIGTERM, while the request is under way.
        await sleep(30);
        closed = t.close();
        const res = await draft;
        expect(res.status).toBe(201);
        expect(res.body.metrics).toMatchObject({ activeDays: 10, prisonerDays: 15 });
      } finally {
        await (closed ?? t.close());
      }
    });
  });
});
