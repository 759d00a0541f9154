import { DEFAULT_COUNTED_DAY_RULE, isCountedDay } from '../../calendar/domain/counted-days';
import { addDays, eachDate } from '../../calendar/domain/oslo-time';
import {
  AbsenceReason,
  aggregateRate,
  AttendanceOutcome,
  CancellationReason,
  INACTIVE_REASON_CODES,
  InactiveReason,
  RateRow,
} from './prisoner-day';
// The reference classifier is test code (the SQL is checked against it); its worked examples stay here.
import {
  classifyPrisonerDay,
  CustodySpan,
  PrisonerDayInput,
  PrisonerDayStatus,
  prisonerDaysInRange,
  rateRowOf,
  ScheduledSession,
} from '../../../test/support/prisoner-day-oracle';
// The planner's small seeded PRNG (mulberry32), so the property test is the same on every run.
import { mulberry32 } from '../../planning/engine/prng';

const { ATTENDED, ABSENT, NOT_RECORDED } = AttendanceOutcome;
const am = (attendance: AttendanceOutcome, extra: Partial<ScheduledSession> = {}): ScheduledSession => ({
  startTime: '08:00',
  cancelled: false,
  attendance,
  ...extra,
});
const pm = (attendance: AttendanceOutcome, extra: Partial<ScheduledSession> = {}): ScheduledSession => ({
  startTime: '12:00',
  cancelled: false,
  attendance,
  ...extra,
});
const cancelled = (reason: CancellationReason, startTime = '08:00'): ScheduledSession => ({
  startTime,
  cancelled: true,
  cancellationReason: reason,
  attendance: NOT_RECORDED,
});
const day = (sessions: ScheduledSession[], extra: Partial<PrisonerDayInput> = {}): PrisonerDayInput => ({
  sessions,
  excluded: false,
  allocated: true,
  ...extra,
});

describe('classifyPrisonerDay', () => {
  it.each<[string, PrisonerDayInput, boolean, boolean, InactiveReason | null]>([
    ['split day, AM work and PM school both attended: one active day', day([am(ATTENDED), pm(ATTENDED)]), true, true, null],
    ['AM attended + PM refused is active', day([am(ATTENDED), pm(ABSENT, { absenceReason: AbsenceReason.REFUSED })]), true, true, null],
    ['AM cancelled + PM attended is active', day([cancelled(CancellationReason.LOCKDOWN), pm(ATTENDED)]), true, true, null],
    ['attended while excluded (one-to-one programme) is active', day([am(ATTENDED)], { excluded: true }), true, true, null],
    [
      'cancelled for staff shortage',
      day([cancelled(CancellationReason.STAFF_UNAVAILABLE)]),
      false,
      false,
      { code: 'SESSION_CANCELLED', cancellationReason: CancellationReason.STAFF_UNAVAILABLE },
    ],
    [
      'both halves cancelled: the earlier reason',
      day([cancelled(CancellationReason.OTHER, '12:00'), cancelled(CancellationReason.LOCKDOWN, '08:00')]),
      false,
      false,
      { code: 'SESSION_CANCELLED', cancellationReason: CancellationReason.LOCKDOWN },
    ],
    ['not recorded', day([am(NOT_RECORDED)]), true, false, { code: 'NOT_RECORDED' }],
    [
      'absent, sick',
      day([am(ABSENT, { absenceReason: AbsenceReason.SICK })]),
      true,
      false,
      { code: 'ABSENT', absenceReason: AbsenceReason.SICK },
    ],
    [
      'absent both halves: the reason of the first by start time',
      day([pm(ABSENT, { absenceReason: AbsenceReason.VISIT }), am(ABSENT, { absenceReason: AbsenceReason.COURT })]),
      true,
      false,
      { code: 'ABSENT', absenceReason: AbsenceReason.COURT },
    ],
    [
      'AM absent + PM not recorded: NOT_RECORDED first',
      day([am(ABSENT, { absenceReason: AbsenceReason.REFUSED }), pm(NOT_RECORDED)]),
      true,
      false,
      { code: 'NOT_RECORDED' },
    ],
    [
      'AM cancelled + PM absent: ABSENT beats cancelled',
      day([cancelled(CancellationReason.STAFF_UNAVAILABLE), pm(ABSENT, { absenceReason: AbsenceReason.HEALTH_APPOINTMENT })]),
      true,
      false,
      { code: 'ABSENT', absenceReason: AbsenceReason.HEALTH_APPOINTMENT },
    ],
    [
      'excluded beats everything but attendance',
      day([am(NOT_RECORDED), cancelled(CancellationReason.LOCKDOWN, '12:00')], { excluded: true }),
      true,
      false,
      { code: 'EXCLUDED' },
    ],
    ['excluded with nothing scheduled', day([], { excluded: true, allocated: false }), false, false, { code: 'EXCLUDED' }],
    [
      'attendance on a cancelled session does not count',
      day([{ ...cancelled(CancellationReason.OTHER), attendance: ATTENDED }]),
      false,
      false,
      { code: 'SESSION_CANCELLED', cancellationReason: CancellationReason.OTHER },
    ],
    ['not allocated: no offer', day([], { allocated: false }), false, false, { code: 'NO_OFFER', allocated: false }],
    ['allocated, but nothing that day: no offer', day([]), false, false, { code: 'NO_OFFER', allocated: true }],
  ])('%s', (_name, input, plannedActive, realisedActive, reason) => {
    expect(classifyPrisonerDay(input)).toEqual({ plannedActive, realisedActive, reason });
  });
});

describe('prisonerDaysInRange', () => {
  const open = (prisonId: string, fromDate: string, toDate: string | null = null): CustodySpan => ({ prisonId, fromDate, toDate });
  const summary = (periods: CustodySpan[], from: string, to: string) =>
    prisonerDaysInRange(periods, from, to).map((d) => `${d.date}@${d.prisonId}`);

  it.each<[string, CustodySpan[], string, string, string[]]>([
    [
      'a week with Ascension Day (Thu 14 May 2026) has 4',
      [open('oslo', '2026-01-01')],
      '2026-05-11',
      '2026-05-17',
      ['2026-05-11@oslo', '2026-05-12@oslo', '2026-05-13@oslo', '2026-05-15@oslo'],
    ],
    [
      'Easter week 2026 has 3',
      [open('oslo', '2026-01-01')],
      '2026-03-30',
      '2026-04-05',
      ['2026-03-30@oslo', '2026-03-31@oslo', '2026-04-01@oslo'],
    ],
    [
      'transfer on Wednesday: Mon–Tue at the first prison, Wed–Fri at the second',
      [open('oslo', '2026-01-01', '2026-11-25'), open('bergen', '2026-11-25')],
      '2026-11-23',
      '2026-11-29',
      ['2026-11-23@oslo', '2026-11-24@oslo', '2026-11-25@bergen', '2026-11-26@bergen', '2026-11-27@bergen'],
    ],
    ['arrival on Thursday: Thu and Fri', [open('oslo', '2026-11-26')], '2026-11-23', '2026-11-29', ['2026-11-26@oslo', '2026-11-27@oslo']],
    ['release on Tuesday: Monday only', [open('oslo', '2026-01-01', '2026-11-24')], '2026-11-23', '2026-11-29', ['2026-11-23@oslo']],
    ['arrival on Saturday: nothing that week', [open('oslo', '2026-11-28')], '2026-11-23', '2026-11-29', []],
    [
      'released and back again',
      [open('oslo', '2026-01-01', '2026-11-24'), open('oslo', '2026-11-26')],
      '2026-11-23',
      '2026-11-27',
      ['2026-11-23@oslo', '2026-11-26@oslo', '2026-11-27@oslo'],
    ],
    [
      'overlapping periods (bad data): each day once, later arrival wins',
      [open('bergen', '2026-11-25'), open('oslo', '2026-01-01', '2026-11-27')],
      '2026-11-23',
      '2026-11-27',
      ['2026-11-23@oslo', '2026-11-24@oslo', '2026-11-25@bergen', '2026-11-26@bergen', '2026-11-27@bergen'],
    ],
  ])('%s', (_name, periods, from, to, expected) => {
    expect(summary(periods, from, to)).toEqual(expected);
  });

  it('follows the counted-day rule passed in (Saturdays counted)', () => {
    const rule = { weekdays: [1, 2, 3, 4, 5, 6], excludePublicHolidays: true };
    expect(prisonerDaysInRange([open('oslo', '2026-01-01')], '2026-11-23', '2026-11-29', rule)).toHaveLength(6);
  });

  it('carries the unit', () => {
    expect(
      prisonerDaysInRange([{ prisonId: 'oslo', unitId: 'u1', fromDate: '2026-11-27', toDate: null }], '2026-11-27', '2026-11-27'),
    ).toEqual([{ date: '2026-11-27', prisonId: 'oslo', unitId: 'u1' }]);
  });
});

describe('aggregateRate', () => {
  const row = (prisonerDays: number, realised: number, planned = realised): RateRow => ({
    prisonerDays,
    plannedActiveDays: planned,
    realisedActiveDays: realised,
    reasons: { NO_OFFER: prisonerDays - realised },
  });

  it('national = sum over sum, not the mean of prison percentages', () => {
    const big = row(1000, 900); // 90 %
    const small = row(20, 10); // 50 %
    const national = aggregateRate([big, small]);
    expect(national.realisedRate).toBeCloseTo(910 / 1020, 10); // 89.2 %
    expect(national.realisedRate).not.toBeCloseTo((0.9 + 0.5) / 2, 2); // 70 % would be wrong
    expect(national.reasons.NO_OFFER).toBe(110);
  });

  it('reports the planned and realised views and null for no prisoner-days', () => {
    expect(aggregateRate([row(10, 6, 8)])).toMatchObject({ plannedRate: 0.8, realisedRate: 0.6 });
    expect(aggregateRate([])).toMatchObject({ prisonerDays: 0, plannedRate: null, realisedRate: null });
  });

  it.each<[string, RateRow]>([
    ['reasons that do not add up', { prisonerDays: 10, plannedActiveDays: 6, realisedActiveDays: 6, reasons: { NO_OFFER: 3 } }],
    ['realised above planned', { prisonerDays: 10, plannedActiveDays: 5, realisedActiveDays: 6, reasons: { NO_OFFER: 4 } }],
    ['a negative count', { prisonerDays: 10, plannedActiveDays: 6, realisedActiveDays: 6, reasons: { NO_OFFER: 5, ABSENT: -1 } }],
  ])('rejects %s', (_name, bad) => {
    expect(() => aggregateRate([bad])).toThrow(RangeError);
  });

  it('rolls classified days up through rateRowOf', () => {
    const statuses = [
      day([am(ATTENDED), pm(ATTENDED)]),
      day([am(NOT_RECORDED)]),
      day([]),
      day([cancelled(CancellationReason.LOCKDOWN)]),
    ].map(classifyPrisonerDay);
    expect(aggregateRate([rateRowOf(statuses)])).toEqual({
      prisonerDays: 4,
      plannedActiveDays: 2,
      realisedActiveDays: 1,
      reasons: { NO_OFFER: 1, SESSION_CANCELLED: 1, ABSENT: 0, NOT_RECORDED: 1, EXCLUDED: 0 },
      plannedRate: 0.5,
      realisedRate: 0.25,
    });
  });
});

describe('property: random histories', () => {
  const FROM = '2026-03-23'; // covers Easter and Ascension 2026
  const TO = '2026-05-31';
  const PRISONS = ['oslo', 'bergen', 'sandefjord'];

  it.each([1, 42, 2026])('seed %i: one status per prisoner-day, and every figure adds up', (seed) => {
    const rnd = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const int = (n: number) => Math.floor(rnd() * n);
    const statusesByPrison = new Map<string, PrisonerDayStatus[]>();
    const countedInRange = eachDate(FROM, TO).filter((d) => isCountedDay(d, DEFAULT_COUNTED_DAY_RULE));
    const violations: string[] = []; // collected, then asserted once (expect() per day is slow)
    let totalDays = 0;

    for (let p = 0; p < 60; p++) {
      // A history of back-to-back stays (transfers), sometimes with a gap (release and return) or an open end.
      const periods: CustodySpan[] = [];
      let from = addDays(FROM, int(90) - 30);
      for (let k = 0, n = 1 + int(3); k < n; k++) {
        const to = k === n - 1 && rnd() < 0.4 ? null : addDays(from, 1 + int(40));
        periods.push({ prisonId: pick(PRISONS), fromDate: from, toDate: to });
        if (to === null) break;
        from = rnd() < 0.7 ? to : addDays(to, 1 + int(10));
      }

      const days = prisonerDaysInRange(periods, FROM, TO);
      // Brute force: each counted date in range on which some period holds the prisoner, once.
      const expected = countedInRange.filter((d) => periods.some((x) => x.fromDate <= d && (x.toDate === null || d < x.toDate)));
      expect(days.map((d) => d.date)).toEqual(expected);
      totalDays += days.length;

      for (const d of days) {
        const sessions: ScheduledSession[] = Array.from({ length: int(4) }, () => ({
          startTime: pick(['08:00', '09:30', '12:00', '13:15']),
          cancelled: rnd() < 0.2,
          cancellationReason: pick(Object.values(CancellationReason)),
          attendance: pick(Object.values(AttendanceOutcome)),
          absenceReason: pick(Object.values(AbsenceReason)),
        }));
        const input = { sessions, excluded: rnd() < 0.05, allocated: sessions.length > 0 || rnd() < 0.5 };
        const status = classifyPrisonerDay(input);

        // Exactly one status: active, or one reason.
        const ok =
          (status.reason === null) === status.realisedActive &&
          (!status.realisedActive || status.plannedActive) &&
          status.realisedActive === sessions.some((s) => !s.cancelled && s.attendance === ATTENDED) &&
          status.plannedActive === sessions.some((s) => !s.cancelled) &&
          (status.reason === null || INACTIVE_REASON_CODES.includes(status.reason.code));
        if (!ok) violations.push(JSON.stringify({ input, status }));

        const list = statusesByPrison.get(d.prisonId) ?? [];
        list.push(status);
        statusesByPrison.set(d.prisonId, list);
      }
    }

    expect(violations).toEqual([]);
    const prisonRows = [...statusesByPrison.values()].map(rateRowOf);
    const national = aggregateRate(prisonRows); // throws if a row does not add up
    const flat = aggregateRate([rateRowOf([...statusesByPrison.values()].flat())]);
    expect(national).toEqual(flat);
    expect(national.prisonerDays).toBe(totalDays);
    const explained = INACTIVE_REASON_CODES.reduce((sum, c) => sum + national.reasons[c], 0);
    expect(explained).toBe(national.prisonerDays - national.realisedActiveDays);
    expect(national.realisedActiveDays).toBeLessThanOrEqual(national.plannedActiveDays);
  });
});
