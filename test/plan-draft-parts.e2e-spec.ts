import { DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { UnavailabilityKind } from '../src/availability/availability.enums';
import { SecurityLevel } from '../src/organisation/organisation.enums';
import { createActivity, FULL_WEEK } from './factories/activity.factory';
import { insertSessions } from './factories/allocation.factory';
import { createUnavailability } from './factories/availability.factory';
import { createPrisonWithUnit, createUnit } from './factories/organisation.factory';
import { allocateWithBookings, WEEK_49, WEEK_49_DAYS } from './factories/planning.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, SignedIn } from './support/auth';
import { countRows, createTestApp, DEFAULT_TEST_NOW, resetDatabase, TestApp } from './support/test-app';

const WRITTEN = ['allocation', 'booking', 'referral', 'plan_draft_apply'];

describe('plan drafts: apply a part, apply the rest, undo', () => {
  let t: TestApp;
  let prison: { id: string };
  let unit: { id: string };
  let unit2: { id: string };
  let officer: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(); // today: Monday 23 November 2026; week 49 is next week
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    t.clock.set(DEFAULT_TEST_NOW);
    await resetDatabase(t.dataSource);
    ({ prison, unit } = await createPrisonWithUnit(t.dataSource, {}, { securityLevel: SecurityLevel.HIGH }));
    unit2 = await createUnit(t.dataSource, prison.id, { securityLevel: SecurityLevel.HIGH });
    officer = await signIn(t, [Role.OFFICER], [prison.id]);
    manager = await signIn(t, [Role.MANAGER], [prison.id]);
  });

  const url = `/prisons/${'PRISON'}/weeks/${WEEK_49}/plan-drafts`;
  const drafts = () => url.replace('PRISON', prison.id);

  /**
   * The known optimum of plan-drafts.e2e-spec.ts, with p2 in another unit: p1 keeps the locked workshop
   * mornings and leaves the class (one place a half-day), p2 takes the class Monday to Thursday, p3
   * (in court Monday to Thursday) on Friday. Three allocation changes, all to the class.
   */
  async function scenario() {
    const workshop = await createActivity(
      t.dataSource,
      prison.id,
      { name: 'Snekkerverksted', capacity: 1 },
      FULL_WEEK.filter((s) => s.period === DayPeriod.AM),
    );
    const school = await createActivity(
      t.dataSource,
      prison.id,
      { name: 'Norsk', capacity: 1 },
      FULL_WEEK.filter((s) => s.period === DayPeriod.PM),
    );
    const am = await insertSessions(t.dataSource, workshop, WEEK_49_DAYS, { periods: [DayPeriod.AM], capacity: 1 });
    const pm = await insertSessions(t.dataSource, school, WEEK_49_DAYS, { periods: [DayPeriod.PM], capacity: 1 });
    const p1 = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
    const p2 = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit2.id });
    const p3 = await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
    await createUnavailability(t.dataSource, p3.id, { kind: UnavailabilityKind.COURT, fromDate: '2026-11-30', toDate: '2026-12-03' });
    const base = { prisonId: prison.id, prisonerId: p1.id, startDate: '2026-11-02' };
    await allocateWithBookings(t.dataSource, {
      ...base,
      activityId: workshop.id,
      pattern: 'AM_ONLY',
      locked: true,
      sessionIds: am.map((s) => s.id),
    });
    const oldSchool = await allocateWithBookings(t.dataSource, {
      ...base,
      activityId: school.id,
      pattern: 'PM_ONLY',
      sessionIds: pm.map((s) => s.id),
    });
    return { workshop, school, am, pm, p1, p2, p3, oldSchool };
  }

  /** Every booking (prisoner → session ids) and every allocation's end, to compare before and after. */
  async function state() {
    const bookings = await t.dataSource.query<Array<{ prisonerId: string; sessionId: string }>>(
      `SELECT prisoner_id AS "prisonerId", session_id AS "sessionId" FROM booking ORDER BY 1, 2`,
    );
    const allocations = await t.dataSource.query<
      Array<{ prisonerId: string; activityId: string; startDate: string; endDate: string | null }>
    >(
      `SELECT prisoner_id AS "prisonerId", activity_id AS "activityId", to_char(start_date, 'YYYY-MM-DD') AS "startDate",
              to_char(end_date, 'YYYY-MM-DD') AS "endDate", pattern, chosen_slots AS "chosenSlots", locked
         FROM allocation ORDER BY prisoner_id, activity_id, start_date`,
    );
    return { bookings, allocations };
  }

  const auditOf = (action: string) =>
    t.dataSource.query<Array<{ subjectId: string; statusCode: number; userId: string }>>(
      `SELECT subject_id AS "subjectId", status_code AS "statusCode", user_id AS "userId" FROM audit_event WHERE action = $1 ORDER BY occurred_at, id`,
      [action],
    );

  it("applies one unit's part after a preview of its counts, with the move that frees its places; then the rest", async () => {
    const s = await scenario();
    const { body: draft } = await officer.post(drafts()).expect(201);
    expect(draft.allocationChanges).toHaveLength(3);

    // p2's class needs the place p1 frees: p1 leaving the class (another unit) comes with the part, linked.
    const preview = await manager
      .post(`${drafts()}/${draft.id}/apply-preview`)
      .send({ unitIds: [unit2.id] })
      .expect(200);
    expect(preview.body).toEqual({ allocationChanges: 2, prisoners: 2, activities: 1, linked: 1, left: 1, alreadyApplied: 0 });
    const part = await manager
      .post(`${drafts()}/${draft.id}/apply`)
      .send({ unitIds: [unit2.id] })
      .expect(200);
    expect(part.body).toMatchObject({ status: 'PARTIAL', appliedByUserId: manager.userId });
    expect(part.body.applies).toEqual([
      expect.objectContaining({
        part: { activityIds: [], unitIds: [unit2.id] },
        allocationChanges: 2,
        undoneAt: null,
        appliedByUserId: manager.userId,
      }),
    ]);
    const applied = (body: { allocationChanges: Array<{ prisonerId: string; applied: boolean }> }) =>
      Object.fromEntries(body.allocationChanges.map((c) => [c.prisonerId, c.applied]));
    expect(applied(part.body)).toEqual({ [s.p1.id]: true, [s.p2.id]: true, [s.p3.id]: false });
    const mid = await state();
    expect(mid.allocations.find((a) => a.prisonerId === s.p1.id && a.activityId === s.school.id)).toMatchObject({ endDate: '2026-11-29' });
    const bookingsOf = (st: typeof mid, pid: string) =>
      st.bookings
        .filter((b) => b.prisonerId === pid)
        .map((b) => b.sessionId)
        .sort();
    expect(bookingsOf(mid, s.p2.id)).toEqual(
      s.pm
        .slice(0, 4)
        .map((x) => x.id)
        .sort(),
    );
    expect(bookingsOf(mid, s.p3.id)).toEqual([]);

    // The same part again has nothing left (nothing written); another draft of the week cannot be applied while this one is in part.
    const before = await countRows(t.dataSource, WRITTEN);
    const empty = await manager
      .post(`${drafts()}/${draft.id}/apply`)
      .send({ unitIds: [unit2.id] })
      .expect(422);
    expect(empty.body.message).toMatch(/Nothing of the draft is left/);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual(before);
    const { body: other } = await officer.post(drafts()).expect(201);
    expect((await manager.post(`${drafts()}/${other.id}/apply`).expect(409)).body.details).toEqual({ appliedDraftId: draft.id });
    expect((await officer.get(`${drafts()}/${draft.id}`).expect(200)).body.status).toBe('PARTIAL');

    // The rest (no part named): p3 takes Friday, and the draft is now APPLIED, with the week as a whole apply leaves it.
    const rest = await manager.post(`${drafts()}/${draft.id}/apply`).send({}).expect(200);
    expect(rest.body.status).toBe('APPLIED');
    expect(rest.body.applies.map((a: { allocationChanges: number; part: unknown }) => [a.allocationChanges, a.part])).toEqual([
      [2, { activityIds: [], unitIds: [unit2.id] }],
      [1, null],
    ]);
    const end = await state();
    expect(bookingsOf(end, s.p3.id)).toEqual([s.pm[4].id]);
    expect(bookingsOf(end, s.p2.id)).toEqual(bookingsOf(mid, s.p2.id));
    const noActivity = await officer.get(`/prisons/${prison.id}/weeks/${WEEK_49}/no-activity`).expect(200);
    expect(noActivity.body.plannedDays).toBe(10);

    const audit = await auditOf('plan-draft.apply');
    expect(audit.map((a) => [a.subjectId, a.statusCode])).toEqual([
      [draft.id, 200],
      [draft.id, 422],
      [other.id, 409],
      [draft.id, 200],
    ]);
  });

  // Needs a second connection held open beside the app's (not on the embedded database, which serves one).
  (process.env.TEST_DB_KIND === 'server' ? it : it.skip)(
    'an apply and an officer allocating by hand queue on the same locks instead of deadlocking (prisoner, then sessions)',
    async () => {
      const s = await scenario();
      const { body: draft } = await officer.post(drafts()).expect(201);
      // The officer's allocation takes the prisoner's row first (as AllocationsRepository.lockPrisoner does)…
      const hand = t.dataSource.createQueryRunner();
      await hand.connect();
      await hand.startTransaction();
      try {
        await hand.query(`SELECT 1 FROM prisoner WHERE id = $1 FOR UPDATE`, [s.p2.id]);
        const applying = manager
          .post(`${drafts()}/${draft.id}/apply`)
          .send({})
          .then((r) => r);
        // …the apply waits for it before it touches anything else…
        for (let i = 0; i < 200; i++) {
          const [{ waiting }] = await t.dataSource.query<Array<{ waiting: number }>>(
            `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          if (waiting > 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        // …so the officer's next lock, on a session the apply changes (p1 leaves the class, p2 joins it), is free:
        // before, the apply had locked it by then (removing p1's bookings) and waited for p2 only when checking
        // p2's new allocation, and PostgreSQL failed one of the two.
        await hand.query(`SET LOCAL lock_timeout = '5s'`);
        await hand.query(`SELECT 1 FROM "session" WHERE id = $1 FOR UPDATE`, [s.pm[0].id]);
        await hand.commitTransaction();
        const res = await applying;
        expect({ status: res.status, draftStatus: res.body.status }).toEqual({ status: 200, draftStatus: 'APPLIED' });
      } finally {
        if (hand.isTransactionActive) await hand.rollbackTransaction();
        await hand.release();
      }
    },
  );

  it('undo restores the allocations and bookings as they were, latest apply first, as an audited change; then a new draft can be applied', async () => {
    const s = await scenario();
    const original = await state();
    const { body: draft } = await officer.post(drafts()).expect(201);
    await manager
      .post(`${drafts()}/${draft.id}/apply`)
      .send({ unitIds: [unit.id] })
      .expect(200);
    const mid = await state();
    await manager.post(`${drafts()}/${draft.id}/apply`).expect(200);

    const first = await officer.post(`${drafts()}/${draft.id}/undo`).expect(200);
    expect(first.body.status).toBe('PARTIAL');
    expect(first.body.applies.map((a: { undoneAt: string | null }) => a.undoneAt === null)).toEqual([true, false]);
    expect(first.body.applies[1].undoneByUserId).toBe(officer.userId);
    expect(await state()).toEqual(mid);

    const second = await officer.post(`${drafts()}/${draft.id}/undo`).expect(200);
    expect(second.body.status).toBe('UNDONE');
    const back = await state();
    expect(back.bookings).toEqual(original.bookings);
    // The ended class allocation is open again; nothing the apply created is left.
    expect(back.allocations).toEqual(original.allocations);
    expect(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM allocation WHERE prisoner_id = ANY($1::uuid[])`, [[s.p2.id, s.p3.id]]))[0]
        .n,
    ).toBe(0);

    const nothing = await officer.post(`${drafts()}/${draft.id}/undo`).expect(409);
    expect(nothing.body.message).toMatch(/no applied part to undo/);
    expect((await manager.post(`${drafts()}/${draft.id}/apply`).expect(409)).body.message).toMatch(/UNDONE/);

    const audit = await auditOf('plan-draft.undo');
    expect(audit.map((a) => [a.subjectId, a.statusCode, a.userId])).toEqual([
      [draft.id, 200, officer.userId],
      [draft.id, 200, officer.userId],
      [draft.id, 409, officer.userId],
    ]);

    // The week is free again: a new draft (from the restored data) is applied in full.
    const { body: next } = await officer.post(drafts()).expect(201);
    expect(next.allocationChanges).toHaveLength(3);
    expect((await manager.post(`${drafts()}/${next.id}/apply`).expect(200)).body.status).toBe('APPLIED');
  });

  it('undo is refused, writing nothing, once the first changed day has passed, with attendance recorded on a changed booking, or after someone changed those allocations', async () => {
    const s = await scenario();
    const { body: draft } = await officer.post(drafts()).expect(201);
    await manager.post(`${drafts()}/${draft.id}/apply`).expect(200);
    const applied = await state();

    // Attendance on p2's new Monday class.
    await t.dataSource.query(
      `INSERT INTO attendance (session_id, prisoner_id, prison_id, date, period, outcome) VALUES ($1, $2, $3, $4, 'PM', 'ATTENDED')`,
      [s.pm[0].id, s.p2.id, prison.id, s.pm[0].date],
    );
    const attended = await officer.post(`${drafts()}/${draft.id}/undo`).expect(409);
    expect(attended.body.message).toMatch(/Attendance is already recorded for 1 booking/);
    expect(await state()).toEqual(applied);
    await t.dataSource.query(`DELETE FROM attendance`);

    // Someone took p3 off Friday's class since.
    await t.dataSource.query(`DELETE FROM booking WHERE prisoner_id = $1`, [s.p3.id]);
    const changed = await officer.post(`${drafts()}/${draft.id}/undo`).expect(409);
    expect(changed.body.message).toMatch(/of 1 prisoner\(s\) changed after the apply/);
    expect(changed.body.details.prisonerIds).toEqual([s.p3.id]);
    expect((await officer.get(`${drafts()}/${draft.id}`).expect(200)).body.status).toBe('APPLIED');

    // The week has begun: Tuesday, the first changed day (Monday) is past.
    t.clock.set('2026-12-01T09:00:00');
    const late = await officer.post(`${drafts()}/${draft.id}/undo`).expect(409);
    expect(late.body.message).toMatch(/from Mon 30 Nov 2026, which has begun/);
    expect(late.body.details).toEqual({ firstDay: '2026-11-30' });
  });

  it('"planned now" is one definition: the week plan and the draft count the same days (a half-day unavailability takes the booking in it)', async () => {
    const workshop = await createActivity(
      t.dataSource,
      prison.id,
      { name: 'Verksted', capacity: 5 },
      FULL_WEEK.filter((x) => x.period === DayPeriod.AM),
    );
    const am = await insertSessions(t.dataSource, workshop, WEEK_49_DAYS, { periods: [DayPeriod.AM], capacity: 5 });
    const [a, b, c] = [
      await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id }),
      await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id }),
      await createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id }),
    ];
    for (const p of [a, b, c])
      await allocateWithBookings(t.dataSource, {
        prisonId: prison.id,
        prisonerId: p.id,
        startDate: '2026-11-02',
        activityId: workshop.id,
        pattern: 'AM_ONLY',
        sessionIds: am.map((x) => x.id),
      });
    // a: a visit on Tuesday morning (the half booked); b: a health appointment 09:00–10:00 on Wednesday; c: court all Thursday.
    await createUnavailability(t.dataSource, a.id, { kind: UnavailabilityKind.VISIT, fromDate: WEEK_49_DAYS[1], period: DayPeriod.AM });
    await createUnavailability(t.dataSource, b.id, {
      kind: UnavailabilityKind.HEALTH_APPOINTMENT,
      fromDate: WEEK_49_DAYS[2],
      startTime: '09:00',
      endTime: '10:00',
    });
    await createUnavailability(t.dataSource, c.id, { kind: UnavailabilityKind.COURT, fromDate: WEEK_49_DAYS[3] });

    const list = await officer.get(`/prisons/${prison.id}/weeks/${WEEK_49}/no-activity`).expect(200);
    expect({ prisonerDays: list.body.prisonerDays, plannedDays: list.body.plannedDays }).toEqual({ prisonerDays: 15, plannedDays: 12 });
    const lost = list.body.days.map((d: { prisonerId: string; date: string; reason: string; params: { kinds: string[] } }) => [
      d.prisonerId,
      d.date,
      d.reason,
      d.params.kinds,
    ]);
    expect(lost).toEqual(
      expect.arrayContaining([
        [a.id, WEEK_49_DAYS[1], 'UNAVAILABLE', ['VISIT']],
        [b.id, WEEK_49_DAYS[2], 'UNAVAILABLE', ['HEALTH_APPOINTMENT']],
        [c.id, WEEK_49_DAYS[3], 'UNAVAILABLE', ['COURT']],
      ]),
    );
    expect(lost).toHaveLength(3);
    // The draft (made the week before, so over the same five days) counts the same planned days now.
    const { body: draft } = await officer.post(drafts()).expect(201);
    expect(draft.days).toEqual(WEEK_49_DAYS);
    expect(draft.predictedPlannedRate).toMatchObject({ activeDaysBefore: 12, prisonerDays: 15 });
    // And the planner's candidate lists rank by the same count: free on Monday afternoon, each has 4 days planned now.
    const free = await officer.get(`/app/planner/half-day?prisonId=${prison.id}&date=${WEEK_49_DAYS[0]}&period=PM`).expect(200);
    expect(free.text.match(/<td class="num">\d+<\/td>/g)).toEqual(Array(3).fill('<td class="num">4</td>'));
  });

  it('the draft page applies the part its filter shows and answers a refused undo with the draft and the reason (409)', async () => {
    const s = await scenario();
    const { body: draft } = await officer.post(drafts()).expect(201);
    const page = `/app/planner/drafts/${draft.id}?prisonId=${prison.id}&week=${WEEK_49}`;
    const unitName = (await t.dataSource.query(`SELECT name FROM unit WHERE id = $1`, [unit.id]))[0].name;
    const confirm = await officer.get(`${page}&activity=${s.school.id}&unit=${encodeURIComponent(unitName)}&confirm=part`).expect(200);
    expect(confirm.text).toContain('Delen er aktiviteten Norsk i avdelingen');
    // The week named as people say it, not as an ISO code.
    expect(confirm.text).toContain('<h1>Automatisk planlegging – uke 49 2026');
    expect(confirm.text).toMatch(/: 2 tildelingsendringer for 2 innsatte i 1 aktiviteter\. Etterpå står 1 endringer igjen\./);
    // Nothing linked: no sentence about it. The other unit's part takes one change along, said in the singular.
    expect(confirm.text).not.toContain('Medregnet');
    const unit2Name = (await t.dataSource.query(`SELECT name FROM unit WHERE id = $1`, [unit2.id]))[0].name;
    const linked = await officer.get(`${page}&unit=${encodeURIComponent(unit2Name)}&confirm=part&lang=en`).expect(200);
    expect(linked.text).toContain('They include 1 change the part cannot be made without');
    const post = (path: string, body: Record<string, string>) => officer.post(path).type('form').send(body);
    const applied = await post(`/app/planner/drafts/${draft.id}/apply`, {
      prisonId: prison.id,
      week: WEEK_49,
      activity: s.school.id,
      unit: unitName,
    }).expect(303);
    expect(applied.headers.location).toContain('applied=part');
    expect((await officer.get(`${drafts()}/${draft.id}`).expect(200)).body).toMatchObject({
      status: 'PARTIAL',
      applies: [expect.objectContaining({ allocationChanges: 2 })],
    });

    // The rest, then undo the latest apply: the part applied before it still stands, and the page says so.
    await post(`/app/planner/drafts/${draft.id}/apply`, { prisonId: prison.id, week: WEEK_49 }).expect(303);
    const undone = await post(`/app/planner/drafts/${draft.id}/undo`, { prisonId: prison.id, week: WEEK_49 }).expect(303);
    const after = await officer.get(undone.headers.location).expect(200);
    expect(after.text).toContain('Det som sist ble tatt i bruk, er angret. Delene som ble tatt i bruk før det, gjelder fortsatt.');

    const before = await state();
    t.clock.set('2026-12-01T09:00:00');
    const refused = await post(`/app/planner/drafts/${draft.id}/undo`, { prisonId: prison.id, week: WEEK_49 }).expect(409);
    expect(refused.text).toContain('Endringene gjaldt fra');
    expect(refused.text).toContain('id="error"');
    expect(await state()).toEqual(before);
  });
});
