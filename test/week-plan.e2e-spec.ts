import { Role } from '../src/auth/roles';
import { createActivity } from './factories/activity.factory';
import { insertSessions, WEEK_OF_23_NOV } from './factories/allocation.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { createStaffMember } from './factories/staff.factory';
import { signIn, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

const WEEK = '2026-W48'; // Mon 23 – Sun 29 November 2026; the test clock is Monday 23rd

interface PlanSession {
  date: string;
  period: string;
  capacity: number;
  allocated: number;
  free: number;
  staff: { name: string } | null;
  cancelled: { reason: string } | null;
  prisoners: Array<{
    prisonerId: string;
    name: string;
    prisonerNumber: string;
    unitName: string;
    clashes: Array<{ kind: string; detail: string }>;
  }>;
}

describe('week views: the planner grid, a prisoner’s week and the no-activity list', () => {
  let t: TestApp;
  let officer: SignedIn;
  let manager: SignedIn;
  let prison: { id: string };
  let unit: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    t.clock.set('2026-11-23T10:00:00');
    await resetDatabase(t.dataSource);
    ({ prison, unit } = await createPrisonWithUnit(t.dataSource));
    officer = await signIn(t, [Role.OFFICER], [prison.id]);
    manager = await signIn(t, [Role.MANAGER], [prison.id]);
  });

  const held = () => createHeldPrisoner(t.dataSource, { prisonId: prison.id, unitId: unit.id });
  const allocate = (body: Record<string, unknown>, who: SignedIn = officer) =>
    who
      .post('/allocations')
      .send({ startDate: '2026-11-23', pattern: 'ALL', ...body })
      .expect(201);
  const sessionOf = (
    plan: { activities: Array<{ activityId: string; sessions: PlanSession[] }> },
    activityId: string,
    date: string,
    period: string,
  ) => plan.activities.find((a) => a.activityId === activityId)!.sessions.find((s) => s.date === date && s.period === period)!;
  const idsOn = (s: PlanSession) => s.prisoners.map((p) => p.prisonerId).sort();

  it('shows capacity, allocated, free, staff, cancellations and the prisoners with clash flags', async () => {
    const staff = await createStaffMember(t.dataSource, { prisonIds: [prison.id], firstName: 'Kari', lastName: 'Verksmester' });
    const workshop = await createActivity(t.dataSource, prison.id, { name: 'Snekkerverksted', capacity: 4 });
    const school = await createActivity(t.dataSource, prison.id, { name: 'Norskopplæring', capacity: 3 });
    await insertSessions(t.dataSource, workshop, WEEK_OF_23_NOV, { capacity: 4, staffMemberId: staff.id });
    const schoolSessions = await insertSessions(t.dataSource, school, WEEK_OF_23_NOV, { capacity: 3, periods: ['PM' as never] });

    // A split working day: workshop in the mornings, school in the afternoons.
    const split = await held();
    await allocate({ prisonerId: split.id, activityId: workshop.id, pattern: 'AM_ONLY' });
    await allocate({ prisonerId: split.id, activityId: school.id, pattern: 'PM_ONLY' });
    // Released on Wednesday: on Monday's and Tuesday's rosters only.
    const leaving = await held();
    await allocate({ prisonerId: leaving.id, activityId: workshop.id });
    await manager.post(`/prisoners/${leaving.id}/moves`).send({ kind: 'RELEASE', date: '2026-11-25' }).expect(204);
    // In court on Thursday morning, recorded after the allocation: flagged, not hidden.
    const inCourt = await held();
    await allocate({ prisonerId: inCourt.id, activityId: workshop.id, pattern: 'AM_ONLY' });
    await t.dataSource.query(
      `INSERT INTO unavailability (prisoner_id, kind, from_date, to_date, period) VALUES ($1, 'COURT', '2026-11-26', '2026-11-26', 'AM')`,
      [inCourt.id],
    );
    // Two to be kept apart, placed together by a manager's override on Friday afternoons.
    const [x, y] = [await held(), await held()];
    await t.dataSource.query(
      `INSERT INTO non_association (prisoner_a_id, prisoner_b_id, reason, from_date) VALUES ($1, $2, 'Trusler', '2026-01-01')`,
      [x.id, y.id].sort(),
    );
    await allocate({ prisonerId: x.id, activityId: workshop.id, pattern: 'CHOSEN', chosenSlots: [{ weekday: 5, period: 'PM' }] });
    await allocate(
      {
        prisonerId: y.id,
        activityId: workshop.id,
        pattern: 'CHOSEN',
        chosenSlots: [{ weekday: 5, period: 'PM' }],
        overrideReason: 'Ulike arbeidsbenker, tett oppfølging av betjent',
      },
      manager,
    );
    await t.dataSource.query(`UPDATE "session" SET cancelled_at = now(), cancellation_reason = 'STAFF_UNAVAILABLE' WHERE id = $1`, [
      schoolSessions[4].id,
    ]);

    const { body: plan } = await officer.get(`/prisons/${prison.id}/weeks/${WEEK}/plan`).expect(200);
    expect(plan.week).toBe(WEEK);
    expect(plan.days.map((d: { date: string; counted: boolean }) => [d.date, d.counted])).toEqual([
      ['2026-11-23', true],
      ['2026-11-24', true],
      ['2026-11-25', true],
      ['2026-11-26', true],
      ['2026-11-27', true],
      ['2026-11-28', false],
      ['2026-11-29', false],
    ]);
    expect(plan.activities.map((a: { name: string }) => a.name)).toEqual(['Norskopplæring', 'Snekkerverksted']);

    const monAm = sessionOf(plan, workshop.id, '2026-11-23', 'AM');
    expect(monAm).toMatchObject({ capacity: 4, allocated: 3, free: 1, staff: { name: 'Kari Verksmester' }, cancelled: null });
    expect(idsOn(monAm)).toEqual([split.id, leaving.id, inCourt.id].sort());
    expect(monAm.prisoners.find((p) => p.prisonerId === split.id)).toMatchObject({
      prisonerNumber: split.prisonerNumber,
      unitName: unit.name,
      clashes: [],
    });
    expect(idsOn(sessionOf(plan, school.id, '2026-11-23', 'PM'))).toEqual([split.id]);

    expect(idsOn(sessionOf(plan, workshop.id, '2026-11-24', 'PM'))).toEqual([leaving.id]);
    expect(idsOn(sessionOf(plan, workshop.id, '2026-11-25', 'AM'))).toEqual([split.id, inCourt.id].sort());
    expect(idsOn(sessionOf(plan, workshop.id, '2026-11-26', 'PM'))).toEqual([]);

    const thuAm = sessionOf(plan, workshop.id, '2026-11-26', 'AM');
    expect(thuAm.prisoners.find((p) => p.prisonerId === inCourt.id)!.clashes).toEqual([
      { kind: 'UNAVAILABLE', rule: 'CLASH_UNAVAILABLE', params: { kind: 'COURT', when: 'AM' }, detail: 'Court (AM)' },
    ]);
    const friPm = sessionOf(plan, workshop.id, '2026-11-27', 'PM');
    expect(friPm.prisoners.map((p) => p.clashes.map((c) => c.kind))).toEqual([['NON_ASSOCIATION'], ['NON_ASSOCIATION']]);
    expect(sessionOf(plan, school.id, '2026-11-27', 'PM')).toMatchObject({ cancelled: { reason: 'STAFF_UNAVAILABLE' }, allocated: 1 });
    expect(plan.totals).toEqual({ sessions: 15, cancelledSessions: 1, places: 10 * 4 + 4 * 3, allocated: 5 + 4 + 4 + 5 + 2, clashes: 3 });
  });

  it('lists the prisoner-days with nothing planned, with the reason', async () => {
    const workshop = await createActivity(t.dataSource, prison.id, { capacity: 4 });
    const sessions = await insertSessions(t.dataSource, workshop, WEEK_OF_23_NOV, { capacity: 4 });
    const busy = await held();
    const idle = await held();
    const onLeave = await held();
    const fridayOnly = await held();
    await allocate({ prisonerId: busy.id, activityId: workshop.id });
    await allocate({ prisonerId: onLeave.id, activityId: workshop.id, endDate: '2026-11-23' });
    await t.dataSource.query(
      `INSERT INTO unavailability (prisoner_id, kind, from_date, to_date) VALUES ($1, 'LEAVE', '2026-11-24', '2026-11-27')`,
      [onLeave.id],
    );
    await allocate({ prisonerId: fridayOnly.id, activityId: workshop.id, pattern: 'CHOSEN', chosenSlots: [{ weekday: 5, period: 'AM' }] });
    const friAm = sessions.find((s) => s.date === '2026-11-27' && s.period === 'AM')!;
    await t.dataSource.query(`UPDATE "session" SET cancelled_at = now(), cancellation_reason = 'LOCKDOWN' WHERE id = $1`, [friAm.id]);

    const { body } = await officer.get(`/prisons/${prison.id}/weeks/${WEEK}/no-activity`).expect(200);
    expect(body.countedDays).toEqual(WEEK_OF_23_NOV);
    expect(body.prisonerDays).toBe(4 * 5);
    const of = (id: string) =>
      body.days
        .filter((d: { prisonerId: string }) => d.prisonerId === id)
        .map((d: { date: string; reason: string }) => `${d.date.slice(8)} ${d.reason}`);
    expect(of(busy.id)).toEqual([]);
    expect(of(idle.id)).toEqual(['23 NO_ALLOCATION', '24 NO_ALLOCATION', '25 NO_ALLOCATION', '26 NO_ALLOCATION', '27 NO_ALLOCATION']);
    expect(of(onLeave.id)).toEqual(['24 UNAVAILABLE', '25 UNAVAILABLE', '26 UNAVAILABLE', '27 UNAVAILABLE']);
    expect(body.days.find((d: { prisonerId: string }) => d.prisonerId === onLeave.id).detail).toBe('Leave');
    expect(of(fridayOnly.id)).toEqual(['23 NO_ALLOCATION', '24 NO_ALLOCATION', '25 NO_ALLOCATION', '26 NO_ALLOCATION', '27 CANCELLED']);
    expect(body.plannedDays).toBe(20 - 14);
  });

  it.each([
    ['Easter 2027', '2027-W12', ['2027-03-22', '2027-03-23', '2027-03-24'], ['Skjærtorsdag', 'Langfredag', 'Første påskedag']],
    ['Easter Monday 2027', '2027-W13', ['2027-03-30', '2027-03-31', '2027-04-01', '2027-04-02'], ['Andre påskedag']],
    ['Ascension Day 2027', '2027-W18', ['2027-05-03', '2027-05-04', '2027-05-05', '2027-05-07'], ['Kristi himmelfartsdag']],
    [
      '17 May 2027',
      '2027-W20',
      ['2027-05-18', '2027-05-19', '2027-05-20', '2027-05-21'],
      ['Grunnlovsdag'] /* Whit Monday falls on 17 May in 2027 */,
    ],
  ])('counts only the working days of a holiday week (%s)', async (_name, week, counted, holidays) => {
    await held();
    const { body } = await officer.get(`/prisons/${prison.id}/weeks/${week}/no-activity`).expect(200);
    expect(body.countedDays).toEqual(counted);
    expect(body.prisonerDays).toBe(counted.length);
    const { body: plan } = await officer.get(`/prisons/${prison.id}/weeks/${week}/plan`).expect(200);
    expect(plan.days.filter((d: { holiday?: string }) => d.holiday).map((d: { holiday: string }) => d.holiday)).toEqual(holidays);
  });

  it("shows a prisoner's week: sessions, unavailability and the days held", async () => {
    const workshop = await createActivity(t.dataSource, prison.id, { name: 'Mekanisk', capacity: 4 });
    await insertSessions(t.dataSource, workshop, WEEK_OF_23_NOV, { capacity: 4 });
    const p = await held();
    await allocate({ prisonerId: p.id, activityId: workshop.id, pattern: 'PM_ONLY' });
    await t.dataSource.query(
      `INSERT INTO unavailability (prisoner_id, kind, from_date, to_date, start_time, end_time, note) VALUES ($1, 'VISIT', '2026-11-24', '2026-11-24', '09:00', '10:00', 'Familie')`,
      [p.id],
    );
    await manager.post(`/prisoners/${p.id}/moves`).send({ kind: 'RELEASE', date: '2026-11-26' }).expect(204);
    const { body } = await officer.get(`/prisoners/${p.id}/weeks/${WEEK}`).expect(200);
    expect(body.days.map((d: { inCustody: boolean }) => d.inCustody)).toEqual([true, true, true, false, false, false, false]);
    expect(body.days.map((d: { sessions: unknown[] }) => d.sessions.length)).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect(body.days[0].sessions[0]).toMatchObject({
      period: 'PM',
      activityName: 'Mekanisk',
      startTime: '12:00',
      endTime: '15:00',
      cancelled: null,
    });
    expect(body.days[1].unavailability).toEqual([{ kind: 'VISIT', period: null, startTime: '09:00', endTime: '10:00', note: 'Familie' }]);
  });

  it('exports the week plan as CSV: one row per prisoner per session, for Excel', async () => {
    const workshop = await createActivity(t.dataSource, prison.id, { name: '=Verksted', capacity: 2 });
    await insertSessions(t.dataSource, workshop, ['2026-11-23'], { capacity: 2 });
    const p = await held();
    await allocate({ prisonerId: p.id, activityId: workshop.id, pattern: 'AM_ONLY' });
    const res = await officer
      .get(`/prisons/${prison.id}/weeks/${WEEK}/plan.csv`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const text = res.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 2); // header, AM with the prisoner, PM empty
    expect(lines[1]).toContain(`'=Verksted`); // a formula-looking cell is neutralised
    expect(lines[1]).toContain(p.prisonerNumber);
    expect(lines[2]).not.toContain(p.prisonerNumber);
  });

  it('bad weeks are 400 and other prisons 404', async () => {
    await officer.get(`/prisons/${prison.id}/weeks/2026-W54/plan`).expect(400);
    await officer.get(`/prisons/${prison.id}/weeks/2026-48/plan`).expect(400);
    const other = await createPrisonWithUnit(t.dataSource);
    const theirs = await createHeldPrisoner(t.dataSource, { prisonId: other.prison.id, unitId: other.unit.id });
    await officer.get(`/prisons/${other.prison.id}/weeks/${WEEK}/plan`).expect(404);
    await officer.get(`/prisons/${other.prison.id}/weeks/${WEEK}/no-activity`).expect(404);
    await officer.get(`/prisoners/${theirs.id}/weeks/${WEEK}`).expect(404);
    const teacher = await signIn(t, [Role.TEACHER], [prison.id]);
    await teacher.get(`/prisons/${prison.id}/weeks/${WEEK}/plan`).expect(403);
  });
});
