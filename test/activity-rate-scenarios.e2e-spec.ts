import { DataSource } from 'typeorm';
import { ActivityKind, DayPeriod } from '../src/activities/activity.enums';
import { PrisonerDaysService } from '../src/activity-rate/prisoner-days.service';
import { AbsenceReason } from '../src/attendance/attendance.enums';
import { UnavailabilityKind } from '../src/availability/availability.enums';
import { CustodyEndReason } from '../src/prisoners/prisoner.enums';
import { CancellationReason } from '../src/sessions/session.enums';
import { createActivity } from './factories/activity.factory';
import { insertSessions } from './factories/allocation.factory';
import { createUnavailability } from './factories/availability.factory';
import { createPrison, createPrisonWithUnit, createRegion, createUnit } from './factories/organisation.factory';
import { allocateWithBookings } from './factories/planning.factory';
import { createCustody, createHeldPrisoner, createPrisoner } from './factories/prisoner.factory';
import { attend, book, cancelSession, createRateActivity, excludeFromCompany, recordAttendance } from './factories/rate.factory';
import { createStaffMember } from './factories/staff.factory';
import { signInAdmin, SignedIn } from './support/auth';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// An outside reviewer's hand-computed scenarios for the activity rate (DOMAIN.md, "The activity measure")
// and the path to the target. Every expected figure is a literal worked out by hand from the definition,
// with the arithmetic in a comment; none is computed by the code under test.

const { AM, PM } = DayPeriod;
// Week of Monday 16 November 2026 (ISO 2026-W47): five counted days, no holiday.
const MON = '2026-11-16';
const TUE = '2026-11-17';
const WED = '2026-11-18';
const THU = '2026-11-19';
const FRI = '2026-11-20';
const W47 = `from=${MON}&to=2026-11-22`;

type Figures = {
  key?: string;
  prisonerDays: number;
  plannedActiveDays: number;
  realisedActiveDays: number;
  realisedRate: number | null;
  gapDays: number;
  band: string | null;
  nonActiveByReason: Record<string, number>;
};

// One app for the file (a boot costs more than every scenario together); each scenario pins the clock.
let t: TestApp;
let ds: DataSource;
beforeAll(async () => {
  t = await createTestApp();
  ds = t.dataSource;
});
afterAll(() => t.close());

describe('activity rate: hand-computed scenarios', () => {
  let days: PrisonerDaysService;
  let admin: SignedIn;

  // Each scenario has prisons (and regions) of its own and reads only their figures, so the database is
  // emptied once; the one scenario that reads the nation empties it again itself.
  beforeAll(async () => {
    days = t.app.get(PrisonerDaysService);
    await resetDatabase(ds);
    admin = await signInAdmin(t);
  });
  beforeEach(() => {
    // Most scenarios are in the past of Tuesday 1 June 2027, so every day up to 31 May 2027 is a finished day.
    t.clock.set('2027-06-01T10:00:00');
  });

  const rate = async (query: string): Promise<{ total: Figures; groups: Figures[]; from: string; to: string }> =>
    (await admin.get(`/activity-rate?${query}`).expect(200)).body;
  const rebuild = (from: string, to: string) => days.rebuild({ from, to });
  const byKey = (groups: Figures[]) => groups.map((g) => [g.key, g.prisonerDays]);

  describe('counted days: weekends and Norwegian public holidays', () => {
    it('Christmas 2026, ISO week 53 and New Year: 24 and 31 December count, 25 December and 1 January do not', async () => {
      const { prison, unit } = await createPrisonWithUnit(ds);
      const work = await createRateActivity(ds, prison.id);
      // Arrives Monday 21 December 2026, released Friday 8 January 2027 (the release day is not held).
      const p = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-12-21', toDate: '2027-01-08' });
      // Attended sessions on Christmas Day (Fri), Boxing Day (Sat) and New Year's Day (Fri) add nothing.
      for (const d of ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01']) await attend(ds, p.id, work, d);
      await rebuild('2026-12-01', '2027-01-31');

      const q = `scope=prison&id=${prison.id}&from=2026-12-01&to=2027-01-31`;
      // W52: Mon 21 – Thu 24 (Fri 25 is a holiday) = 4; W53: Mon 28 – Thu 31 (Fri 1 Jan) = 4; 2027-W01: Mon 4 – Thu 7 = 4.
      expect(byKey((await rate(`${q}&groupBy=week`)).groups)).toEqual([
        ['2026-W52', 4],
        ['2026-W53', 4],
        ['2027-W01', 4],
      ]);
      // December: 21, 22, 23, 24, 28, 29, 30, 31 = 8; January: 4, 5, 6, 7 = 4.
      const byMonth = await rate(`${q}&groupBy=month`);
      expect(byKey(byMonth.groups)).toEqual([
        ['2026-12', 8],
        ['2027-01', 4],
      ]);
      // Active: 24 and 31 December only (the holiday sessions are no counted days) → 2 of 12.
      expect(byMonth.total).toMatchObject({
        prisonerDays: 12,
        plannedActiveDays: 2,
        realisedActiveDays: 2,
        nonActiveByReason: { NO_OFFER: 10, SESSION_CANCELLED: 0, ABSENT: 0, NOT_RECORDED: 0, EXCLUDED: 0 },
      });
      expect(byMonth.total.realisedRate).toBeCloseTo(2 / 12, 12);
      // ⌈0.9 · 12⌉ = ⌈10.8⌉ = 11 days needed, 2 realised → 9 short.
      expect(byMonth.total.gapDays).toBe(9);
      const byDay = await rate(`${q}&groupBy=day`);
      expect(byDay.groups.map((g) => g.key)).toEqual([
        '2026-12-21',
        '2026-12-22',
        '2026-12-23',
        '2026-12-24',
        '2026-12-28',
        '2026-12-29',
        '2026-12-30',
        '2026-12-31',
        '2027-01-04',
        '2027-01-05',
        '2027-01-06',
        '2027-01-07',
      ]);
    });

    it('Easter, Ascension and Whit Monday 2027 (Whit Monday falls on 17 May: one holiday, not two)', async () => {
      const { prison, unit } = await createPrisonWithUnit(ds);
      await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2027-03-01' });
      await rebuild('2027-03-22', '2027-05-23');
      // Easter Sunday 2027 = 28 March. W12: Maundy Thursday 25 and Good Friday 26 March out → 3.
      // W13: Easter Monday 29 March out → 4. W18: 1 May is a Saturday; Ascension Thursday 6 May (Easter + 39) out → 4.
      // W20: Whit Monday (Easter + 50) = Constitution Day 17 May → 4.
      const q = `scope=prison&id=${prison.id}&from=2027-03-22&to=2027-05-23`;
      expect(byKey((await rate(`${q}&groupBy=week`)).groups)).toEqual([
        ['2027-W12', 3],
        ['2027-W13', 4],
        ['2027-W14', 5],
        ['2027-W15', 5],
        ['2027-W16', 5],
        ['2027-W17', 5],
        ['2027-W18', 4],
        ['2027-W19', 5],
        ['2027-W20', 4],
      ]);
      // March: 22, 23, 24, 30, 31 = 5; April 2027 (starts on a Thursday): 2 + 4 × 5 = 22, no holiday;
      // May 1–23: 15 weekdays − 6 May − 17 May = 13. Total 40.
      const byMonth = await rate(`${q}&groupBy=month`);
      expect(byKey(byMonth.groups)).toEqual([
        ['2027-03', 5],
        ['2027-04', 22],
        ['2027-05', 13],
      ]);
      expect(byMonth.total.prisonerDays).toBe(40);
    });

    it('1 May 2026 is a Friday: the week of 27 April has four counted days', async () => {
      const { prison, unit } = await createPrisonWithUnit(ds);
      await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-04-01' });
      await rebuild('2026-04-27', '2026-05-03');
      expect(byKey((await rate(`scope=prison&id=${prison.id}&from=2026-04-27&to=2026-05-03&groupBy=week`)).groups)).toEqual([
        ['2026-W18', 4],
      ]);
    });
  });

  describe('admission, release, re-admission and transfer', () => {
    it('arrival on a Saturday, release on Wednesday, re-admission on Friday: Mon, Tue and Fri', async () => {
      const { prison, unit } = await createPrisonWithUnit(ds);
      const p = await createPrisoner(ds);
      await createCustody(ds, { prisonerId: p.id, prisonId: prison.id, unitId: unit.id, fromDate: '2026-11-14', toDate: WED });
      await createCustody(ds, { prisonerId: p.id, prisonId: prison.id, unitId: unit.id, fromDate: FRI });
      // A session attended on Wednesday, the release day, is not a prisoner-day.
      await attend(ds, p.id, await createRateActivity(ds, prison.id), WED);
      await rebuild(MON, '2026-11-22');
      const res = (await admin.get(`/prisoners/${p.id}/days?${W47}`).expect(200)).body;
      expect(res.days.map((d: { date: string }) => d.date)).toEqual([MON, TUE, FRI]);
      expect(res.total).toMatchObject({ prisonerDays: 3, realisedActiveDays: 0, nonActiveByReason: { NO_OFFER: 3 } });
    });

    it('a transfer on Wednesday between regions: each prison and region counts its days, the nation counts each day once', async () => {
      await resetDatabase(ds); // the national figure: nothing but this scenario
      admin = await signInAdmin(t);
      const r1 = await createRegion(ds);
      const r2 = await createRegion(ds);
      const a = await createPrisonWithUnit(ds, { regionId: r1.id });
      const b = await createPrisonWithUnit(ds, { regionId: r2.id });
      const workA = await createRateActivity(ds, a.prison.id);
      const workB = await createRateActivity(ds, b.prison.id);
      const moved = await createPrisoner(ds);
      await createCustody(ds, {
        prisonerId: moved.id,
        prisonId: a.prison.id,
        unitId: a.unit.id,
        fromDate: '2026-01-05',
        toDate: WED,
        endReason: CustodyEndReason.TRANSFERRED,
      });
      await createCustody(ds, { prisonerId: moved.id, prisonId: b.prison.id, unitId: b.unit.id, fromDate: WED });
      const stay = await createHeldPrisoner(ds, { prisonId: b.prison.id, unitId: b.unit.id });
      // Moved: attends at A on Mon and Tue, and on Wednesday morning before leaving (the transfer day); at B on Thu.
      // Stay: attends at B every day.
      for (const d of [MON, TUE, WED]) await attend(ds, moved.id, workA, d);
      await attend(ds, moved.id, workB, THU);
      for (const d of [MON, TUE, WED, THU, FRI]) await attend(ds, stay.id, workB, d);
      await rebuild(MON, FRI);

      // The transfer day is B's, and active: the morning attended at A counts wherever it ran.
      const movedDays = (await admin.get(`/prisoners/${moved.id}/days?${W47}`).expect(200)).body.days;
      expect(movedDays.map((d: Record<string, unknown>) => [d.date, d.prisonId, d.realisedActive])).toEqual([
        [MON, a.prison.id, true],
        [TUE, a.prison.id, true],
        [WED, b.prison.id, true],
        [THU, b.prison.id, true],
        [FRI, b.prison.id, false],
      ]);
      // A: Mon, Tue = 2 days, 2 active. B: moved Wed–Fri (3, 2 active) + stay 5 (5 active) = 8, 7 active.
      const byPrison = await rate(`groupBy=prison&${W47}`);
      expect(byPrison.groups.map((g) => [g.key, g.prisonerDays, g.realisedActiveDays]).sort()).toEqual(
        [
          [a.prison.id, 2, 2],
          [b.prison.id, 8, 7],
        ].sort(),
      );
      const byRegion = await rate(`groupBy=region&${W47}`);
      expect(byRegion.groups.map((g) => [g.key, g.prisonerDays, g.realisedActiveDays]).sort()).toEqual(
        [
          [r1.id, 2, 2],
          [r2.id, 8, 7],
        ].sort(),
      );
      // Nation: 10 prisoner-days (5 + 5: the transfer day once), 9 active → 90 %, at the target.
      expect(byRegion.total).toMatchObject({ prisonerDays: 10, realisedActiveDays: 9, gapDays: 0, band: 'AT_TARGET' });
      expect(byRegion.total.realisedRate).toBeCloseTo(0.9, 12);
      expect((await rate(`scope=region&id=${r2.id}&${W47}`)).total).toMatchObject({
        prisonerDays: 8,
        realisedActiveDays: 7,
        nonActiveByReason: { NO_OFFER: 1 },
      });
    });
  });

  describe('half-days and one reason per day', () => {
    it('AM only, PM only, AM refused + PM attended, cancelled + absent, cancelled + unrecorded, attendance on a cancelled session', async () => {
      const { prison, unit } = await createPrisonWithUnit(ds);
      const work = await createRateActivity(ds, prison.id, ActivityKind.WORK); // mornings
      const school = await createRateActivity(ds, prison.id, ActivityKind.EDUCATION); // afternoons
      const p = [];
      for (let i = 0; i < 6; i++) p.push(await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id }));
      const workAm = await attend(ds, p[0].id, work, MON, AM); // 0: morning only → active
      await attend(ds, p[1].id, school, MON, PM); // 1: afternoon only → active
      await attend(ds, p[2].id, work, MON, AM, AbsenceReason.REFUSED); // 2: refused AM, attended PM → active
      await attend(ds, p[2].id, school, MON, PM);
      await book(ds, p[3].id, work, MON, AM); // 3: AM cancelled, PM absent sick → ABSENT (SICK), planned
      await attend(ds, p[3].id, school, MON, PM, AbsenceReason.SICK);
      await book(ds, p[4].id, work, MON, AM); // 4: AM cancelled, PM not recorded → NOT_RECORDED, planned
      await book(ds, p[4].id, school, MON, PM);
      await recordAttendance(ds, workAm, p[5].id); // 5: attendance on the AM session only, which is cancelled → SESSION_CANCELLED
      await cancelSession(ds, workAm, CancellationReason.LOCKDOWN);
      // The cancellation hits prisoner 0 too: prisoner 0 attended a session that was later cancelled → not active.
      await rebuild(MON, MON);

      const q = `scope=prison&id=${prison.id}&from=${MON}&to=${MON}`;
      // Active: 1, 2 → 2 of 6. Planned (a non-cancelled session): 1, 2, 3, 4 → 4.
      // Not active: 0 and 5 SESSION_CANCELLED (their only session was cancelled), 3 ABSENT, 4 NOT_RECORDED.
      const res = await rate(`${q}&groupBy=kind`);
      expect(res.total).toMatchObject({
        prisonerDays: 6,
        plannedActiveDays: 4,
        realisedActiveDays: 2,
        nonActiveByReason: { NO_OFFER: 0, SESSION_CANCELLED: 2, ABSENT: 1, NOT_RECORDED: 1, EXCLUDED: 0 },
      });
      // Kind: 1 and 2 attended school; 3 and 4's first non-cancelled session is school; 0 and 5 only the cancelled work.
      expect(res.groups.map((g) => [g.key, g.prisonerDays, g.plannedActiveDays, g.realisedActiveDays])).toEqual([
        ['EDUCATION', 4, 4, 2],
        ['WORK', 2, 0, 0],
      ]);
      const detail = async (id: string) => (await admin.get(`/prisoners/${id}/days?from=${MON}&to=${MON}`).expect(200)).body.days[0];
      expect(await detail(p[3].id)).toMatchObject({
        plannedActive: true,
        reason: 'ABSENT',
        absenceReason: 'SICK',
        cancellationReason: null,
      });
      expect(await detail(p[5].id)).toMatchObject({
        plannedActive: false,
        reason: 'SESSION_CANCELLED',
        cancellationReason: 'LOCKDOWN',
      });
    });

    it('every absence reason is a lost day (ABSENT) under its own reason; none leaves the denominator', async () => {
      const { prison, unit } = await createPrisonWithUnit(ds);
      const work = await createRateActivity(ds, prison.id);
      const a = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
      const b = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
      const reasons = Object.values(AbsenceReason);
      expect(reasons).toHaveLength(10);
      const week = [MON, TUE, WED, THU, FRI];
      for (let i = 0; i < 10; i++) await attend(ds, (i < 5 ? a : b).id, work, week[i % 5], AM, reasons[i]);
      await rebuild(MON, FRI);
      // 2 prisoners × 5 days = 10 prisoner-days, all planned, none active, all 10 ABSENT.
      expect((await rate(`scope=prison&id=${prison.id}&${W47}`)).total).toMatchObject({
        prisonerDays: 10,
        plannedActiveDays: 10,
        realisedActiveDays: 0,
        nonActiveByReason: { ABSENT: 10, NO_OFFER: 0, NOT_RECORDED: 0, EXCLUDED: 0, SESSION_CANCELLED: 0 },
      });
      const seen = [];
      for (const id of [a.id, b.id])
        seen.push(
          ...(await admin.get(`/prisoners/${id}/days?${W47}`).expect(200)).body.days.map((d: { absenceReason: string }) => d.absenceReason),
        );
      expect(seen).toEqual(reasons);
    });

    it('at court: unavailable with no booking is no offer; booked and marked absent (court) is absent; exclusion comes first', async () => {
      const { prison, unit } = await createPrisonWithUnit(ds);
      const work = await createRateActivity(ds, prison.id);
      const p = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
      // Mon: court, nothing booked. Tue: court, booked, absent (COURT). Wed: court, booked, not recorded.
      // Thu: excluded from company, booked and absent (SICK). Fri: excluded for the morning only, attended in the afternoon.
      for (const d of [MON, TUE, WED]) await createUnavailability(ds, p.id, { kind: UnavailabilityKind.COURT, fromDate: d });
      await attend(ds, p.id, work, TUE, AM, AbsenceReason.COURT);
      await book(ds, p.id, work, WED);
      await excludeFromCompany(ds, p.id, THU);
      await attend(ds, p.id, work, THU, AM, AbsenceReason.SICK);
      await createUnavailability(ds, p.id, { kind: UnavailabilityKind.EXCLUDED_FROM_COMPANY, fromDate: FRI, period: AM });
      await attend(ds, p.id, work, FRI, PM);
      await rebuild(MON, FRI);
      const res = (await admin.get(`/prisoners/${p.id}/days?${W47}`).expect(200)).body;
      expect(res.days.map((d: Record<string, unknown>) => [d.date, d.plannedActive, d.realisedActive, d.reason, d.absenceReason])).toEqual([
        [MON, false, false, 'NO_OFFER', null],
        [TUE, true, false, 'ABSENT', 'COURT'],
        [WED, true, false, 'NOT_RECORDED', null],
        [THU, true, false, 'EXCLUDED', null],
        [FRI, true, true, null, null],
      ]);
      // An exclusion naming the morning only still covers the date: PM refused → EXCLUDED, not ABSENT.
      const q = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
      await createUnavailability(ds, q.id, { kind: UnavailabilityKind.EXCLUDED_FROM_COMPANY, fromDate: MON, period: AM });
      await attend(ds, q.id, work, MON, PM, AbsenceReason.REFUSED);
      await rebuild(MON, MON);
      expect((await admin.get(`/prisoners/${q.id}/days?from=${MON}&to=${MON}`).expect(200)).body.days).toMatchObject([
        { plannedActive: true, realisedActive: false, reason: 'EXCLUDED', absenceReason: null },
      ]);
    });
  });

  describe('finished days only', () => {
    it('unrecorded yesterday and a week ago are both "not recorded"; today is no fact yet', async () => {
      t.clock.set('2026-11-23T10:00:00'); // Monday
      const { prison, unit } = await createPrisonWithUnit(ds);
      const work = await createRateActivity(ds, prison.id);
      const p = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
      for (const d of [MON, FRI, '2026-11-23']) await book(ds, p.id, work, d);
      // A rebuild asked up to Friday next week computes up to yesterday (Sunday 22).
      expect(await rebuild(MON, '2026-11-27')).toMatchObject({ to: '2026-11-22' });
      // Mon 16 and Fri 20 unrecorded → 2 NOT_RECORDED; Tue–Thu nothing booked → 3 NO_OFFER; today not counted.
      expect((await rate(`scope=prison&id=${prison.id}&from=${MON}&to=2026-11-27`)).total).toMatchObject({
        prisonerDays: 5,
        plannedActiveDays: 2,
        realisedActiveDays: 0,
        nonActiveByReason: { NOT_RECORDED: 2, NO_OFFER: 3 },
      });
    });

    it('the default range ends yesterday in Oslo, also just after midnight (summer and winter time)', async () => {
      t.clock.set('2026-11-23T00:30:00'); // 22 November 23:30 UTC
      expect(await rate('')).toMatchObject({ from: '2025-11-23', to: '2026-11-22' });
      t.clock.set('2027-06-01T01:30:00'); // 31 May 23:30 UTC
      expect(await rate('')).toMatchObject({ from: '2026-06-01', to: '2027-05-31' });
    });
  });

  describe('aggregation', () => {
    it('a region is the sum over its prisons (weighted by prisoner-days); a prison with no prisoner-days adds nothing', async () => {
      const region = await createRegion(ds);
      const a = await createPrisonWithUnit(ds, { regionId: region.id, name: 'A fengsel' });
      const b = await createPrisonWithUnit(ds, { regionId: region.id, name: 'B fengsel' });
      const empty = await createPrison(ds, { regionId: region.id, name: 'C fengsel' });
      await createUnit(ds, empty.id);
      const workA = await createRateActivity(ds, a.prison.id);
      const workB = await createRateActivity(ds, b.prison.id);
      // A: 3 prisoners × 5 days = 15, active 14 (one sick Monday). B: 2 × 5 = 10, active 5 (one never booked).
      for (let i = 0; i < 3; i++) {
        const p = await createHeldPrisoner(ds, { prisonId: a.prison.id, unitId: a.unit.id });
        for (const d of [MON, TUE, WED, THU, FRI]) await attend(ds, p.id, workA, d, AM, i === 0 && d === MON ? AbsenceReason.SICK : null);
      }
      const busy = await createHeldPrisoner(ds, { prisonId: b.prison.id, unitId: b.unit.id });
      await createHeldPrisoner(ds, { prisonId: b.prison.id, unitId: b.unit.id });
      for (const d of [MON, TUE, WED, THU, FRI]) await attend(ds, busy.id, workB, d);
      await rebuild(MON, FRI);

      const res = await rate(`scope=region&id=${region.id}&groupBy=prison&${W47}`);
      // Region: (14 + 5) / (15 + 10) = 19/25 = 0.76 — not the mean of 14/15 and 5/10 (0.717), nor of three prisons with C at 0.
      expect(res.total).toMatchObject({ prisonerDays: 25, realisedActiveDays: 19, nonActiveByReason: { ABSENT: 1, NO_OFFER: 5 } });
      expect(res.total.realisedRate).toBeCloseTo(0.76, 12);
      // ⌈0.9 · 25⌉ = ⌈22.5⌉ = 23 − 19 = 4 days short; 76 % is more than 5 points below → FAR.
      expect(res.total).toMatchObject({ gapDays: 4, band: 'FAR' });
      // A: 14/15 = 93.3 % ≥ 90 % → AT_TARGET, ⌈13.5⌉ = 14 − 14 = 0. B: 5/10 → FAR, 9 − 5 = 4. C has no row.
      expect(res.groups.map((g) => [g.key, g.prisonerDays, g.realisedActiveDays, g.gapDays, g.band])).toEqual([
        [a.prison.id, 15, 14, 0, 'AT_TARGET'],
        [b.prison.id, 10, 5, 4, 'FAR'],
      ]);
      expect((await rate(`scope=prison&id=${empty.id}&${W47}`)).total).toMatchObject({
        prisonerDays: 0,
        realisedRate: null,
        plannedRate: null,
        gapToTarget: null,
        gapDays: 0,
        band: null,
      });
    });

    it('bands and gaps at the edges: 85 % and 87.5 % are NEAR, 81.25 % FAR; the gap rounds the target up', async () => {
      const { prison, unit } = await createPrisonWithUnit(ds);
      const work = await createRateActivity(ds, prison.id);
      // 4 prisoners Mon–Fri; nothing booked for prisoners 0 and 1 on Monday and prisoner 2 on Tuesday (3 lost days).
      const lost = new Set(['0' + MON, '1' + MON, '2' + TUE]);
      for (let i = 0; i < 4; i++) {
        const p = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
        for (const d of [MON, TUE, WED, THU, FRI]) if (!lost.has(i + d)) await attend(ds, p.id, work, d);
      }
      await rebuild(MON, FRI);
      const total = async (from: string, to: string) => (await rate(`scope=prison&id=${prison.id}&from=${from}&to=${to}`)).total;
      // Mon–Fri: 17 of 20 = 85 %, exactly 5 points below → NEAR; ⌈0.9 · 20⌉ = 18 − 17 = 1 day short.
      expect(await total(MON, FRI)).toMatchObject({ prisonerDays: 20, realisedActiveDays: 17, gapDays: 1, band: 'NEAR' });
      // Tue–Wed: 7 of 8 = 87.5 % → NEAR; ⌈7.2⌉ = 8 − 7 = 1.
      expect(await total(TUE, WED)).toMatchObject({ prisonerDays: 8, realisedActiveDays: 7, gapDays: 1, band: 'NEAR' });
      // Mon–Thu: 13 of 16 = 81.25 % → FAR; ⌈14.4⌉ = 15 − 13 = 2.
      expect(await total(MON, THU)).toMatchObject({ prisonerDays: 16, realisedActiveDays: 13, gapDays: 2, band: 'FAR' });
      // Wed–Fri: 12 of 12 → AT_TARGET, 0 short.
      expect(await total(WED, FRI)).toMatchObject({ prisonerDays: 12, realisedActiveDays: 12, gapDays: 0, band: 'AT_TARGET' });
      // Mon–Tue: 5 of 8; planned 5 too, so the planned gap is also ⌈7.2⌉ − 5 = 3.
      expect(await total(MON, TUE)).toMatchObject({ prisonerDays: 8, realisedActiveDays: 5, gapDays: 3, plannedGapDays: 3, band: 'FAR' });
    });
  });

  describe('bad input answers 400 with a message', () => {
    it.each([
      ['from after to', `from=${FRI}&to=${MON}`, 'must not be after'],
      ['29 February in a common year', 'from=2026-02-29&to=2026-03-01', 'from'],
      ['a date with a time', `from=${MON}T00:00&to=${FRI}`, 'from'],
      ['a from after the default to (yesterday)', 'from=2027-12-01', 'must not be after'],
      ['an id that is not a uuid', `scope=prison&id=42&${W47}`, 'id'],
    ])('%s', async (_name, query, word) => {
      const res = await admin.get(`/activity-rate?${query}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(JSON.stringify([res.body.message, res.body.details])).toContain(word);
    });

    it('29 February in a leap year is a date', async () => {
      await admin.get('/activity-rate?from=2024-02-29&to=2024-03-01').expect(200);
    });
  });
});

/**
 * The path to the target of a small prison, today Monday 23 November 2026: two prisoners held all along, one
 * workshop with a single place each morning. Week 52 (21–25 December) has four counted days (Friday is
 * Christmas Day): 2 × 4 = 8 prisoner-days, ⌈0.9 · 8⌉ = ⌈7.2⌉ = 8 days for the target.
 */
describe('path to target: hand-computed small prison', () => {
  let admin: SignedIn;
  let prisonId: string;
  const W52_DAYS = ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24'];

  beforeAll(async () => {
    t.clock.set('2026-11-23T10:00:00');
    await resetDatabase(ds);
    admin = await signInAdmin(t);
    const { prison, unit } = await createPrisonWithUnit(ds, { name: 'Småfengsel' });
    prisonId = prison.id;
    const staff = await createStaffMember(ds, { prisonIds: [prison.id] });
    const am = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, period: AM, staffMemberId: staff.id }));
    const workshop = await createActivity(ds, prison.id, { name: 'Verkstedet', capacity: 1 }, am);
    const sessions = await insertSessions(ds, workshop, W52_DAYS, { periods: [AM], capacity: 1, staffMemberId: staff.id });
    const p1 = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
    const p2 = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id });
    // Booked today: p1 on Monday and Tuesday of week 52 → 2 planned days.
    await allocateWithBookings(ds, {
      prisonerId: p1.id,
      activityId: workshop.id,
      prisonId: prison.id,
      startDate: '2026-12-21',
      sessionIds: sessions.slice(0, 2).map((s) => s.id),
    });
    // History (week 47): p1 booked every day — Mon attended, Tue absent (sick), Wed absent (refused), Thu cancelled,
    // Fri not recorded: 5 booked days, 1 realised, 4 lost (2 absent, 1 cancelled, 1 not recorded).
    // p2 excluded from company all week and never booked: 5 excluded days, none of them a booked day.
    const old = await createRateActivity(ds, prison.id, ActivityKind.EDUCATION);
    await attend(ds, p1.id, old, MON);
    await attend(ds, p1.id, old, TUE, AM, AbsenceReason.SICK);
    await attend(ds, p1.id, old, WED, AM, AbsenceReason.REFUSED);
    await cancelSession(ds, await book(ds, p1.id, old, THU), CancellationReason.STAFF_UNAVAILABLE);
    await book(ds, p1.id, old, FRI);
    await excludeFromCompany(ds, p2.id, MON, FRI);
    await admin.post('/activity-rate/rebuild').send({ from: MON, to: '2026-11-22' }).expect(200);
  });

  it('coming weeks: prisoner-days per ISO week (Christmas Day and New Year’s Day out), planned days and the gap in days', async () => {
    const res = (await admin.get(`/path-to-target/coming-weeks?scope=prison&id=${prisonId}`).expect(200)).body;
    // 5 counted days → 10 prisoner-days, ⌈9⌉ = 9 needed; 4 counted days → 8, ⌈7.2⌉ = 8 needed.
    // W52: 8 − 2 planned = 6 short, rate 2/8 = 25 %.
    expect(res.weeks.map((w: Record<string, unknown>) => [w.week, w.prisonerDays, w.plannedActiveDays, w.gapDays, w.band])).toEqual([
      ['2026-W49', 10, 0, 9, 'FAR'],
      ['2026-W50', 10, 0, 9, 'FAR'],
      ['2026-W51', 10, 0, 9, 'FAR'],
      ['2026-W52', 8, 2, 6, 'FAR'],
      ['2026-W53', 8, 0, 8, 'FAR'],
      ['2027-W01', 10, 0, 9, 'FAR'],
    ]);
    expect(res.weeks[3].plannedRate).toBe(0.25);
  });

  it('week 52: current 2, planner 4, ceiling 4, target 8; the expected loss by reason counts booked days only and adds up', async () => {
    const b = (await admin.get(`/path-to-target/prisons/${prisonId}/weeks/2026-W52`).expect(200)).body;
    expect(b).toMatchObject({
      days: W52_DAYS,
      prisonerDays: 8,
      targetDays: 8,
      current: { activeDays: 2, rate: 0.25 }, // p1 Mon + Tue
      planner: { activeDays: 4, rate: 0.5 }, // 1 place × 4 mornings
      ceiling: { activeDays: 4, rate: 0.5, tight: true },
    });
    // Better planning: 4 − 2 = 2. No plan reaches: 8 − 4 = 4. Proven: 0 unproven.
    // History: 5 booked days, 1 realised → loss rate 4/5 = 0.8; expected loss = round(4 × 0.8) = round(3.2) = 3.
    // By reason, the 3 days are shared out in proportion (largest remainder): quotas absent 4 × 2/5 = 1.6, cancelled
    // 4 × 1/5 = 0.8, not recorded 0.8 → whole parts 1, 0, 0 and the 2 days left to the largest remainders (0.8, 0.8)
    // → 1, 1, 1, adding up to the 3. (Rounding each on its own gave 2 + 1 + 1 = 4 parts of a 3-day loss.)
    // p2's excluded days were never booked, so they are no loss of a booked day: 0 for exclusion.
    expect(b.split).toMatchObject({
      betterPlanningDays: 2,
      unreachableDays: 4,
      unprovenDays: 0,
      lossRate: 0.8,
      expectedLossDays: 3,
      expectedLossByReason: { ABSENT: 1, SESSION_CANCELLED: 1, NOT_RECORDED: 1, EXCLUDED: 0 },
      historyFrom: '2026-08-31', // Monday of this week − 12 weeks
      historyTo: '2026-11-22',
    });
    // What-if: the workshop cannot grow (no room size recorded), so it opens Mon–Thu afternoons, 1 place each
    // (its size): 4 places, 4 + 4 = 8 = the target, confirmed by the planner; the officer is free in the afternoons.
    expect(b.whatIf).toMatchObject({
      predictedCeiling: { activeDays: 8, rate: 1 },
      confirmed: { activeDays: 8, rate: 1 },
      reachesTarget: true,
      placesAdded: 4,
    });
    expect(b.whatIf.changes.map((c: Record<string, unknown>) => [c.kind, c.date, c.period, c.places, c.staffFree]).sort()).toEqual(
      W52_DAYS.map((d) => ['OPEN_SLOT', d, 'PM', 1, true]),
    );
  });

  it('the national offer: the prison is short by 8 − 4 = 4 days, gained with 4 afternoon work places (Mon–Thu)', async () => {
    const b = (await admin.get('/path-to-target/weeks/2026-W52/offer').expect(200)).body;
    expect(b.prisons).toHaveLength(1);
    expect(b.prisons[0]).toMatchObject({
      prisonId,
      prisonerDays: 8,
      targetDays: 8,
      ceilingDays: 4,
      predictedCeilingDays: 8,
      confirmedDays: 8,
      daysGained: 4,
      placesAdded: 4,
      reachesTarget: true,
      placesByKind: { WORK: 4, EDUCATION: 0, PROGRAMME: 0 },
    });
    // ISO weekdays 1–4 (Friday 25 December is no counted day), one afternoon place each.
    expect(b.prisons[0].places).toEqual([1, 2, 3, 4].map((weekday) => ({ kind: 'WORK', weekday, period: 'PM', places: 1 })));
    expect(b).toMatchObject({ placesAdded: 4, daysGained: 4, placesByKind: { WORK: 4 } });
  });
});
