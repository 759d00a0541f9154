import { ActivityKind, DayPeriod } from '../src/activities/activity.enums';
import { AbsenceReason } from '../src/attendance/attendance.enums';
import { Role } from '../src/auth/roles';
import { createActivity } from './factories/activity.factory';
import { createUnavailability } from './factories/availability.factory';
import { insertSessions } from './factories/allocation.factory';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { allocateWithBookings, WEEK_49, WEEK_49_DAYS } from './factories/planning.factory';
import { createHeldPrisoner } from './factories/prisoner.factory';
import { attend, createRateActivity } from './factories/rate.factory';
import { createStaffMember } from './factories/staff.factory';
import { signIn, signInAdmin, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

/**
 * Today: Monday 23 November 2026. A prison of 10 prisoners held all along and an 11th released on
 * Wednesday 9 December; its only workshop runs every morning with 6 places (a staff member on it),
 * 3 prisoners booked. Week 49 (30 Nov – 4 Dec): 55 prisoner-days, target ⌈0.9 · 55⌉ = 50 days,
 * bookings 15, the planner 30 (6 places × 5 mornings), a tight ceiling of 30.
 */
describe('path to target API', () => {
  let t: TestApp;
  let admin: SignedIn;
  let manager: SignedIn;
  let otherManager: SignedIn;
  let prison: { id: string; regionId: string };
  let workshopId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.dataSource;
    await resetDatabase(ds);
    admin = await signInAdmin(t);
    const at = await createPrisonWithUnit(ds, { name: 'Målfengsel' });
    prison = at.prison;
    const other = await createPrisonWithUnit(ds, { name: 'Annet fengsel' });
    manager = await signIn(t, [Role.MANAGER], [prison.id]);
    otherManager = await signIn(t, [Role.MANAGER], [other.prison.id]);
    const staff = await createStaffMember(ds, { prisonIds: [prison.id] });
    const am = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, period: DayPeriod.AM, staffMemberId: staff.id }));
    const workshop = await createActivity(ds, prison.id, { name: 'Snekkerverkstedet', capacity: 6 }, am);
    workshopId = workshop.id;
    const sessions = await insertSessions(ds, workshop, WEEK_49_DAYS, { periods: [DayPeriod.AM], capacity: 6, staffMemberId: staff.id });
    const held = [];
    for (let i = 0; i < 10; i++)
      held.push(await createHeldPrisoner(ds, { prisonId: prison.id, unitId: at.unit.id, fromDate: '2026-01-05' }));
    await createHeldPrisoner(ds, { prisonId: prison.id, unitId: at.unit.id, fromDate: '2026-01-05', toDate: '2026-12-09' });
    for (const p of held.slice(0, 3))
      await allocateWithBookings(ds, {
        prisonerId: p.id,
        activityId: workshop.id,
        prisonId: prison.id,
        startDate: '2026-11-30',
        sessionIds: sessions.map((s) => s.id),
      });
    // History: one booked day attended, one lost to sickness (a 50 % loss of booked days).
    const old = await createRateActivity(ds, prison.id, ActivityKind.EDUCATION);
    await attend(ds, held[0].id, old, '2026-11-16', DayPeriod.AM);
    await attend(ds, held[0].id, old, '2026-11-17', DayPeriod.AM, AbsenceReason.SICK);
    await admin.post('/activity-rate/rebuild').send({ from: '2026-11-16', to: '2026-11-22' }).expect(200);
  });
  afterAll(() => t.close());

  describe('coming weeks', () => {
    it('the planned rate of the next 6 ISO weeks for a prison: counted days (holidays out), the known release date, bookings', async () => {
      const res = await manager.get(`/path-to-target/coming-weeks?scope=prison&id=${prison.id}`).expect(200);
      expect(res.body).toMatchObject({ scope: 'prison', id: prison.id, name: 'Målfengsel', target: 0.9, groups: [] });
      expect(res.body.weeks.map((w: Record<string, unknown>) => [w.week, w.prisonerDays, w.plannedActiveDays, w.gapDays, w.band])).toEqual([
        ['2026-W49', 55, 15, 35, 'FAR'],
        ['2026-W50', 52, 0, 47, 'FAR'], // released on Wednesday 9 December: Monday and Tuesday held
        ['2026-W51', 50, 0, 45, 'FAR'],
        ['2026-W52', 40, 0, 36, 'FAR'], // Friday 25 December
        ['2026-W53', 40, 0, 36, 'FAR'], // Friday 1 January
        ['2027-W01', 50, 0, 45, 'FAR'],
      ]);
      expect(res.body.weeks[0].plannedRate).toBeCloseTo(15 / 55, 10);
    });

    it('national: the total and one group per region; a region: one group per prison; weeks 4–8', async () => {
      const nat = (await admin.get('/path-to-target/coming-weeks?weeks=4').expect(200)).body;
      expect(nat.weeks).toHaveLength(4);
      expect(nat.weeks[0]).toMatchObject({ week: '2026-W49', prisonerDays: 55, plannedActiveDays: 15 });
      expect(nat.groups.find((g: { key: string }) => g.key === prison.regionId).weeks[0]).toMatchObject({ prisonerDays: 55 });
      const region = (await manager.get(`/path-to-target/coming-weeks?scope=region&id=${prison.regionId}&weeks=8`).expect(200)).body;
      expect(region.weeks).toHaveLength(8);
      expect(region.groups.map((g: { label: string }) => g.label)).toContain('Målfengsel');
      await admin.get('/path-to-target/coming-weeks?weeks=3').expect(400);
      await admin.get('/path-to-target/coming-weeks?weeks=9').expect(400);
      await admin.get('/path-to-target/coming-weeks?scope=prison').expect(400);
      await admin.get(`/path-to-target/coming-weeks?scope=national&id=${prison.id}`).expect(400);
      await admin.get(`/path-to-target/coming-weeks?scope=prison&id=${prison.regionId}`).expect(404);
    });
  });

  describe("a prison's coming week", () => {
    it('the three-part split and the what-if: 20 afternoon places reach the target, confirmed by the planner', async () => {
      await t.dataSource.query(`UPDATE activity SET max_capacity = NULL WHERE id = $1`, [workshopId]);
      const res = await manager.get(`/path-to-target/prisons/${prison.id}/weeks/${WEEK_49}`).expect(200);
      const b = res.body;
      expect(b).toMatchObject({
        prisonId: prison.id,
        prisonName: 'Målfengsel',
        week: WEEK_49,
        days: WEEK_49_DAYS,
        prisonerDays: 55,
        targetDays: 50,
        current: { activeDays: 15 },
        planner: { activeDays: 30 },
        ceiling: { activeDays: 30, tight: true },
        split: {
          betterPlanningDays: 15,
          unreachableDays: 20,
          unprovenDays: 0,
          lossRate: 0.5,
          expectedLossDays: 15,
          expectedLossByReason: { ABSENT: 15, SESSION_CANCELLED: 0, NOT_RECORDED: 0, EXCLUDED: 0 },
          historyTo: '2026-11-22',
        },
        whatIf: { predictedCeiling: { activeDays: 50 }, confirmed: { activeDays: 50 }, reachesTarget: true, placesAdded: 20 },
      });
      // No room to grow: the workshop opens in the afternoons, 4 places a day, its officer free then.
      const changes = b.whatIf.changes as Array<Record<string, unknown>>;
      expect(changes.map((c) => [c.kind, c.period, c.activityName, c.staffFree])).toEqual(
        WEEK_49_DAYS.map(() => ['OPEN_SLOT', 'PM', 'Snekkerverkstedet', true]),
      );
      expect(changes.reduce((s, c) => s + (c.places as number), 0)).toBe(20);
      expect(changes.every((c) => c.marginalDays === c.places && c.daysPerPlace === 1)).toBe(true);
    });

    it('the current plan is "planned now", as on the week plan and in a draft: a booked morning in court is not planned', async () => {
      const [{ prisonerId }] = await t.dataSource.query<Array<{ prisonerId: string }>>(
        `SELECT prisoner_id AS "prisonerId" FROM booking ORDER BY prisoner_id LIMIT 1`,
      );
      const court = await createUnavailability(t.dataSource, prisonerId, { fromDate: WEEK_49_DAYS[0], period: DayPeriod.AM });
      try {
        const split = (await manager.get(`/path-to-target/prisons/${prison.id}/weeks/${WEEK_49}`).expect(200)).body;
        const weekPlan = (await manager.get(`/prisons/${prison.id}/weeks/${WEEK_49}/no-activity`).expect(200)).body;
        expect(split.current.activeDays).toBe(14);
        expect(weekPlan.plannedDays).toBe(14);
        // The coming weeks keep the activity rate's planned figure (a non-cancelled session scheduled): 15.
        const coming = (await manager.get(`/path-to-target/coming-weeks?scope=prison&id=${prison.id}`).expect(200)).body;
        expect(coming.weeks[0]).toMatchObject({ week: WEEK_49, plannedActiveDays: 15 });
      } finally {
        await t.dataSource.query(`DELETE FROM unavailability WHERE id = $1`, [court.id]);
      }
    });

    it('with room for 9 in the workshop: 3 more places each morning first, then afternoons for the rest', async () => {
      // The room's size is recorded on the activity (not below its capacity of 6).
      const bad = await admin.patch(`/activities/${workshopId}`).send({ maxCapacity: 5 }).expect(400);
      expect(JSON.stringify(bad.body)).toContain('maxCapacity');
      const patched = await admin.patch(`/activities/${workshopId}`).send({ maxCapacity: 9 }).expect(200);
      expect(patched.body).toMatchObject({ capacity: 6, maxCapacity: 9 });
      const b = (await manager.get(`/path-to-target/prisons/${prison.id}/weeks/${WEEK_49}`).expect(200)).body;
      const changes = b.whatIf.changes as Array<{ kind: string; period: string; places: number; staffFree: boolean | null }>;
      expect(b.whatIf).toMatchObject({ placesAdded: 20, predictedCeiling: { activeDays: 50 }, confirmed: { activeDays: 50 } });
      const grown = changes.filter((c) => c.kind === 'ADD_PLACES');
      expect(grown.map((c) => [c.period, c.places, c.staffFree])).toEqual(WEEK_49_DAYS.map(() => ['AM', 3, null]));
      expect(changes.filter((c) => c.kind === 'OPEN_SLOT').reduce((s, c) => s + c.places, 0)).toBe(5);
      await t.dataSource.query(`UPDATE activity SET max_capacity = NULL WHERE id = $1`, [workshopId]);
    });

    it('scoping and bad input: another prison’s manager 404, a past week 422, a bad week 400; the read is audited', async () => {
      await otherManager.get(`/path-to-target/prisons/${prison.id}/weeks/${WEEK_49}`).expect(404);
      await admin.get(`/path-to-target/prisons/${prison.id}/weeks/2026-W47`).expect(422);
      await admin.get(`/path-to-target/prisons/${prison.id}/weeks/2026-W99`).expect(400);
      const officer = await signIn(t, [Role.OFFICER], [prison.id]);
      await officer.get(`/path-to-target/prisons/${prison.id}/weeks/${WEEK_49}`).expect(403);
      const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'path-to-target.week.read'`);
      expect(audit[0].n).toBeGreaterThan(0);
    });
  });

  describe('national offer', () => {
    it('prisons short of offer with places per half-day by kind and the region view; national administrators only', async () => {
      const b = (await admin.get(`/path-to-target/weeks/${WEEK_49}/offer`).expect(200)).body;
      expect(b.prisons).toHaveLength(1); // the other prison has nothing to plan
      expect(b.prisons[0]).toMatchObject({
        prisonId: prison.id,
        ceilingDays: 30,
        predictedCeilingDays: 50,
        confirmedDays: 50,
        daysGained: 20,
        placesAdded: 20,
        placesByKind: { WORK: 20, EDUCATION: 0, PROGRAMME: 0 },
      });
      // 20 afternoon places over the week; at most 5 a day (the 5 prisoners without a morning place).
      const places = b.prisons[0].places as Array<{ kind: string; weekday: number; period: string; places: number }>;
      expect(places.every((p) => p.kind === 'WORK' && p.period === 'PM' && p.places <= 5)).toBe(true);
      expect(places.reduce((s, p) => s + p.places, 0)).toBe(20);
      expect(b.regions).toEqual([expect.objectContaining({ regionId: prison.regionId, prisonsShort: 1, daysGained: 20, placesAdded: 20 })]);
      expect(b).toMatchObject({ placesAdded: 20, daysGained: 20, placesByKind: { WORK: 20 } });
      await manager.get(`/path-to-target/weeks/${WEEK_49}/offer`).expect(403);
    });
  });
});
