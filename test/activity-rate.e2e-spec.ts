import { DataSource } from 'typeorm';
import { ActivityKind, DayPeriod } from '../src/activities/activity.enums';
import { AbsenceReason } from '../src/attendance/attendance.enums';
import { Role } from '../src/auth/roles';
import { CustodyEndReason } from '../src/prisoners/prisoner.enums';
import { CancellationReason } from '../src/sessions/session.enums';
import { createPrisonWithUnit, createUnit } from './factories/organisation.factory';
import { createCustody, createHeldPrisoner, createPrisoner } from './factories/prisoner.factory';
import { attend, book, cancelSession, createRateActivity } from './factories/rate.factory';
import { signIn, signInAdmin, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// Clock: Monday 2026-11-23 10:00 (Oslo). The week measured is Monday 16 – Friday 20 November 2026 (ISO week 47).
const WEEK = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
const RANGE = 'from=2026-11-16&to=2026-11-22';

describe('activity rate API', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: SignedIn;
  // A big prison (4 prisoners, 18 of 20 days active = 90 %) and a small one (1 prisoner, 1 of 5 = 20 %), in two regions.
  let big: Awaited<ReturnType<typeof createPrisonWithUnit>>;
  let small: Awaited<ReturnType<typeof createPrisonWithUnit>>;
  let bigUnit2: string;
  let sickId: string;
  let loneId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    await resetDatabase(ds);
    admin = await signInAdmin(t);
    big = await createPrisonWithUnit(ds, { name: 'Stor fengsel' });
    small = await createPrisonWithUnit(ds, { name: 'Lite fengsel' });
    bigUnit2 = (await createUnit(ds, big.prison.id)).id;
    const work = await createRateActivity(ds, big.prison.id, ActivityKind.WORK);
    const school = await createRateActivity(ds, small.prison.id, ActivityKind.EDUCATION);
    for (let i = 0; i < 4; i++) {
      const p = await createHeldPrisoner(ds, { prisonId: big.prison.id, unitId: i < 2 ? big.unit.id : bigUnit2, fromDate: '2026-01-05' });
      if (i === 3) sickId = p.id;
      for (const d of WEEK) await attend(ds, p.id, work, d, DayPeriod.AM, i === 3 && d <= '2026-11-17' ? AbsenceReason.SICK : null);
    }
    const lone = await createHeldPrisoner(ds, { prisonId: small.prison.id, unitId: small.unit.id, fromDate: '2026-01-05' });
    loneId = lone.id;
    await attend(ds, lone.id, school, WEEK[0], DayPeriod.PM);
    // Through the endpoint: the national rebuild of the month.
    const res = await admin.post('/activity-rate/rebuild').send({ from: '2026-11-01', to: '2026-11-22' }).expect(200);
    expect(res.body).toMatchObject({ from: '2026-11-01', to: '2026-11-22', deleted: 0 });
  });
  afterAll(() => t.close());

  const get = (user: SignedIn, query: string) => user.get(`/activity-rate?${query}`);

  describe('figures', () => {
    it('national = sum over sum (19/25 = 76 %), not the mean of the prisons’ percentages (55 %)', async () => {
      const res = await get(admin, `scope=national&${RANGE}`).expect(200);
      expect(res.body).toMatchObject({ scope: 'national', id: null, from: '2026-11-16', to: '2026-11-22', groupBy: null, groups: [] });
      expect(res.body.total).toMatchObject({
        prisonerDays: 25,
        plannedActiveDays: 21,
        realisedActiveDays: 19,
        plannedRate: 21 / 25,
        realisedRate: 19 / 25,
        target: 0.9,
        nonActiveByReason: { NO_OFFER: 4, SESSION_CANCELLED: 0, ABSENT: 2, NOT_RECORDED: 0, EXCLUDED: 0 },
      });
      expect(res.body.total.gapToTarget).toBeCloseTo(0.9 - 0.76, 10);
      // ⌈0.9 · 25⌉ = 23 days needed: 4 more realised, 2 more planned; 76 % is more than 5 points short.
      expect(res.body.total).toMatchObject({ gapDays: 4, plannedGapDays: 2, band: 'FAR' });
      expect(res.body.total.realisedRate).not.toBeCloseTo((0.9 + 0.2) / 2, 2);
    });

    it('groupBy=prison and region: each group its own figures; the parts add up to the whole', async () => {
      const byPrison = (await get(admin, `groupBy=prison&${RANGE}`).expect(200)).body;
      expect(
        byPrison.groups.map((g: Record<string, unknown>) => [
          g.label,
          g.prisonerDays,
          g.realisedActiveDays,
          g.realisedRate,
          g.nonActiveByReason,
        ]),
      ).toEqual([
        ['Lite fengsel', 5, 1, 0.2, { NO_OFFER: 4, SESSION_CANCELLED: 0, ABSENT: 0, NOT_RECORDED: 0, EXCLUDED: 0 }],
        ['Stor fengsel', 20, 18, 0.9, { NO_OFFER: 0, SESSION_CANCELLED: 0, ABSENT: 2, NOT_RECORDED: 0, EXCLUDED: 0 }],
      ]);
      expect(byPrison.groups.map((g: { key: string }) => g.key)).toEqual([small.prison.id, big.prison.id]);
      // Colour by distance to the target: 90 % is at the target, 20 % far from it (⌈4.5⌉ − 1 = 4 days short).
      expect(byPrison.groups.map((g: Record<string, unknown>) => [g.band, g.gapDays])).toEqual([
        ['FAR', 4],
        ['AT_TARGET', 0],
      ]);
      expect(byPrison.total).toMatchObject({ prisonerDays: 25, realisedActiveDays: 19 });
      const byRegion = (await get(admin, `groupBy=region&${RANGE}`).expect(200)).body;
      expect(byRegion.groups.map((g: { key: string; prisonerDays: number }) => [g.key, g.prisonerDays]).sort()).toEqual(
        [
          [big.prison.regionId, 20],
          [small.prison.regionId, 5],
        ].sort(),
      );
    });

    it('groupBy=day, week and month', async () => {
      const byDay = (await get(admin, `groupBy=day&${RANGE}`).expect(200)).body;
      expect(byDay.groups.map((g: Record<string, unknown>) => [g.key, g.prisonerDays, g.plannedActiveDays, g.realisedActiveDays])).toEqual([
        ['2026-11-16', 5, 5, 4],
        ['2026-11-17', 5, 4, 3],
        ['2026-11-18', 5, 4, 4],
        ['2026-11-19', 5, 4, 4],
        ['2026-11-20', 5, 4, 4],
      ]);
      // Sunday 1 November (week 44) is no counted day: the first group is week 45.
      const byWeek = (await get(admin, `groupBy=week&from=2026-11-01&to=2026-11-22`).expect(200)).body;
      expect(byWeek.groups.map((g: Record<string, unknown>) => [g.key, g.prisonerDays])).toEqual([
        ['2026-W45', 25],
        ['2026-W46', 25],
        ['2026-W47', 25],
      ]);
      const byMonth = (await get(admin, `groupBy=month&from=2026-10-01&to=2026-11-22`).expect(200)).body;
      expect(byMonth.groups.map((g: Record<string, unknown>) => [g.key, g.prisonerDays])).toEqual([['2026-11', 15 * 5]]);
    });

    it('groupBy=kind: each day under the kind of its (first attended, else first scheduled) activity; NONE without a session', async () => {
      const res = (await get(admin, `groupBy=kind&${RANGE}`).expect(200)).body;
      expect(res.groups.map((g: Record<string, unknown>) => [g.key, g.prisonerDays, g.plannedActiveDays, g.realisedActiveDays])).toEqual([
        ['EDUCATION', 1, 1, 1],
        ['NONE', 4, 0, 0],
        ['WORK', 20, 20, 18],
      ]);
      expect(res.total).toMatchObject({ prisonerDays: 25, realisedActiveDays: 19 });
    });

    it('scope=region, prison and unit', async () => {
      expect((await get(admin, `scope=region&id=${small.prison.regionId}&${RANGE}`).expect(200)).body.total).toMatchObject({
        prisonerDays: 5,
        realisedActiveDays: 1,
      });
      const prison = (await get(admin, `scope=prison&id=${big.prison.id}&groupBy=unit&${RANGE}`).expect(200)).body;
      expect(prison).toMatchObject({
        scope: 'prison',
        id: big.prison.id,
        name: 'Stor fengsel',
        total: { prisonerDays: 20, realisedActiveDays: 18 },
      });
      expect(prison.groups.map((g: Record<string, unknown>) => [g.key, g.prisonerDays, g.realisedActiveDays]).sort()).toEqual(
        [
          [big.unit.id, 10, 10],
          [bigUnit2, 10, 8],
        ].sort(),
      );
      expect((await get(admin, `scope=unit&id=${bigUnit2}&${RANGE}`).expect(200)).body.total).toMatchObject({
        prisonerDays: 10,
        realisedActiveDays: 8,
        nonActiveByReason: { ABSENT: 2 },
      });
    });

    it('no prisoner-days: rates are null, not 0 or NaN', async () => {
      const res = (await get(admin, `from=2025-01-01&to=2025-01-31`).expect(200)).body;
      expect(res.total).toMatchObject({
        prisonerDays: 0,
        plannedRate: null,
        realisedRate: null,
        gapToTarget: null,
        gapDays: 0,
        band: null,
      });
    });
  });

  describe('who sees what', () => {
    it('an officer sees their own prison (the default scope), not another prison (404), nor regions or the nation (403)', async () => {
      const officer = await signIn(t, [Role.OFFICER], [big.prison.id]);
      expect((await get(officer, RANGE).expect(200)).body).toMatchObject({
        scope: 'prison',
        id: big.prison.id,
        total: { prisonerDays: 20 },
      });
      expect((await get(officer, `scope=unit&id=${big.unit.id}&${RANGE}`).expect(200)).body.total.prisonerDays).toBe(10);
      await get(officer, `scope=prison&id=${small.prison.id}&${RANGE}`).expect(404);
      await get(officer, `scope=unit&id=${small.unit.id}&${RANGE}`).expect(404);
      await get(officer, `scope=national&${RANGE}`).expect(403);
      await get(officer, `scope=region&id=${big.prison.regionId}&${RANGE}`).expect(403);
    });

    it('a manager sees aggregated figures of any scope, but the drill-down to prisoners only in their prison', async () => {
      const manager = await signIn(t, [Role.MANAGER], [big.prison.id]);
      expect((await get(manager, RANGE).expect(200)).body.total.prisonerDays).toBe(25);
      expect((await get(manager, `scope=prison&id=${small.prison.id}&${RANGE}`).expect(200)).body.total.prisonerDays).toBe(5);
      await manager.get(`/prisons/${small.prison.id}/activity-rate/least-active?${RANGE}`).expect(404);
      await manager.get(`/prisoners/${loneId}/days?${RANGE}`).expect(404);
    });

    it('teachers get 403', async () => {
      const teacher = await signIn(t, [Role.TEACHER], [big.prison.id]);
      await get(teacher, RANGE).expect(403);
    });

    it('unknown ids answer 404', async () => {
      await get(admin, `scope=prison&id=00000000-0000-4000-8000-000000000000&${RANGE}`).expect(404);
      await get(admin, `scope=region&id=00000000-0000-4000-8000-000000000000&${RANGE}`).expect(404);
      await get(admin, `scope=unit&id=00000000-0000-4000-8000-000000000000&${RANGE}`).expect(404);
    });
  });

  describe('validation', () => {
    it.each([
      ['from after to', 'from=2026-11-20&to=2026-11-16'],
      ['more than five years', 'from=2021-11-21&to=2026-11-22'],
      ['not a date', 'from=2026-13-01&to=2026-11-22'],
      ['scope without id', 'scope=region'],
      ['id with national', 'scope=national&id=00000000-0000-4000-8000-000000000000'],
      ['unknown groupBy', 'groupBy=year'],
      ['unknown scope', 'scope=county'],
    ])('%s → 400', async (_name, query) => {
      await get(admin, query).expect(400);
    });

    it('five years exactly is accepted', async () => {
      await get(admin, 'from=2021-11-22&to=2026-11-22').expect(200);
    });

    it('rebuild: bad range → 400, unknown prison → 404', async () => {
      await admin.post('/activity-rate/rebuild').send({ from: '2026-11-20', to: '2026-11-01' }).expect(400);
      await admin.post('/activity-rate/rebuild').send({ from: '2026-11-01' }).expect(400);
      await admin
        .post('/activity-rate/rebuild')
        .send({ from: '2026-11-01', to: '2026-11-20', prisonId: '00000000-0000-4000-8000-000000000000' })
        .expect(404);
    });
  });

  describe('manager drill-down', () => {
    it('least active prisoners of my prison: lowest realised rate first, with their reasons; the read is audited', async () => {
      const manager = await signIn(t, [Role.MANAGER], [big.prison.id]);
      const res = await manager.get(`/prisons/${big.prison.id}/activity-rate/least-active?${RANGE}&limit=2`).expect(200);
      expect(res.body.prisoners).toHaveLength(2);
      expect(res.body.prisoners[0]).toMatchObject({
        prisonerId: sickId,
        unitId: bigUnit2,
        prisonerDays: 5,
        plannedActiveDays: 5,
        realisedActiveDays: 3,
        realisedRate: 0.6,
        nonActiveByReason: { ABSENT: 2, NO_OFFER: 0 },
      });
      expect(res.body.prisoners[1]).toMatchObject({ realisedRate: 1 });
      const audit = await ds.query(`SELECT action, subject_id, status_code FROM audit_event WHERE user_id = $1`, [manager.userId]);
      expect(audit).toEqual([{ action: 'activity-rate.least-active.read', subject_id: big.prison.id, status_code: 200 }]);
    });

    it("a prisoner's days one by one, with the reason of each lost day", async () => {
      const manager = await signIn(t, [Role.MANAGER], [big.prison.id]);
      const res = await manager.get(`/prisoners/${sickId}/days?${RANGE}`).expect(200);
      expect(
        res.body.days.map((d: Record<string, unknown>) => [d.date, d.realisedActive, d.reason, d.absenceReason, d.activityKind]),
      ).toEqual([
        ['2026-11-16', false, 'ABSENT', 'SICK', 'WORK'],
        ['2026-11-17', false, 'ABSENT', 'SICK', 'WORK'],
        ['2026-11-18', true, null, null, 'WORK'],
        ['2026-11-19', true, null, null, 'WORK'],
        ['2026-11-20', true, null, null, 'WORK'],
      ]);
      expect(res.body.total).toMatchObject({ prisonerDays: 5, realisedActiveDays: 3, nonActiveByReason: { ABSENT: 2 } });
    });
  });

  describe('a transferred prisoner, seen from each prison', () => {
    it('each prison counts its own days and its manager sees only those; a cancelled day shows its reason', async () => {
      const a = await createPrisonWithUnit(ds);
      const b = await createPrisonWithUnit(ds);
      const p = await createPrisoner(ds);
      await createCustody(ds, {
        prisonerId: p.id,
        prisonId: a.prison.id,
        unitId: a.unit.id,
        fromDate: '2026-01-05',
        toDate: '2026-11-18',
        endReason: CustodyEndReason.TRANSFERRED,
      });
      await createCustody(ds, { prisonerId: p.id, prisonId: b.prison.id, unitId: b.unit.id, fromDate: '2026-11-18' });
      const workA = await createRateActivity(ds, a.prison.id);
      await cancelSession(ds, await book(ds, p.id, workA, '2026-11-16'), CancellationReason.STAFF_UNAVAILABLE);
      await admin.post('/activity-rate/rebuild').send({ from: '2026-11-16', to: '2026-11-20', prisonId: b.prison.id }).expect(200);

      expect((await get(admin, `scope=prison&id=${a.prison.id}&${RANGE}`).expect(200)).body.total).toMatchObject({
        prisonerDays: 2,
        nonActiveByReason: { SESSION_CANCELLED: 1, NO_OFFER: 1 },
      });
      expect((await get(admin, `scope=prison&id=${b.prison.id}&${RANGE}`).expect(200)).body.total).toMatchObject({
        prisonerDays: 3,
        nonActiveByReason: { NO_OFFER: 3 },
      });
      const managerB = await signIn(t, [Role.MANAGER], [b.prison.id]);
      const days = (await managerB.get(`/prisoners/${p.id}/days?${RANGE}`).expect(200)).body.days;
      expect(days.map((d: { date: string }) => d.date)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
      const managerA = await signIn(t, [Role.MANAGER], [a.prison.id]);
      const daysA = (await managerA.get(`/prisoners/${p.id}/days?${RANGE}`).expect(200)).body.days;
      expect(daysA.map((d: Record<string, unknown>) => [d.date, d.reason, d.cancellationReason])).toEqual([
        ['2026-11-16', 'SESSION_CANCELLED', 'STAFF_UNAVAILABLE'],
        ['2026-11-17', 'NO_OFFER', null],
      ]);
    });
  });
});
