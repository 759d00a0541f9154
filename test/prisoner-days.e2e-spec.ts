import { DataSource } from 'typeorm';
import { ActivityKind, DayPeriod } from '../src/activities/activity.enums';
import { classifyPrisonerDay } from './support/prisoner-day-oracle';
import { PrisonerDaysScope, PrisonerDaysService } from '../src/activity-rate/prisoner-days.service';
import { mulberry32 } from '../src/planning/engine/prng';
import { AbsenceReason } from '../src/attendance/attendance.enums';
import { countedDaysBetween } from '../src/calendar/domain/counted-days';
import { eachDate, parseIsoDate } from '../src/calendar/domain/oslo-time';
import { CustodyEndReason } from '../src/prisoners/prisoner.enums';
import { CancellationReason } from '../src/sessions/session.enums';
import { createPrisonWithUnit } from './factories/organisation.factory';
import { createCustody, createHeldPrisoner, createPrisoner } from './factories/prisoner.factory';
import {
  attend,
  book,
  cancelSession,
  createRateActivity,
  excludeFromCompany,
  prisonDayRateRows,
  prisonerDayRows,
  RateActivity,
  recordAttendance,
} from './factories/rate.factory';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The clock is pinned to Monday 2026-11-23 10:00 (Oslo): every day up to Sunday 2026-11-22 is a finished day.
// Week of Monday 16 November 2026: a plain week with five counted days.
const MON = '2026-11-16';
const TUE = '2026-11-17';
const WED = '2026-11-18';
const THU = '2026-11-19';
const FRI = '2026-11-20';
const { AM, PM } = DayPeriod;

describe('prisoner-days (prisoner_day, built in SQL)', () => {
  let t: TestApp;
  let ds: DataSource;
  let days: PrisonerDaysService;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    days = t.app.get(PrisonerDaysService);
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(ds));

  const refresh = (scope: PrisonerDaysScope) => days.refreshDays(scope);
  const summary = async (prisonerId: string) =>
    (await prisonerDayRows(ds, prisonerId)).map((d) =>
      [d.date, d.reason ?? 'ACTIVE', d.cancellationReason ?? d.absenceReason ?? ''].filter(Boolean).join(' '),
    );

  async function heldAt(fromDate = '2026-01-05') {
    const { prison, unit } = await createPrisonWithUnit(ds);
    const prisoner = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate });
    const work = await createRateActivity(ds, prison.id, ActivityKind.WORK);
    return { prison, unit, prisoner, work };
  }

  describe('counted days', () => {
    it('a week with Ascension Day (Thu 14 May 2026) has four prisoner-days; a session on the holiday adds none', async () => {
      const { prisoner, work } = await heldAt();
      await attend(ds, prisoner.id, work, '2026-05-11');
      await attend(ds, prisoner.id, work, '2026-05-12', AM, AbsenceReason.SICK);
      await book(ds, prisoner.id, work, '2026-05-13'); // not recorded
      await attend(ds, prisoner.id, work, '2026-05-14'); // Ascension Day: not a counted day
      await cancelSession(ds, await book(ds, prisoner.id, work, '2026-05-15'), CancellationReason.STAFF_UNAVAILABLE);

      expect(await refresh({ from: '2026-05-11', to: '2026-05-17' })).toEqual({
        from: '2026-05-11',
        to: '2026-05-17',
        written: 4,
        deleted: 0,
      });
      expect(await summary(prisoner.id)).toEqual([
        '2026-05-11 ACTIVE',
        '2026-05-12 ABSENT SICK',
        '2026-05-13 NOT_RECORDED',
        '2026-05-15 SESSION_CANCELLED STAFF_UNAVAILABLE',
      ]);
      const rows = await prisonerDayRows(ds, prisoner.id);
      expect(rows.map((r) => [r.plannedActive, r.realisedActive])).toEqual([
        [true, true],
        [true, false],
        [true, false],
        [false, false],
      ]);
    });

    it('Easter week 2026 (Maundy Thursday, Good Friday) has three; Easter Monday week four', async () => {
      const { prisoner } = await heldAt();
      await refresh({ from: '2026-03-30', to: '2026-04-12' });
      expect((await prisonerDayRows(ds, prisoner.id)).map((r) => r.date)).toEqual([
        '2026-03-30',
        '2026-03-31',
        '2026-04-01',
        '2026-04-07',
        '2026-04-08',
        '2026-04-09',
        '2026-04-10',
      ]);
    });

    it('a transfer on Wednesday: Mon–Tue count at the first prison, Wed–Fri at the second', async () => {
      const a = await createPrisonWithUnit(ds);
      const b = await createPrisonWithUnit(ds);
      const p = await createPrisoner(ds);
      await createCustody(ds, {
        prisonerId: p.id,
        prisonId: a.prison.id,
        unitId: a.unit.id,
        fromDate: '2026-01-05',
        toDate: WED,
        endReason: CustodyEndReason.TRANSFERRED,
      });
      await createCustody(ds, { prisonerId: p.id, prisonId: b.prison.id, unitId: b.unit.id, fromDate: WED });
      await refresh({ from: MON, to: FRI });
      expect(
        (await prisonerDayRows(ds, p.id)).map((r) => [r.date, r.prisonId === a.prison.id ? 'A' : 'B', r.unitId === a.unit.id ? 'a' : 'b']),
      ).toEqual([
        [MON, 'A', 'a'],
        [TUE, 'A', 'a'],
        [WED, 'B', 'b'],
        [THU, 'B', 'b'],
        [FRI, 'B', 'b'],
      ]);
      expect(
        (await prisonDayRateRows(ds)).map((r) => [r.prison_id === a.prison.id ? 'A' : 'B', r.date, r.prisoner_days, r.no_offer]),
      ).toEqual(
        expect.arrayContaining([
          ['A', MON, 1, 1],
          ['A', TUE, 1, 1],
          ['B', WED, 1, 1],
          ['B', THU, 1, 1],
          ['B', FRI, 1, 1],
        ]),
      );
      expect(await prisonDayRateRows(ds)).toHaveLength(5);
    });

    it('arrival on Thursday: Thursday and Friday', async () => {
      const { prisoner } = await heldAt(THU);
      await refresh({ from: MON, to: '2026-11-22' });
      expect((await prisonerDayRows(ds, prisoner.id)).map((r) => r.date)).toEqual([THU, FRI]);
    });

    it('release on Tuesday: Monday only (the release day is not held)', async () => {
      const { prison, unit } = await createPrisonWithUnit(ds);
      const p = await createPrisoner(ds);
      await createCustody(ds, { prisonerId: p.id, prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-05', toDate: TUE });
      await refresh({ from: MON, to: FRI });
      expect((await prisonerDayRows(ds, p.id)).map((r) => r.date)).toEqual([MON]);
    });

    it('days from today on are not facts yet: the range is capped at yesterday', async () => {
      const { prisoner } = await heldAt();
      expect(await refresh({ from: '2026-11-20', to: '2026-11-27' })).toMatchObject({ from: '2026-11-20', to: '2026-11-22', written: 1 });
      expect(await refresh({ from: '2026-11-23', to: '2026-11-27' })).toEqual({ from: null, to: null, written: 0, deleted: 0 });
      expect((await prisonerDayRows(ds, prisoner.id)).map((r) => r.date)).toEqual(['2026-11-20']);
    });
  });

  describe('one status per day', () => {
    it('a split working day (AM work + PM school, both attended) counts once, as work', async () => {
      const { prison, prisoner, work } = await heldAt();
      const school = await createRateActivity(ds, prison.id, ActivityKind.EDUCATION);
      await attend(ds, prisoner.id, work, MON, AM);
      await attend(ds, prisoner.id, school, MON, PM);
      await refresh({ from: MON, to: MON });
      expect(await prisonerDayRows(ds, prisoner.id)).toEqual([
        expect.objectContaining({ date: MON, plannedActive: true, realisedActive: true, reason: null, activityKind: 'WORK' }),
      ]);
      expect(await prisonDayRateRows(ds)).toEqual([
        expect.objectContaining({ prisoner_days: 1, planned_active_days: 1, realised_active_days: 1 }),
      ]);
    });

    it('a morning attended and an afternoon refused is an active day', async () => {
      const { prisoner, work } = await heldAt();
      await attend(ds, prisoner.id, work, MON, AM);
      await attend(ds, prisoner.id, work, MON, PM, AbsenceReason.REFUSED);
      await refresh({ from: MON, to: MON });
      expect(await summary(prisoner.id)).toEqual([`${MON} ACTIVE`]);
    });

    it('a cancelled session gives "session cancelled" with its reason, and is not planned', async () => {
      const { prisoner, work } = await heldAt();
      await cancelSession(ds, await book(ds, prisoner.id, work, MON, AM), CancellationReason.LOCKDOWN);
      await cancelSession(ds, await book(ds, prisoner.id, work, MON, PM), CancellationReason.STAFF_UNAVAILABLE);
      await refresh({ from: MON, to: MON });
      expect(await prisonerDayRows(ds, prisoner.id)).toEqual([
        expect.objectContaining({
          plannedActive: false,
          realisedActive: false,
          reason: 'SESSION_CANCELLED',
          cancellationReason: 'LOCKDOWN',
          absenceReason: null,
        }),
      ]);
    });

    it('an unrecorded session gives "not recorded", never attended or absent', async () => {
      const { prisoner, work } = await heldAt();
      await attend(ds, prisoner.id, work, MON, AM, AbsenceReason.COURT);
      await book(ds, prisoner.id, work, MON, PM);
      await refresh({ from: MON, to: MON });
      expect(await prisonerDayRows(ds, prisoner.id)).toEqual([
        expect.objectContaining({ plannedActive: true, realisedActive: false, reason: 'NOT_RECORDED', absenceReason: null }),
      ]);
    });

    it('absent both halves: the reason of the morning', async () => {
      const { prisoner, work } = await heldAt();
      await attend(ds, prisoner.id, work, MON, PM, AbsenceReason.VISIT);
      await attend(ds, prisoner.id, work, MON, AM, AbsenceReason.HEALTH_APPOINTMENT);
      await refresh({ from: MON, to: MON });
      expect(await summary(prisoner.id)).toEqual([`${MON} ABSENT HEALTH_APPOINTMENT`]);
    });

    it('excluded from company by decision: EXCLUDED, unless a session was attended', async () => {
      const { prisoner, work } = await heldAt();
      await excludeFromCompany(ds, prisoner.id, MON, TUE);
      await book(ds, prisoner.id, work, MON);
      await attend(ds, prisoner.id, work, TUE);
      await refresh({ from: MON, to: WED });
      expect(await summary(prisoner.id)).toEqual([`${MON} EXCLUDED`, `${TUE} ACTIVE`, `${WED} NO_OFFER`]);
    });

    it('no booking at all: no offer', async () => {
      const { prisoner } = await heldAt();
      await refresh({ from: MON, to: FRI });
      expect(await summary(prisoner.id)).toEqual([MON, TUE, WED, THU, FRI].map((d) => `${d} NO_OFFER`));
    });
  });

  describe('refreshing', () => {
    async function scenario() {
      const { prison, unit, prisoner, work } = await heldAt();
      const other = await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id, fromDate: '2026-01-05' });
      const sessions = [];
      for (const d of [MON, TUE, WED, THU, FRI]) {
        sessions.push(await attend(ds, prisoner.id, work, d, AM, d === WED ? AbsenceReason.SICK : null));
        await book(ds, other.id, work, d, PM);
      }
      return { prison, unit, prisoner, other, work, sessions };
    }

    it('re-running the nightly job and a rebuild changes nothing (table contents compared, computed_at included)', async () => {
      await scenario();
      t.clock.set('2026-11-21T01:30:00'); // the job on Saturday night computes Friday
      expect(await days.refreshYesterday()).toMatchObject({ from: FRI, to: FRI, written: 2 });
      await days.rebuild({ from: MON, to: FRI });
      const before = [await prisonerDayRows(ds), await prisonDayRateRows(ds)];
      expect(before[0]).toHaveLength(10);
      expect(await days.refreshYesterday()).toMatchObject({ written: 0, deleted: 0 });
      expect(await days.rebuild({ from: MON, to: FRI })).toEqual({ from: MON, to: FRI, written: 0, deleted: 0 });
      expect([await prisonerDayRows(ds), await prisonDayRateRows(ds)]).toEqual(before);
      t.clock.set('2026-11-23T10:00:00');
    });

    it('a corrected attendance record is picked up by a refresh of that prisoner, rollup included', async () => {
      const { prisoner, sessions } = await scenario();
      await refresh({ from: MON, to: FRI });
      expect((await prisonDayRateRows(ds)).find((r) => r.date === WED)).toMatchObject({
        prisoner_days: 2,
        realised_active_days: 0,
        absent: 1,
        not_recorded: 1,
      });
      await recordAttendance(ds, sessions[2], prisoner.id, null);
      expect(await refresh({ prisonerIds: [prisoner.id], from: WED, to: WED })).toMatchObject({ written: 1, deleted: 0 });
      expect((await prisonDayRateRows(ds)).find((r) => r.date === WED)).toMatchObject({
        prisoner_days: 2,
        realised_active_days: 1,
        absent: 0,
        not_recorded: 1,
      });
    });

    it('a backdated release removes the days after it (refresh by prison), and the rollup follows', async () => {
      const { prison, prisoner } = await scenario();
      await refresh({ from: MON, to: FRI });
      await ds.query(`UPDATE custody_period SET to_date = $2, end_reason = 'RELEASED' WHERE prisoner_id = $1`, [prisoner.id, THU]);
      expect(await refresh({ prisonIds: [prison.id], from: MON, to: FRI })).toMatchObject({ deleted: 2 });
      expect((await prisonerDayRows(ds, prisoner.id)).map((r) => r.date)).toEqual([MON, TUE, WED]);
      expect((await prisonDayRateRows(ds)).map((r) => [r.date, r.prisoner_days])).toEqual([
        [MON, 2],
        [TUE, 2],
        [WED, 2],
        [THU, 1],
        [FRI, 1],
      ]);
    });

    it('a custody correction that moves days to another prison moves them in the rollup too', async () => {
      const { prisoner } = await scenario();
      const b = await createPrisonWithUnit(ds);
      await refresh({ from: MON, to: FRI });
      await ds.query(`UPDATE custody_period SET to_date = $2, end_reason = 'TRANSFERRED' WHERE prisoner_id = $1`, [prisoner.id, THU]);
      await createCustody(ds, { prisonerId: prisoner.id, prisonId: b.prison.id, unitId: b.unit.id, fromDate: THU });
      await refresh({ prisonerIds: [prisoner.id], from: MON, to: FRI });
      const rollup = await prisonDayRateRows(ds);
      expect(rollup.filter((r) => r.prison_id === b.prison.id).map((r) => [r.date, r.prisoner_days])).toEqual([
        [THU, 1],
        [FRI, 1],
      ]);
      expect(rollup.filter((r) => r.prison_id !== b.prison.id).map((r) => [r.date, r.prisoner_days])).toEqual([
        [MON, 2],
        [TUE, 2],
        [WED, 2],
        [THU, 1],
        [FRI, 1],
      ]);
    });
  });

  describe('property: random histories agree with the reference classification', () => {
    it.each([7, 2026])('seed %i: each held counted day has exactly one row, one status, and the rollup adds up', async (seed) => {
      const rnd = mulberry32(seed); // seeded: the same histories on every run
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
      // Two weeks around Ascension Day and Whit Monday 2026 (14 and 25 May).
      const dates = eachDate('2026-05-11', '2026-05-26').filter((d) => parseIsoDate(d).weekday <= 5); // holidays included: sessions there count for nothing
      const a = await createPrisonWithUnit(ds);
      const b = await createPrisonWithUnit(ds);
      const acts: Record<string, RateActivity[]> = {
        [a.prison.id]: [
          await createRateActivity(ds, a.prison.id, ActivityKind.WORK),
          await createRateActivity(ds, a.prison.id, ActivityKind.EDUCATION),
        ],
        [b.prison.id]: [await createRateActivity(ds, b.prison.id, ActivityKind.PROGRAMME)],
      };
      const histories = new Map<string, { move: string | null; release: boolean }>();
      for (let i = 0; i < 8; i++) {
        const p = await createPrisoner(ds);
        // Held at A from before the range; some transfer to B mid-range, some are released.
        const move = pick([null, '2026-05-13', '2026-05-19']);
        const release = rnd() < 0.3;
        await createCustody(ds, {
          prisonerId: p.id,
          prisonId: a.prison.id,
          unitId: a.unit.id,
          fromDate: '2026-05-01',
          toDate: move,
          endReason: move ? (release ? CustodyEndReason.RELEASED : CustodyEndReason.TRANSFERRED) : null,
        });
        if (move && !release) await createCustody(ds, { prisonerId: p.id, prisonId: b.prison.id, unitId: b.unit.id, fromDate: move });
        for (const d of dates) {
          const prisonId = move === null || d < move ? a.prison.id : release ? null : b.prison.id;
          if (rnd() < 0.1) await excludeFromCompany(ds, p.id, d);
          if (prisonId === null) continue;
          for (const period of [AM, PM]) {
            if (rnd() < 0.3) continue; // nothing booked that half-day
            const sessionId = await book(ds, p.id, pick(acts[prisonId]), d, period);
            const roll = rnd();
            if (roll < 0.15) await cancelSession(ds, sessionId, pick(Object.values(CancellationReason)));
            if (roll < 0.45) await recordAttendance(ds, sessionId, p.id, null);
            else if (roll < 0.8) await recordAttendance(ds, sessionId, p.id, pick(Object.values(AbsenceReason)));
          }
        }
        histories.set(p.id, { move, release });
      }
      await refresh({ from: '2026-05-11', to: '2026-05-26' });

      // Rows: exactly the counted days held, at the right prison.
      const rows = await prisonerDayRows(ds);
      const counted = countedDaysBetween('2026-05-11', '2026-05-26');
      expect(counted).toHaveLength(10); // 12 weekdays less Ascension Day and Whit Monday
      for (const [prisonerId, { move, release }] of histories) {
        const mine = rows.filter((r) => r.prisonerId === prisonerId);
        expect(mine.map((r) => r.date)).toEqual(counted.filter((d) => move === null || d < move || !release));
        expect(mine.map((r) => r.prisonId)).toEqual(mine.map((r) => (move === null || r.date < move ? a.prison.id : b.prison.id)));
      }
      // The history is varied enough to exercise the rules.
      expect([...new Set(rows.map((r) => r.reason))]).toEqual(
        expect.arrayContaining([null, 'ABSENT', 'NOT_RECORDED', 'NO_OFFER', 'SESSION_CANCELLED', 'EXCLUDED']),
      );
      // Each row: exactly one status, and its detail only with that status.
      const bad = rows.filter(
        (r) =>
          (r.reason === null) !== r.realisedActive ||
          (r.realisedActive && !r.plannedActive) ||
          (r.cancellationReason !== null) !== (r.reason === 'SESSION_CANCELLED') ||
          (r.absenceReason !== null) !== (r.reason === 'ABSENT'),
      );
      expect(bad).toEqual([]);

      // The SQL agrees with the pure reference classification, day by day.
      const sessionsByDay = await ds.query<
        Array<{
          prisoner_id: string;
          date: string;
          start_time: string;
          cancelled: boolean;
          cancellation_reason: CancellationReason | null;
          outcome: string | null;
          absence_reason: AbsenceReason | null;
        }>
      >(
        `SELECT b.prisoner_id, b.date::text AS date, s.start_time::text AS start_time, s.cancelled_at IS NOT NULL AS cancelled, s.cancellation_reason, a.outcome, a.absence_reason
           FROM booking b JOIN "session" s ON s.id = b.session_id LEFT JOIN attendance a ON a.session_id = b.session_id AND a.prisoner_id = b.prisoner_id`,
      );
      const excluded = new Set(
        (await ds.query<Array<{ k: string }>>(`SELECT prisoner_id || from_date::text AS k FROM unavailability`)).map((r) => r.k),
      );
      for (const r of rows) {
        const sessions = sessionsByDay
          .filter((s) => s.prisoner_id === r.prisonerId && s.date === r.date)
          .map((s) => ({
            startTime: s.start_time.slice(0, 5),
            cancelled: s.cancelled,
            cancellationReason: s.cancellation_reason,
            attendance: (s.outcome ?? 'NOT_RECORDED') as 'ATTENDED' | 'ABSENT' | 'NOT_RECORDED',
            absenceReason: s.absence_reason,
          }));
        const ref = classifyPrisonerDay({ sessions, excluded: excluded.has(r.prisonerId + r.date), allocated: sessions.length > 0 });
        expect({
          date: r.date,
          planned: r.plannedActive,
          realised: r.realisedActive,
          reason: r.reason,
          c: r.cancellationReason,
          a: r.absenceReason,
        }).toEqual({
          date: r.date,
          planned: ref.plannedActive,
          realised: ref.realisedActive,
          reason: ref.reason?.code ?? null,
          c: ref.reason?.code === 'SESSION_CANCELLED' ? ref.reason.cancellationReason : null,
          a: ref.reason?.code === 'ABSENT' ? ref.reason.absenceReason : null,
        });
      }

      // The rollup holds the same figures, and its parts add up (also a check constraint).
      const [sums] = await ds.query<Array<Record<string, string>>>(
        `SELECT sum(prisoner_days) AS pd, sum(realised_active_days) AS ra, sum(no_offer + session_cancelled + absent + not_recorded + excluded) AS lost FROM prison_day_rate`,
      );
      expect(Number(sums.pd)).toBe(rows.length);
      expect(Number(sums.ra)).toBe(rows.filter((r) => r.realisedActive).length);
      expect(Number(sums.lost)).toBe(rows.length - Number(sums.ra));
    });
  });
});
