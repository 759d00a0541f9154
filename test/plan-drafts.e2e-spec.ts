import { DayPeriod } from '../src/activities/activity.enums';
import { Role } from '../src/auth/roles';
import { UnavailabilityKind } from '../src/availability/availability.enums';
import { SecurityLevel } from '../src/organisation/organisation.enums';
import { PlanDraftsService } from '../src/planning/plan-drafts.service';
import { createActivity, FULL_WEEK } from './factories/activity.factory';
import { insertSessions } from './factories/allocation.factory';
import { createNonAssociation, createUnavailability } from './factories/availability.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { allocateWithBookings, rosterOf, WEEK_49, WEEK_49_DAYS } from './factories/planning.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { signIn, SignedIn } from './support/auth';
import { countRows, createTestApp, resetDatabase, TestApp } from './support/test-app';

const WRITTEN = ['allocation', 'booking'];
const FRIDAY = '2026-12-04';

describe('plan drafts: run the planner on a week, show the draft, apply it', () => {
  let t: TestApp;
  let prison: { id: string };
  let unit: { id: string };
  let officer: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(); // today: Monday 23 November 2026; week 49 is next week
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await resetDatabase(t.dataSource);
    ({ prison, unit } = await createPrisonWithUnit(t.dataSource, {}, { securityLevel: SecurityLevel.HIGH }));
    officer = await signIn(t, [Role.OFFICER], [prison.id]);
    manager = await signIn(t, [Role.MANAGER], [prison.id]);
  });

  const url = (prisonId = prison.id, week = WEEK_49) => `/prisons/${prisonId}/weeks/${week}/plan-drafts`;
  const held = (at = { prisonId: prison.id, unitId: unit.id }) => createHeldPrisoner(t.dataSource, at);

  /**
   * Three prisoners; a workshop every morning and a class every afternoon, one place each. p1 holds
   * both (a full day every day) and their workshop allocation is locked; p3 is in court Monday to
   * Thursday. Optimum: 2 active days a day = 10 of 15, with p1 in the workshop, p2 in class Monday to
   * Thursday and p3 on Friday (fairness: nobody without activity).
   */
  async function scenario(at = { prisonId: prison.id, unitId: unit.id }) {
    const workshop = await createActivity(
      t.dataSource,
      at.prisonId,
      { name: 'Snekkerverksted', capacity: 1 },
      FULL_WEEK.filter((s) => s.period === DayPeriod.AM),
    );
    const school = await createActivity(
      t.dataSource,
      at.prisonId,
      { name: 'Norsk', capacity: 1 },
      FULL_WEEK.filter((s) => s.period === DayPeriod.PM),
    );
    const am = await insertSessions(t.dataSource, workshop, WEEK_49_DAYS, { periods: [DayPeriod.AM], capacity: 1 });
    const pm = await insertSessions(t.dataSource, school, WEEK_49_DAYS, { periods: [DayPeriod.PM], capacity: 1 });
    const [p1, p2, p3] = [await held(at), await held(at), await held(at)];
    await createUnavailability(t.dataSource, p3.id, { kind: UnavailabilityKind.COURT, fromDate: '2026-11-30', toDate: '2026-12-03' });
    const base = { prisonId: at.prisonId, prisonerId: p1.id, startDate: '2026-11-02' };
    const lockedWorkshop = await allocateWithBookings(t.dataSource, {
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
    return { workshop, school, am, pm, p1, p2, p3, lockedWorkshop, oldSchool };
  }

  it('drafts a small week with a known optimum: exact bound and active days, the diff, the predicted rates and the explanations', async () => {
    const s = await scenario();
    const before = await countRows(t.dataSource, WRITTEN);
    const res = await officer.post(url()).expect(201);
    const d = res.body;
    expect(d).toMatchObject({
      prisonId: prison.id,
      week: WEEK_49,
      status: 'DRAFT',
      createdByUserId: officer.userId,
      appliedAt: null,
      days: WEEK_49_DAYS,
    });
    expect(d.metrics).toMatchObject({
      activeDays: 10,
      prisonerDays: 15,
      upperBound: 10,
      gap: 0,
      shareOfBound: 1,
      provenOptimalActiveDays: true,
      prisonersInCustody: 3,
      prisonersWithoutActivity: 0,
      changesFromCurrent: 5,
      fullDays: 0,
    });
    expect(d.metrics.greedyActiveDays).toBeLessThanOrEqual(10);
    expect(d.predictedPlannedRate).toEqual({ before: 0.3333, after: 0.6667, activeDaysBefore: 5, activeDaysAfter: 10, prisonerDays: 15 });

    const diffOf = (id: string) => d.diff.find((x: { prisonerId: string }) => x.prisonerId === id);
    expect(d.diff).toHaveLength(3);
    expect(diffOf(s.p1.id)).toMatchObject({
      name: `${s.p1.lastName}, ${s.p1.firstName}`,
      prisonerNumber: s.p1.prisonerNumber,
      added: [],
      moved: [],
    });
    expect(diffOf(s.p1.id).removed.map((x: { sessionId: string }) => x.sessionId)).toEqual(s.pm.map((x) => x.id));
    expect(diffOf(s.p2.id).added).toEqual(
      s.pm.slice(0, 4).map((x) => ({ sessionId: x.id, activityId: s.school.id, activityName: 'Norsk', date: x.date, period: 'PM' })),
    );
    expect(diffOf(s.p3.id).added).toEqual([
      { sessionId: s.pm[4].id, activityId: s.school.id, activityName: 'Norsk', date: FRIDAY, period: 'PM' },
    ]);

    const change = (id: string) => d.allocationChanges.find((c: { prisonerId: string }) => c.prisonerId === id);
    expect(d.allocationChanges).toHaveLength(3);
    expect(change(s.p1.id)).toMatchObject({
      activityId: s.school.id,
      activityName: 'Norsk',
      fromDate: '2026-11-30',
      pattern: null,
      sessionsBefore: 5,
      sessionsAfter: 0,
    });
    expect(change(s.p2.id)).toMatchObject({
      pattern: 'CHOSEN',
      chosenSlots: [1, 2, 3, 4].map((weekday) => ({ weekday, period: 'PM' })),
      sessionsAfter: 4,
    });
    expect(change(s.p3.id)).toMatchObject({ pattern: 'CHOSEN', chosenSlots: [{ weekday: 5, period: 'PM' }], sessionsAfter: 1 });

    // One explanation per prisoner-day without activity: p3's court days, and p2's Friday when both places are taken.
    expect(d.explanations).toHaveLength(5);
    expect(
      d.explanations.filter((e: { prisonerId: string; reason: string }) => e.prisonerId === s.p3.id && e.reason === 'UNAVAILABLE'),
    ).toHaveLength(4);
    expect(d.explanations.find((e: { prisonerId: string }) => e.prisonerId === s.p2.id)).toMatchObject({
      date: FRIDAY,
      reason: 'ALL_ELIGIBLE_FULL',
      proven: true,
      params: { periods: ['AM', 'PM'], sessions: expect.any(Number) },
      name: `${s.p2.lastName}, ${s.p2.firstName}`,
    });
    expect(d.conflicts).toEqual([]);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual(before);

    const shown = await officer.get(`${url()}/${d.id}`).expect(200);
    expect(shown.body).toEqual(d);
    const list = await manager.get(url()).expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({ id: d.id, status: 'DRAFT', upperBound: 10, predictedPlannedRate: d.predictedPlannedRate }),
    ]);
    expect(list.body[0].diff).toBeUndefined();
  });

  it('apply writes the allocations and bookings in one go, keeps the locked allocation, and the week plan shows the result', async () => {
    const s = await scenario();
    const { body: draft } = await officer.post(url()).expect(201);
    const res = await manager.post(`${url()}/${draft.id}/apply`).expect(200);
    expect(res.body).toMatchObject({ id: draft.id, status: 'APPLIED', appliedByUserId: manager.userId });
    expect(res.body.appliedAt).toEqual(expect.any(String));
    expect(res.body.applySummary).toEqual({
      allocationsEnded: 1,
      allocationsDeleted: 0,
      allocationsCreated: 2,
      bookingsRemoved: 5,
      bookingsCreated: 5,
    });

    const allocations = await t.dataSource.query(
      `SELECT id, prisoner_id AS "prisonerId", activity_id AS "activityId", to_char(start_date, 'YYYY-MM-DD') AS "startDate",
              to_char(end_date, 'YYYY-MM-DD') AS "endDate", pattern, chosen_slots AS "chosenSlots", locked, ended_reason AS "endedReason"
         FROM allocation ORDER BY created_at, id`,
    );
    expect(allocations).toHaveLength(4);
    expect(allocations.find((a: { id: string }) => a.id === s.lockedWorkshop)).toMatchObject({
      endDate: null,
      pattern: 'AM_ONLY',
      locked: true,
    });
    expect(allocations.find((a: { id: string }) => a.id === s.oldSchool)).toMatchObject({ endDate: '2026-11-29', endedReason: 'OTHER' });
    expect(allocations.find((a: { prisonerId: string }) => a.prisonerId === s.p2.id)).toMatchObject({
      activityId: s.school.id,
      startDate: '2026-11-30',
      endDate: null,
      pattern: 'CHOSEN',
      chosenSlots: [1, 2, 3, 4].map((weekday) => ({ weekday, period: 'PM' })),
      locked: false,
    });
    expect(allocations.find((a: { prisonerId: string }) => a.prisonerId === s.p3.id)).toMatchObject({
      pattern: 'CHOSEN',
      chosenSlots: [{ weekday: 5, period: 'PM' }],
    });

    const plan = await officer.get(`/prisons/${prison.id}/weeks/${WEEK_49}/plan`).expect(200);
    const roster = rosterOf(plan.body);
    for (const x of s.am) expect(roster.get(x.id)).toEqual([s.p1.id]);
    for (const x of s.pm.slice(0, 4)) expect(roster.get(x.id)).toEqual([s.p2.id]);
    expect(roster.get(s.pm[4].id)).toEqual([s.p3.id]);
    const noActivity = await officer.get(`/prisons/${prison.id}/weeks/${WEEK_49}/no-activity`).expect(200);
    expect(noActivity.body.plannedDays).toBe(10);

    // Applying twice is refused; so is any other draft of the week once one is applied.
    const again = await manager.post(`${url()}/${draft.id}/apply`).expect(409);
    expect(again.body.message).toMatch(/already applied/);
    const { body: next } = await officer.post(url()).expect(201);
    expect(next.metrics.changesFromCurrent).toBe(0);
    expect(next.diff).toEqual([]);
    expect(next.predictedPlannedRate).toMatchObject({ before: 0.6667, after: 0.6667 });
    const other = await manager.post(`${url()}/${next.id}/apply`).expect(409);
    expect(other.body.details).toEqual({ appliedDraftId: draft.id });
  });

  it('a booking on a court morning is not taken away for good: kept through apply, the rest of the allocation changes around it', async () => {
    // One place a half-day, two prisoners: p holds every half-day now and is in court on Tuesday morning,
    // when q is at a visit. The plan splits the days; p's Tuesday morning booking stays (a one-off clash).
    const workshop = await createActivity(t.dataSource, prison.id, { name: 'Vaskeriet', capacity: 1 });
    const sessions = await insertSessions(t.dataSource, workshop, WEEK_49_DAYS, { capacity: 1 });
    const [p, q] = [await held(), await held()];
    const tuesdayAm = sessions.find((x) => x.date === '2026-12-01' && x.period === DayPeriod.AM)!;
    await createUnavailability(t.dataSource, p.id, { kind: UnavailabilityKind.COURT, fromDate: '2026-12-01', period: DayPeriod.AM });
    await createUnavailability(t.dataSource, q.id, { kind: UnavailabilityKind.VISIT, fromDate: '2026-12-01', period: DayPeriod.AM });
    await allocateWithBookings(t.dataSource, {
      prisonerId: p.id,
      activityId: workshop.id,
      prisonId: prison.id,
      startDate: '2026-11-02',
      sessionIds: sessions.map((x) => x.id),
    });

    const { body: draft } = await officer.post(url()).expect(201);
    expect(draft.metrics).toMatchObject({ activeDays: 9, upperBound: 9, prisonersWithoutActivity: 0 });
    const pDiff = draft.diff.find((x: { prisonerId: string }) => x.prisonerId === p.id);
    expect(pDiff.removed.map((x: { sessionId: string }) => x.sessionId)).not.toContain(tuesdayAm.id);
    const pChange = draft.allocationChanges.find((c: { prisonerId: string }) => c.prisonerId === p.id);
    expect(
      pChange.pattern === 'AM_ONLY' ||
        pChange.chosenSlots.some((x: { weekday: number; period: string }) => x.weekday === 2 && x.period === 'AM'),
    ).toBe(true);

    await manager.post(`${url()}/${draft.id}/apply`).expect(200);
    const booked = await t.dataSource.query(`SELECT prisoner_id AS "prisonerId" FROM booking WHERE session_id = $1`, [tuesdayAm.id]);
    expect(booked).toEqual([{ prisonerId: p.id }]);
  });

  it('a stale draft answers 409 with what changed, writes nothing, and becomes STALE', async () => {
    const s = await scenario();
    const { body: draft } = await officer.post(url()).expect(201);
    await t.dataSource.query(`UPDATE "session" SET capacity = 2 WHERE id = $1`, [s.pm[0].id]);
    const newcomer = await held();
    const before = await countRows(t.dataSource, WRITTEN);

    const res = await manager.post(`${url()}/${draft.id}/apply`).expect(409);
    expect(res.body.message).toMatch(
      /data changed since the draft was made \(capacity changed on 1 session; 1 prisoner arrived\); nothing was applied/,
    );
    expect(res.body.details.changes).toMatchObject({
      capacityChanged: [{ sessionId: s.pm[0].id, before: 1, after: 2 }],
      prisonersArrived: [newcomer.id],
      prisonersLeft: [],
      sessionsAdded: [],
      sessionsRemoved: [],
      bookingsChanged: [],
    });
    expect(await countRows(t.dataSource, WRITTEN)).toEqual(before);
    expect((await officer.get(`${url()}/${draft.id}`).expect(200)).body.status).toBe('STALE');
    expect((await manager.post(`${url()}/${draft.id}/apply`).expect(409)).body.message).toMatch(/make a new draft/);
  });

  it('a newer draft supersedes an older one, which can then not be applied', async () => {
    await scenario();
    const { body: first } = await officer.post(url()).expect(201);
    const { body: second } = await officer.post(url()).expect(201);
    const list = await officer.get(url()).expect(200);
    expect(list.body.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
      [second.id, 'DRAFT'],
      [first.id, 'SUPERSEDED'],
    ]);
    const res = await manager.post(`${url()}/${first.id}/apply`).expect(409);
    expect(res.body.message).toMatch(/newer draft/);
  });

  it('every rule is checked again on the locked rows when applying: a failure answers 409 with the failed checks and nothing is kept', async () => {
    // A booking the planner cannot see as a person (someone not held here), kept apart from a prisoner the plan places beside them.
    const workshop = await createActivity(t.dataSource, prison.id, { name: 'Mekanisk', capacity: 2 });
    const sessions = await insertSessions(t.dataSource, workshop, WEEK_49_DAYS, { capacity: 2 });
    const [p, q] = [await held(), await held()];
    const { prison: elsewhere, unit: otherUnit } = await createPrisonWithUnit(t.dataSource);
    const stranger = await held({ prisonId: elsewhere.id, unitId: otherUnit.id });
    await allocateWithBookings(t.dataSource, {
      prisonerId: stranger.id,
      activityId: workshop.id,
      prisonId: prison.id,
      startDate: '2026-11-30',
      sessionIds: [sessions[0].id],
    });
    await createNonAssociation(t.dataSource, p.id, stranger.id);
    // q is at a visit on Monday morning, so the one place left then goes to p (a full day).
    await createUnavailability(t.dataSource, q.id, { kind: UnavailabilityKind.VISIT, fromDate: '2026-11-30', period: DayPeriod.AM });
    const { body: draft } = await officer.post(url()).expect(201);
    const placed = new Set(draft.diff.map((x: { prisonerId: string }) => x.prisonerId));
    expect(placed).toEqual(new Set([p.id, q.id]));
    const before = await countRows(t.dataSource, WRITTEN);

    const res = await manager.post(`${url()}/${draft.id}/apply`).expect(409);
    expect(res.body.message).toMatch(/break a rule now/);
    expect(res.body.details.failed).toEqual([
      { prisonerId: p.id, activityId: workshop.id, failedChecks: [expect.objectContaining({ code: 'NON_ASSOCIATION', passed: false })] },
    ]);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual(before);
    expect((await officer.get(`${url()}/${draft.id}`).expect(200)).body.status).toBe('DRAFT');
  });

  it("another prison's week and drafts answer 404 as if they did not exist; bad weeks 400; a week already over 422", async () => {
    const { prison: other, unit: otherUnit } = await createPrisonWithUnit(t.dataSource);
    await scenario({ prisonId: other.id, unitId: otherUnit.id });
    const theirs = await signIn(t, [Role.MANAGER], [other.id]);
    const { body: draft } = await theirs.post(url(other.id)).expect(201);

    await officer.post(url(other.id)).expect(404);
    await officer.get(url(other.id)).expect(404);
    await officer.get(`${url(other.id)}/${draft.id}`).expect(404);
    await manager.post(`${url(other.id)}/${draft.id}/apply`).expect(404);
    // Their draft's id under our own prison's path is not found either.
    await manager.get(`${url()}/${draft.id}`).expect(404);
    await manager.post(`${url()}/${draft.id}/apply`).expect(404);
    expect((await theirs.get(`${url(other.id)}/${draft.id}`).expect(200)).body.status).toBe('DRAFT');

    await officer.post(url(prison.id, '2026-W99')).expect(400);
    const over = await officer.post(url(prison.id, '2026-W47')).expect(422);
    expect(over.body.message).toMatch(/no counted days left/);
  });

  it('the weekly job drafts next week for every prison, idempotently, and drafts again only when the data changed', async () => {
    const s = await scenario();
    const { prison: second, unit: secondUnit } = await createPrisonWithUnit(t.dataSource);
    const workshop = await createActivity(t.dataSource, second.id, { capacity: 4 });
    await insertSessions(t.dataSource, workshop, WEEK_49_DAYS, { capacity: 4 });
    await held({ prisonId: second.id, unitId: secondUnit.id });
    await createPrisonWithUnit(t.dataSource); // nobody held, nothing to plan
    const jobs = t.app.get(PlanDraftsService);
    const before = await countRows(t.dataSource, WRITTEN);

    expect(await jobs.draftNextWeekForAllPrisons()).toEqual({
      ran: true,
      result: { week: WEEK_49, prisons: 3, drafted: 2, unchanged: 0, skipped: 1, failed: 0 },
    });
    expect(await jobs.draftNextWeekForAllPrisons()).toEqual({
      ran: true,
      result: { week: WEEK_49, prisons: 3, drafted: 0, unchanged: 2, skipped: 1, failed: 0 },
    });
    const drafts = await t.dataSource.query(
      `SELECT prison_id AS "prisonId", week, status, created_by_user_id AS "createdBy" FROM plan_draft ORDER BY prison_id`,
    );
    expect(drafts).toHaveLength(2);
    expect(
      drafts.every(
        (d: { week: string; status: string; createdBy: string | null }) =>
          d.week === WEEK_49 && d.status === 'DRAFT' && d.createdBy === null,
      ),
    ).toBe(true);
    expect(await countRows(t.dataSource, WRITTEN)).toEqual(before);

    await t.dataSource.query(`UPDATE "session" SET capacity = 2 WHERE id = $1`, [s.pm[0].id]);
    expect(await jobs.draftNextWeekForAllPrisons()).toEqual({
      ran: true,
      result: { week: WEEK_49, prisons: 3, drafted: 1, unchanged: 1, skipped: 1, failed: 0 },
    });
    // The waiting draft is there for the manager; the one made from older data is superseded.
    const list = await manager.get(url()).expect(200);
    expect(list.body.map((d: { status: string }) => d.status)).toEqual(['DRAFT', 'SUPERSEDED']);
    expect(list.body[0]).toMatchObject({ createdByUserId: null, predictedPlannedRate: { activeDaysAfter: 10 } });
  });
});
