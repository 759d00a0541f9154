import type { Response } from 'supertest';
import { DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { PlannerEngine } from '../src/planning/planner-engine';
import { createActivity, FULL_WEEK } from './factories/activity.factory';
import { insertSessions } from './factories/allocation.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { WEEK_49, WEEK_49_DAYS } from './factories/planning.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn } from './support/auth';
import { TcpProxy } from './support/tcp-proxy';
import { createTestApp, resetDatabase, TestApp, testDatabaseUrl } from './support/test-app';

// Timeouts of the app under test: short ones by default; FAULT_DEFAULT_TIMEOUTS=1 keeps the app's defaults
// (AppConfig) and FAULT_BLACKHOLE_MS sets how long the partition lasts, for the measurement in
// docs/database-faults.md, e.g. FAULT_DEFAULT_TIMEOUTS=1 FAULT_BLACKHOLE_MS=20000.
const DEFAULTS = process.env.FAULT_DEFAULT_TIMEOUTS === '1';
const CONNECT_TIMEOUT_MS = DEFAULTS ? 5000 : 1500;
const WATCHDOG_INTERVAL_MS = DEFAULTS ? 1000 : 300;
const WATCHDOG_TIMEOUT_MS = DEFAULTS ? 2000 : 700;
const BLACKHOLE_MS = Number(process.env.FAULT_BLACKHOLE_MS ?? '0');
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
      const timed = async (): Promise<{ res: Response; ms: number }> => {
        const sent = Date.now();
        const res = await read();
        return { res, ms: Date.now() - sent };
      };
      // Requests arriving one after another as the partition begins, then one a second while it lasts.
      const during = await Promise.all([0, 200, 400, 600].map((delay) => sleep(delay).then(timed)));
      while (Date.now() - started < BLACKHOLE_MS) {
        during.push(await timed());
        await sleep(1000);
      }
      for (const { res, ms } of during) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
        expect(ms).toBeLessThan(FAIL_WITHIN_MS);
      }
      // Still partitioned: a new request fails within the connect timeout (plus slack), it does not hang.
      const again = Date.now();
      await read().expect(503);
      expect(Date.now() - again).toBeLessThan(CONNECT_TIMEOUT_MS + 3000);

      proxy.heal();
      const healed = Date.now();
      let status = 0;
      let failedWhileRecovering = 0; // until the watchdog's next probe is answered
      while (Date.now() - healed < 15000) {
        status = (await read()).status;
        if (status === 200) break;
        failedWhileRecovering += 1;
        await sleep(200);
      }
      expect(status).toBe(200);
      const recoveredMs = Date.now() - healed;
      expect(recoveredMs).toBeLessThan(15000);
      if (BLACKHOLE_MS > 0) {
        const ms = during.map((d) => d.ms).sort((x, y) => x - y);
        console.log(
          `[faults] partition of ${healed - started} ms: ${during.length} requests, all 503 + Retry-After, answered in ` +
            `median ${ms[Math.floor(ms.length / 2)]} ms, max ${ms[ms.length - 1]} ms; first 200 ${recoveredMs} ms after the network healed`,
        );
      }

      // The events of the requests that failed are written once the database answers again.
      let stored = 0;
      for (let i = 0; i < 50 && stored < during.length + 1 + failedWhileRecovering; i++) {
        await sleep(200);
        const rows: { n: number }[] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_event WHERE action = 'referral.read' AND status_code = 503 AND user_id = $1`,
          [officer.userId],
        );
        stored = rows[0].n;
      }
      expect(stored).toBe(during.length + 1 + failedWhileRecovering);
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

        // Hold the request just before it asks the planner engine, start closing the app (what
        // enableShutdownHooks() does on SIGTERM), then let the request go on.
        const engine = t.app.get(PlannerEngine);
        const plan = engine.plan.bind(engine);
        let reached!: () => void;
        const atEngine = new Promise<void>((resolve) => (reached = resolve));
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        jest.spyOn(engine, 'plan').mockImplementation(async (input) => {
          reached();
          await released;
          return plan(input);
        });
        const draft = officer.post(`/prisons/${prison.id}/weeks/${WEEK_49}/plan-drafts`).then((res) => res);
        await atEngine;
        closed = t.close();
        // Nest runs onModuleDestroy at once (where the engine pool used to close), then drains HTTP.
        await sleep(200);
        release();
        const res = await draft;
        expect(res.status).toBe(201);
        expect(res.body.metrics).toMatchObject({ activeDays: 10, prisonerDays: 15 });
      } finally {
        await (closed ?? t.close());
      }
    });
  });
});
