import { DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { SecurityLevel } from '../src/organisation/organisation.enums';
import { createActivity } from './factories/activity.factory';
import { insertSessions, WEEK_OF_23_NOV } from './factories/allocation.factory';
import { createPrisonWithUnit, createUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, SignedIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

const TODAY = '2026-11-23'; // Monday; the test clock's date
const WRITTEN = ['allocation', 'booking'];

describe('allocations: suitability, capacity, clashes, non-associations, referrals', () => {
  let t: TestApp;
  let prison: { id: string };
  let unit: { id: string };
  let officer: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    ({ prison, unit } = await createPrisonWithUnit(t.dataSource, {}, { securityLevel: SecurityLevel.HIGH }));
    officer = await signIn(t, [Role.OFFICER], [prison.id]);
    manager = await signIn(t, [Role.MANAGER], [prison.id]);
  });

  const held = () => createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
  const workshop = async (overrides = {}, capacity = 8) => {
    const activity = await createActivity(t.dataSource, prison.id, { capacity, ...overrides });
    const sessions = await insertSessions(t.dataSource, activity, WEEK_OF_23_NOV, { capacity });
    return { activity, sessions };
  };
  const allocate = (who: SignedIn, body: Record<string, unknown>) =>
    who.post('/allocations').send({ startDate: TODAY, pattern: 'ALL', ...body });
  const booked = async (sessionId: string) =>
    Number((await t.dataSource.query(`SELECT booked FROM "session" WHERE id = $1`, [sessionId]))[0].booked);

  it('suitability lists every check with pass/fail and why, and writes nothing', async () => {
    const p = await held();
    const { activity } = await workshop();
    const res = await officer.get(`/activities/${activity.id}/suitability?prisonerId=${p.id}`).expect(200);
    expect(res.body.suitable).toBe(true);
    expect(res.body.checks.map((c: { code: string }) => c.code)).toEqual([
      'SECURITY_LEVEL',
      'AGE',
      'REFERRAL',
      'IN_CUSTODY',
      'RELEASE_BEFORE_END',
      'CAPACITY',
      'UNAVAILABILITY_CLASH',
      'ALLOCATION_CLASH',
      'NON_ASSOCIATION',
    ]);
    expect(res.body.checks.every((c: { passed: boolean; message: string }) => c.passed && c.message.length > 0)).toBe(true);
    expect(res.body.sessionsCovered).toBe(10);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual({ allocation: 0, booking: 0 });
  });

  it('allocates for all slots, mornings only, afternoons only or chosen days, booking exactly the covered sessions', async () => {
    const { activity, sessions } = await workshop();
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ pattern: 'ALL' }, 10],
      [{ pattern: 'AM_ONLY' }, 5],
      [{ pattern: 'PM_ONLY' }, 5],
      [
        {
          pattern: 'CHOSEN',
          chosenSlots: [
            { weekday: 1, period: 'AM' },
            { weekday: 3, period: 'PM' },
          ],
        },
        2,
      ],
      [{ pattern: 'ALL', endDate: '2026-11-24' }, 4],
    ];
    for (const [body, expected] of cases) {
      const p = await held();
      const res = await allocate(officer, { prisonerId: p.id, activityId: activity.id, ...body }).expect(201);
      expect(res.body).toMatchObject({
        prisonerId: p.id,
        activityId: activity.id,
        prisonId: prison.id,
        startDate: TODAY,
        upcomingSessions: expected,
      });
      expect(res.body.checks).toHaveLength(9);
    }
    expect(await booked(sessions[0].id)).toBe(4); // Monday AM: ALL, AM_ONLY, CHOSEN 1-AM, ALL until Tuesday
  });

  it('a split working day is an AM allocation to one activity and a PM allocation to another; a third on top clashes', async () => {
    const p = await held();
    const a = await workshop();
    const b = await workshop();
    const c = await workshop();
    await allocate(officer, { prisonerId: p.id, activityId: a.activity.id, pattern: 'AM_ONLY' }).expect(201);
    await allocate(officer, { prisonerId: p.id, activityId: b.activity.id, pattern: 'PM_ONLY' }).expect(201);
    const before = await countRows(t.dataSource, WRITTEN);
    const res = await allocate(officer, { prisonerId: p.id, activityId: c.activity.id, pattern: 'ALL' }).expect(422);
    expect(res.body.details.failedChecks.map((x: { code: string }) => x.code)).toEqual(['ALLOCATION_CLASH']);
    expect(res.body.message).toMatch(/Already allocated/);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual(before);
  });

  it('a full session answers 409 with the capacity check, and nothing is written', async () => {
    const { activity, sessions } = await workshop({}, 1);
    const first = await held();
    const second = await held();
    await allocate(officer, {
      prisonerId: first.id,
      activityId: activity.id,
      pattern: 'CHOSEN',
      chosenSlots: [{ weekday: 2, period: 'AM' }],
    }).expect(201);
    const before = await countRows(t.dataSource, WRITTEN);
    const res = await allocate(officer, { prisonerId: second.id, activityId: activity.id }).expect(409);
    expect(res.body.details.failedChecks).toEqual([
      expect.objectContaining({ code: 'CAPACITY', passed: false, message: expect.stringMatching(/Full on Tue 24 Nov/) }),
    ]);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual(before);
    expect(await booked(sessions[2].id)).toBe(1);
  });

  it('N parallel requests for the last place: exactly one succeeds and capacity holds', async () => {
    const { activity, sessions } = await workshop({}, 1);
    const prisoners = await Promise.all(Array.from({ length: 8 }, () => held()));
    const results = await Promise.all(
      prisoners.map((p) =>
        allocate(officer, { prisonerId: p.id, activityId: activity.id, pattern: 'CHOSEN', chosenSlots: [{ weekday: 4, period: 'PM' }] }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const thursdayPm = sessions.find((s) => s.date === '2026-11-26' && s.period === DayPeriod.PM)!;
    expect(await booked(thursdayPm.id)).toBe(1);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual({ allocation: 1, booking: 1 });
  });

  it('refuses a unit of the wrong security level, an age outside the limits and a clash with unavailability (422, nothing written)', async () => {
    const lowOnly = await workshop({ securityLevels: [SecurityLevel.LOW] });
    const youth = await workshop({ maxAge: 24 });
    const plain = await workshop();
    const p = await held(); // unit is HIGH security; born 1990
    await t.dataSource.query(
      `INSERT INTO unavailability (prisoner_id, kind, from_date, to_date, period) VALUES ($1, 'COURT', '2026-11-25', '2026-11-25', 'AM')`,
      [p.id],
    );
    const r1 = await allocate(officer, { prisonerId: p.id, activityId: lowOnly.activity.id, pattern: 'PM_ONLY' }).expect(422);
    expect(r1.body.details.failedChecks.map((c: { code: string }) => c.code)).toEqual(['SECURITY_LEVEL']);
    const r2 = await allocate(officer, { prisonerId: p.id, activityId: youth.activity.id, pattern: 'PM_ONLY' }).expect(422);
    expect(r2.body.details.failedChecks.map((c: { code: string }) => c.code)).toEqual(['AGE']);
    const r3 = await allocate(officer, { prisonerId: p.id, activityId: plain.activity.id }).expect(422);
    expect(r3.body.details.failedChecks).toEqual([
      expect.objectContaining({ code: 'UNAVAILABILITY_CLASH', affected: [expect.objectContaining({ date: '2026-11-25', period: 'AM' })] }),
    ]);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual({ allocation: 0, booking: 0 });
    // Afternoons only do not clash with a morning in court.
    await allocate(officer, { prisonerId: p.id, activityId: plain.activity.id, pattern: 'PM_ONLY' }).expect(201);
  });

  it('a non-association is refused unless a manager overrides it with a written reason, which is kept and audited', async () => {
    const { activity } = await workshop();
    const a = await held();
    const b = await held();
    const [lo, hi] = [a.id, b.id].sort();
    await t.dataSource.query(
      `INSERT INTO non_association (prisoner_a_id, prisoner_b_id, reason, from_date) VALUES ($1, $2, 'Konflikt', '2026-01-01')`,
      [lo, hi],
    );
    await allocate(officer, { prisonerId: a.id, activityId: activity.id }).expect(201);

    const refused = await allocate(officer, { prisonerId: b.id, activityId: activity.id }).expect(422);
    expect(refused.body.details.failedChecks).toEqual([
      expect.objectContaining({
        code: 'NON_ASSOCIATION',
        affected: expect.arrayContaining([expect.objectContaining({ otherPrisonerId: a.id })]),
      }),
    ]);
    const reason = 'Skjermet arbeidsplass; vurdert med sikkerhetsleder 20.11.';
    await allocate(officer, { prisonerId: b.id, activityId: activity.id, overrideReason: reason }).expect(403);
    await allocate(manager, { prisonerId: b.id, activityId: activity.id, overrideReason: 'short' }).expect(400);
    expect(await countRows(t.dataSource, ['allocation'])).toEqual({ allocation: 1 });

    const ok = await allocate(manager, { prisonerId: b.id, activityId: activity.id, overrideReason: reason }).expect(201);
    expect(ok.body.overrideReason).toBe(reason);
    const audit = await t.dataSource.query(
      `SELECT user_id, subject_id, prisoner_id, outcome FROM audit_event WHERE method = 'POST' AND path = '/allocations' AND status_code = 201 AND user_id = $1`,
      [manager.userId],
    );
    expect(audit).toEqual([{ user_id: manager.userId, subject_id: ok.body.id, prisoner_id: b.id, outcome: 'SUCCESS' }]);
  });

  it('a programme that needs a referral takes only approved ones, and the referral becomes allocated', async () => {
    const { activity } = await workshop({ requiresReferral: true });
    const p = await held();
    const refused = await allocate(officer, { prisonerId: p.id, activityId: activity.id }).expect(422);
    expect(refused.body.details.failedChecks.map((c: { code: string }) => c.code)).toEqual(['REFERRAL']);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO referral (prisoner_id, activity_id, requested_by, status) VALUES ($1, $2, 'OFFICER', 'APPROVED') RETURNING id`,
      [p.id, activity.id],
    );
    await allocate(officer, { prisonerId: p.id, activityId: activity.id }).expect(201);
    expect((await t.dataSource.query(`SELECT status FROM referral WHERE id = $1`, [id]))[0].status).toBe('ALLOCATED');
  });

  it('a second allocation to the same activity over the same dates is refused (409)', async () => {
    const { activity } = await workshop();
    const p = await held();
    await allocate(officer, { prisonerId: p.id, activityId: activity.id, pattern: 'AM_ONLY', endDate: '2026-11-24' }).expect(201);
    const res = await allocate(officer, { prisonerId: p.id, activityId: activity.id, pattern: 'PM_ONLY', startDate: '2026-11-24' }).expect(
      409,
    );
    expect(res.body.message).toMatch(/already allocated to this activity/);
    await allocate(officer, { prisonerId: p.id, activityId: activity.id, pattern: 'PM_ONLY', startDate: '2026-11-25' }).expect(201);
  });

  it('deallocation records the reason and removes the bookings after the last day', async () => {
    const { activity } = await workshop();
    const p = await held();
    const { body } = await allocate(officer, { prisonerId: p.id, activityId: activity.id }).expect(201);
    await officer.post(`/allocations/${body.id}/end`).send({ endDate: '2026-11-24', reason: 'OTHER' }).expect(400);
    const res = await officer
      .post(`/allocations/${body.id}/end`)
      .send({ endDate: '2026-11-24', reason: 'WITHDRAWN_BY_PRISONER' })
      .expect(200);
    expect(res.body).toMatchObject({ endDate: '2026-11-24', endedReason: 'WITHDRAWN_BY_PRISONER', upcomingSessions: 4 });
    const dates = await t.dataSource.query(
      `SELECT DISTINCT to_char(date, 'YYYY-MM-DD') AS d FROM booking WHERE allocation_id = $1 ORDER BY d`,
      [body.id],
    );
    expect(dates.map((r: { d: string }) => r.d)).toEqual(['2026-11-23', '2026-11-24']);
    await officer.post(`/allocations/${body.id}/end`).send({ endDate: '2026-11-24', reason: 'COMPLETED' }).expect(409);
  });

  it('ending never extends: a later end than the one planned is refused (422), an earlier one ends it', async () => {
    const { activity } = await workshop();
    const p = await held();
    const { body } = await allocate(officer, { prisonerId: p.id, activityId: activity.id, endDate: '2026-11-25' }).expect(201);
    const later = await officer.post(`/allocations/${body.id}/end`).send({ endDate: '2027-01-29', reason: 'COMPLETED' }).expect(422);
    expect(later.body.message).toMatch(/already ends on 2026-11-25; a later end would extend it/);
    expect((await officer.get(`/allocations/${body.id}`).expect(200)).body).toMatchObject({ endDate: '2026-11-25', endedReason: null });
    await officer.post(`/allocations/${body.id}/end`).send({ endDate: '2026-11-24', reason: 'COMPLETED' }).expect(200);
  });

  it('an allocation that has not started can be withdrawn outright; a started one must be ended', async () => {
    const { activity } = await workshop();
    const p = await held();
    const later = await allocate(officer, { prisonerId: p.id, activityId: activity.id, startDate: '2026-11-26' }).expect(201);
    expect(later.body.upcomingSessions).toBe(4);
    const res = await officer.delete(`/allocations/${later.body.id}`).expect(200);
    expect(res.body).toMatchObject({ id: later.body.id, startDate: '2026-11-26' });
    expect(await countRows(t.dataSource, WRITTEN)).toEqual({ allocation: 0, booking: 0 });
    const now = await allocate(officer, { prisonerId: p.id, activityId: activity.id }).expect(201);
    // The next day it has started (yesterday): it is ended, not withdrawn.
    t.clock.set('2026-11-24T10:00:00');
    try {
      const refused = await officer.delete(`/allocations/${now.body.id}`).expect(409);
      expect(refused.body.message).toBe('The allocation started on 2026-11-23; end it with a last day and a reason instead');
    } finally {
      t.clock.set('2026-11-23T10:00:00');
    }
    expect(await countRows(t.dataSource, ['allocation'])).toEqual({ allocation: 1 });
  });

  it('an allocation starting today is withdrawn while no attendance is recorded on it; once recorded, it ends today', async () => {
    const { activity, sessions } = await workshop();
    const p = await held();
    const [am, pm] = sessions.filter((s) => s.date === TODAY);
    // Allocated by mistake this morning: withdrawn whole, today's bookings go.
    const mistake = await allocate(officer, { prisonerId: p.id, activityId: activity.id }).expect(201);
    expect(await booked(am.id)).toBe(1);
    const withdrawn = await officer.delete(`/allocations/${mistake.body.id}`).expect(200);
    expect(withdrawn.body).toMatchObject({ id: mistake.body.id, startDate: TODAY });
    expect(await countRows(t.dataSource, WRITTEN)).toEqual({ allocation: 0, booking: 0 });
    expect([await booked(am.id), await booked(pm.id)]).toEqual([0, 0]);

    // Allocated again, and this morning's attendance is recorded: something happened, so it is ended, not withdrawn.
    const again = await allocate(officer, { prisonerId: p.id, activityId: activity.id }).expect(201);
    await officer
      .put(`/sessions/${am.id}/attendance`)
      .send({ records: [{ prisonerId: p.id, outcome: 'ATTENDED' }] })
      .expect(200);
    const refused = await officer.delete(`/allocations/${again.body.id}`).expect(409);
    expect(refused.body.message).toBe(
      'Attendance is already recorded on Mon 23 Nov 2026, so the allocation cannot be withdrawn; end it with Mon 23 Nov 2026 as its last day instead',
    );
    await officer.post(`/allocations/${again.body.id}/end`).send({ endDate: TODAY, reason: 'WITHDRAWN_BY_STAFF' }).expect(200);
    const left = await t.dataSource.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date FROM booking WHERE prisoner_id = $1`, [p.id]);
    expect(left.map((b: { date: string }) => b.date)).toEqual([TODAY, TODAY]);
    expect(await countRows(t.dataSource, ['allocation', 'attendance'])).toEqual({ allocation: 1, attendance: 1 });
  });

  it('locks an allocation for the planner, and lists allocations per prisoner and per activity', async () => {
    const { activity } = await workshop();
    const p = await held();
    const { body } = await allocate(officer, { prisonerId: p.id, activityId: activity.id }).expect(201);
    expect((await officer.put(`/allocations/${body.id}/lock`).send({ locked: true }).expect(200)).body.locked).toBe(true);
    const mine = await officer.get(`/prisoners/${p.id}/allocations`).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ id: body.id, locked: true, activityName: activity.name })]);
    const roster = await officer.get(`/activities/${activity.id}/allocations`).expect(200);
    expect(roster.body.map((a: { prisonerId: string }) => a.prisonerId)).toEqual([p.id]);
  });

  it('bulk allocation is all or nothing, reporting each failing item', async () => {
    const { activity } = await workshop({}, 2);
    const ps = await Promise.all([held(), held(), held()]);
    const res = await officer
      .post('/allocations/bulk')
      .send({ items: ps.map((p) => ({ prisonerId: p.id, activityId: activity.id, startDate: TODAY, pattern: 'ALL' })) })
      .expect(422);
    expect(res.body.details).toEqual([expect.objectContaining({ index: 2, prisonerId: ps[2].id, status: 409 })]);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual({ allocation: 0, booking: 0 });
    const ok = await officer
      .post('/allocations/bulk')
      .send({ items: ps.slice(0, 2).map((p) => ({ prisonerId: p.id, activityId: activity.id, startDate: TODAY, pattern: 'ALL' })) })
      .expect(201);
    expect(ok.body).toHaveLength(2);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual({ allocation: 2, booking: 20 });
  });

  it('rejects bad input before anything runs', async () => {
    const { activity } = await workshop();
    const p = await held();
    await allocate(officer, { prisonerId: p.id, activityId: activity.id, startDate: '2026-11-20' }).expect(400);
    await allocate(officer, { prisonerId: p.id, activityId: activity.id, pattern: 'CHOSEN' }).expect(400);
    await allocate(officer, {
      prisonerId: p.id,
      activityId: activity.id,
      pattern: 'AM_ONLY',
      chosenSlots: [{ weekday: 1, period: 'AM' }],
    }).expect(400);
    await allocate(officer, { prisonerId: p.id, activityId: activity.id, endDate: '2026-11-22' }).expect(400);
    await allocate(officer, { prisonerId: 'nope', activityId: activity.id }).expect(400);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual({ allocation: 0, booking: 0 });
  });

  it('ids from another prison answer 404 as if they did not exist', async () => {
    const other = await createPrisonWithUnit(t.dataSource);
    const theirs = await createActivity(t.dataSource, other.prison.id);
    const theirPrisoner = await createHeldPrisoner(t.dataSource, { prisonId: other.prison.id, unitId: other.unit.id });
    const { activity } = await workshop();
    const p = await held();
    await allocate(officer, { prisonerId: p.id, activityId: theirs.id }).expect(404);
    await allocate(officer, { prisonerId: theirPrisoner.id, activityId: activity.id }).expect(404);
    await officer.get(`/activities/${theirs.id}/suitability?prisonerId=${p.id}`).expect(404);
    await officer.get(`/prisoners/${theirPrisoner.id}/allocations`).expect(404);
    const unit2 = await createUnit(t.dataSource, other.prison.id);
    expect(unit2.id).toBeDefined();
    const { body } = await allocate(officer, { prisonerId: p.id, activityId: activity.id }).expect(201);
    const stranger = await signIn(t, [Role.OFFICER], [other.prison.id]);
    await stranger.get(`/allocations/${body.id}`).expect(404);
    await stranger.post(`/allocations/${body.id}/end`).send({ endDate: TODAY, reason: 'COMPLETED' }).expect(404);
  });
});
