import { ActivityKind, DayPeriod } from '../src/activities/activity.enums';
import { AbsenceReason } from '../src/attendance/attendance.enums';
import { Role } from '../src/auth/roles';
import { createActivity } from './factories/activity.factory';
import { insertSessions, WEEK_OF_23_NOV } from './factories/allocation.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { attend, createRateActivity } from './factories/rate.factory';
import { signIn, signInAdmin, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The week plan and the activity rate are cached by a read version (src/read-version): a read after a
// committed write must show it, whoever wrote it (here straight to the database, as another replica would).
describe('cached reads: never stale after a write', () => {
  let t: TestApp;
  let officer: SignedIn;
  let prison: { id: string };
  let unit: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    t.clock.set('2026-11-23T10:00:00');
    await resetDatabase(t.dataSource);
    ({ prison, unit } = await createPrisonWithUnit(t.dataSource));
    officer = await signIn(t, [Role.OFFICER], [prison.id]);
  });

  const planUrl = () => `/prisons/${prison.id}/weeks/2026-W48/plan`;

  it('week plan: an ETag that answers 304 until the plan changes, and the change at once after commit', async () => {
    const workshop = await createActivity(t.dataSource, prison.id, { name: 'Snekkerverksted', capacity: 4 });
    const [monAm] = await insertSessions(t.dataSource, workshop, WEEK_OF_23_NOV, { capacity: 4 });
    const p = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
    await officer
      .post('/allocations')
      .send({ prisonerId: p.id, activityId: workshop.id, startDate: '2026-11-23', pattern: 'ALL' })
      .expect(201);

    const first = await officer
      .get(planUrl())
      .expect(200)
      .expect('content-type', /application\/json/);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"wp-\d+"$/);
    expect(first.body.totals).toMatchObject({ sessions: 10, cancelledSessions: 0, allocated: 10 });
    const notModified = await officer.get(planUrl()).set('If-None-Match', etag).expect(304);
    expect(notModified.text).toBe('');
    expect((await officer.get(planUrl()).expect(200)).body).toEqual(first.body);

    const cancel = `UPDATE "session" SET cancelled_at = now(), cancellation_reason = 'LOCKDOWN' WHERE id = $1`;
    if (Number(process.env.TEST_DB_POOL_SIZE) > 1) {
      // A write in an open transaction is not seen, and does not change the ETag, until it commits.
      // (Needs a second connection: not on the embedded database, which serves one.)
      const runner = t.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(cancel, [monAm.id]);
        await officer.get(planUrl()).set('If-None-Match', etag).expect(304);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
    } else {
      await t.dataSource.query(cancel, [monAm.id]);
    }
    const afterCancel = await officer.get(planUrl()).set('If-None-Match', etag).expect(200);
    expect(afterCancel.headers.etag).not.toBe(etag);
    expect(afterCancel.body.totals).toMatchObject({ sessions: 10, cancelledSessions: 1, allocated: 9 });

    // Names come from other tables: a renamed prisoner shows at once too.
    await t.dataSource.query(`UPDATE prisoner SET last_name = 'Nytt-Navn' WHERE id = $1`, [p.id]);
    const renamed = await officer.get(planUrl()).expect(200);
    expect(renamed.body.activities[0].sessions[1].prisoners[0].name).toMatch(/^Nytt-Navn, /);
  });

  it('week plan: another prison’s plan or an unknown prison stays 404 whatever is cached', async () => {
    await officer.get(planUrl()).expect(200);
    const other = await createPrisonWithUnit(t.dataSource);
    await officer.get(`/prisons/${other.prison.id}/weeks/2026-W48/plan`).expect(404);
    const admin = await signInAdmin(t);
    await admin.get(`/prisons/${other.prison.id}/weeks/2026-W48/plan`).expect(200);
    await t.dataSource.query(`DELETE FROM unit WHERE prison_id = $1`, [other.prison.id]);
    await t.dataSource.query(`DELETE FROM prison WHERE id = $1`, [other.prison.id]);
    await admin.get(`/prisons/${other.prison.id}/weeks/2026-W48/plan`).expect(404);
  });

  it('activity rate: a refresh of prisoner-days shows in the next read, by kind too', async () => {
    const admin = await signInAdmin(t);
    const work = await createRateActivity(t.dataSource, prison.id, ActivityKind.WORK);
    const p = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-05' });
    await attend(t.dataSource, p.id, work, '2026-11-16', DayPeriod.AM);
    await attend(t.dataSource, p.id, work, '2026-11-17', DayPeriod.AM, AbsenceReason.SICK);
    const range = 'scope=national&from=2026-11-16&to=2026-11-17';
    await admin.post('/activity-rate/rebuild').send({ from: '2026-11-16', to: '2026-11-17' }).expect(200);
    expect((await admin.get(`/activity-rate?${range}`).expect(200)).body.total).toMatchObject({ prisonerDays: 2, realisedActiveDays: 1 });
    expect((await admin.get(`/activity-rate?${range}&groupBy=kind`).expect(200)).body.groups).toEqual([
      expect.objectContaining({ key: 'WORK', prisonerDays: 2, realisedActiveDays: 1 }),
    ]);

    // The sick day corrected and recomputed (as an attendance save of a past day does).
    await t.dataSource.query(`UPDATE attendance SET outcome = 'ATTENDED', absence_reason = NULL WHERE prisoner_id = $1`, [p.id]);
    await admin.post('/activity-rate/rebuild').send({ from: '2026-11-16', to: '2026-11-17' }).expect(200);
    expect((await admin.get(`/activity-rate?${range}`).expect(200)).body.total).toMatchObject({ prisonerDays: 2, realisedActiveDays: 2 });
    expect((await admin.get(`/activity-rate?${range}&groupBy=kind`).expect(200)).body.groups).toEqual([
      expect.objectContaining({ key: 'WORK', prisonerDays: 2, realisedActiveDays: 2 }),
    ]);
  });
});
