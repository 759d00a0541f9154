import { DateTime } from 'luxon';
import { DayPeriod } from '../../activities/activity.enums';
import {
  ActivityCalendar,
  DayRegime,
  ExistingSession,
  generateSessions,
  planSessionRegeneration,
  PlannedSession,
  WeeklySlot,
} from './session-generation';
import { normaliseTime, timeRangesOverlap } from './time-of-day';

const REGIME: DayRegime = { amStart: '08:00:00', amEnd: '11:30:00', pmStart: '12:00', pmEnd: '15:00' };

// Every weekday morning and afternoon, slot ids like 'mon-AM'.
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const fullWeek: WeeklySlot[] = DAYS.flatMap((d, i) => [
  { id: `${d}-AM`, weekday: i + 1, period: DayPeriod.AM, staffMemberId: 'officer-1' },
  { id: `${d}-PM`, weekday: i + 1, period: DayPeriod.PM, staffMemberId: 'officer-2' },
]);

function activity(overrides: Partial<ActivityCalendar> = {}): ActivityCalendar {
  return { startDate: '2020-01-01', endDate: null, capacity: 8, runsOnPublicHolidays: false, slots: fullWeek, ...overrides };
}

const datesOf = (sessions: PlannedSession[]) => [...new Set(sessions.map((s) => s.date))];

describe('generateSessions', () => {
  it.each<[string, Partial<ActivityCalendar>, string, string, string[]]>([
    ['Easter week 2026 loses Maundy Thursday and Good Friday', {}, '2026-03-30', '2026-04-05', ['2026-03-30', '2026-03-31', '2026-04-01']],
    ['Easter Monday 2026 is a holiday too', {}, '2026-04-06', '2026-04-07', ['2026-04-07']],
    ['17 May 2027 is a Monday and a holiday', {}, '2027-05-17', '2027-05-21', ['2027-05-18', '2027-05-19', '2027-05-20', '2027-05-21']],
    [
      'Ascension Day 2026 (Thu 14 May) has no sessions',
      {},
      '2026-05-11',
      '2026-05-15',
      ['2026-05-11', '2026-05-12', '2026-05-13', '2026-05-15'],
    ],
    [
      'runsOnPublicHolidays keeps Easter week whole',
      { runsOnPublicHolidays: true },
      '2026-03-30',
      '2026-04-05',
      ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03'],
    ],
    [
      'an activity starting on a Wednesday',
      { startDate: '2026-11-25' },
      '2026-11-23',
      '2026-11-27',
      ['2026-11-25', '2026-11-26', '2026-11-27'],
    ],
    [
      'an activity ending on a Tuesday (end inclusive)',
      { endDate: '2026-11-24' },
      '2026-11-23',
      '2026-11-27',
      ['2026-11-23', '2026-11-24'],
    ],
    ['a range wholly before the activity', { startDate: '2026-12-01' }, '2026-11-23', '2026-11-27', []],
    ['a range wholly after the activity', { endDate: '2026-11-20' }, '2026-11-23', '2026-11-27', []],
    ['an empty range (from after to)', {}, '2026-11-27', '2026-11-23', []],
    ['weekends never have sessions', {}, '2026-11-28', '2026-11-29', []],
  ])('%s', (_name, overrides, from, to, expected) => {
    expect(datesOf(generateSessions(activity(overrides), REGIME, { from, to }))).toEqual(expected);
  });

  it('makes one session per slot per day with the regime times, staff and capacity', () => {
    const sessions = generateSessions(activity({ capacity: 6 }), REGIME, { from: '2026-11-24', to: '2026-11-24' });
    expect(sessions).toEqual([
      {
        slotId: 'tue-AM',
        date: '2026-11-24',
        period: DayPeriod.AM,
        startTime: '08:00',
        endTime: '11:30',
        staffMemberId: 'officer-1',
        capacity: 6,
      },
      {
        slotId: 'tue-PM',
        date: '2026-11-24',
        period: DayPeriod.PM,
        startTime: '12:00',
        endTime: '15:00',
        staffMemberId: 'officer-2',
        capacity: 6,
      },
    ]);
  });

  it('uses custom slot times and only the weekdays that have slots', () => {
    const slots: WeeklySlot[] = [
      { id: 'wed-school', weekday: 3, period: DayPeriod.PM, startTime: '12:30:00', endTime: '14:00:00', staffMemberId: 'teacher-1' },
      { id: 'mon-work', weekday: 1, period: DayPeriod.AM, staffMemberId: null },
    ];
    const sessions = generateSessions(activity({ slots }), REGIME, { from: '2026-11-23', to: '2026-12-06' });
    expect(sessions.map((s) => `${s.date} ${s.period} ${s.startTime}-${s.endTime} ${s.staffMemberId}`)).toEqual([
      '2026-11-23 AM 08:00-11:30 null',
      '2026-11-25 PM 12:30-14:00 teacher-1',
      '2026-11-30 AM 08:00-11:30 null',
      '2026-12-02 PM 12:30-14:00 teacher-1',
    ]);
  });

  it('sorts a day by start time even when a custom PM starts before a regime AM would end', () => {
    const slots: WeeklySlot[] = [
      { id: 'b', weekday: 1, period: DayPeriod.PM, staffMemberId: null },
      { id: 'a', weekday: 1, period: DayPeriod.AM, startTime: '09:00', endTime: '10:00', staffMemberId: null },
    ];
    expect(generateSessions(activity({ slots }), REGIME, { from: '2026-11-23', to: '2026-11-23' }).map((s) => s.slotId)).toEqual([
      'a',
      'b',
    ]);
  });

  it.each<[string, Partial<ActivityCalendar>, DayRegime]>([
    ['a Saturday slot', { slots: [{ id: 'x', weekday: 6, period: DayPeriod.AM, staffMemberId: null }] }, REGIME],
    ['only one custom time', { slots: [{ id: 'x', weekday: 1, period: DayPeriod.AM, startTime: '09:00', staffMemberId: null }] }, REGIME],
    [
      'custom times backwards',
      { slots: [{ id: 'x', weekday: 1, period: DayPeriod.AM, startTime: '10:00', endTime: '09:00', staffMemberId: null }] },
      REGIME,
    ],
    ['a zero capacity', { capacity: 0 }, REGIME],
    ['a regime whose afternoon starts before the morning ends', {}, { ...REGIME, pmStart: '11:00' }],
  ])('rejects %s', (_name, overrides, regime) => {
    expect(() => generateSessions(activity(overrides), regime, { from: '2026-11-23', to: '2026-11-27' })).toThrow(RangeError);
  });
});

describe('planSessionRegeneration', () => {
  // Week of Mon 23 Nov 2026; today is Wednesday 25 Nov.
  const TODAY = '2026-11-25';
  const existing = (
    id: string,
    slotId: string | null,
    date: string,
    period: DayPeriod,
    extra: Partial<ExistingSession> = {},
  ): ExistingSession => ({
    id,
    slotId,
    date,
    period,
    hasAttendance: false,
    cancelled: false,
    ...extra,
  });

  it('after slot changes: keeps the past, keeps matches, deletes the unwanted and inserts the new', () => {
    // Before: mornings Mon–Fri. After: Tuesday's slot is deleted (its sessions lose their slot id) and
    // Thursday's slot is moved from the morning to the afternoon (same slot id, new period).
    const slots: WeeklySlot[] = [
      { id: 'mon-AM', weekday: 1, period: DayPeriod.AM, staffMemberId: null },
      { id: 'wed-AM', weekday: 3, period: DayPeriod.AM, staffMemberId: null },
      { id: 'thu-AM', weekday: 4, period: DayPeriod.PM, staffMemberId: null },
      { id: 'fri-AM', weekday: 5, period: DayPeriod.AM, staffMemberId: null },
    ];
    const desired = generateSessions(activity({ slots }), REGIME, { from: '2026-11-23', to: '2026-12-04' });
    const current = [
      existing('s-mon', 'mon-AM', '2026-11-23', DayPeriod.AM, { hasAttendance: true }),
      existing('s-tue', null, '2026-11-24', DayPeriod.AM), // past, slot gone: left alone
      existing('s-wed', 'wed-AM', '2026-11-25', DayPeriod.AM), // today, still wanted
      existing('s-thu', 'thu-AM', '2026-11-26', DayPeriod.AM), // moved to the afternoon
      existing('s-fri', 'fri-AM', '2026-11-27', DayPeriod.AM, { cancelled: true }), // wanted, stays cancelled
      existing('s-tue2', null, '2026-12-01', DayPeriod.AM), // future, slot gone
      existing('s-tue3', null, '2026-12-01', DayPeriod.PM, { hasAttendance: true }), // odd, but attendance protects it
    ];
    const plan = planSessionRegeneration(current, desired, TODAY);
    expect(plan.keptPast.map((s) => s.id)).toEqual(['s-mon', 's-tue']);
    expect(plan.keep.map((k) => k.existing.id)).toEqual(['s-wed', 's-fri']);
    expect(plan.delete.map((s) => s.id)).toEqual(['s-thu', 's-tue2']);
    expect(plan.keptWithAttendance.map((s) => s.id)).toEqual(['s-tue3']);
    expect(plan.insert.map((s) => `${s.date} ${s.slotId} ${s.period}`)).toEqual([
      '2026-11-26 thu-AM PM',
      '2026-11-30 mon-AM AM',
      '2026-12-02 wed-AM AM',
      '2026-12-03 thu-AM PM',
      '2026-12-04 fri-AM AM',
    ]);
  });

  it.each<[string, ExistingSession, 'keptPast' | 'keep' | 'delete' | 'keptWithAttendance']>([
    ['a past session whose slot is gone', existing('x', null, '2026-11-24', DayPeriod.AM), 'keptPast'],
    ['a future session whose slot is gone', existing('x', null, '2026-11-26', DayPeriod.AM), 'delete'],
    [
      'a future session whose slot is gone, with attendance',
      existing('x', null, '2026-11-26', DayPeriod.AM, { hasAttendance: true }),
      'keptWithAttendance',
    ],
    ["today's session whose slot is gone", existing('x', 'gone', TODAY, DayPeriod.PM), 'delete'],
    ['a future cancelled session whose slot is gone', existing('x', 'gone', '2026-11-26', DayPeriod.AM, { cancelled: true }), 'delete'],
    ['a future session that still matches', existing('x', 'thu-AM', '2026-11-26', DayPeriod.AM), 'keep'],
    ['a future session on its slot but with the wrong period', existing('x', 'thu-AM', '2026-11-26', DayPeriod.PM), 'delete'],
  ])('%s → %s', (_name, session, bucket) => {
    const desired = generateSessions(activity(), REGIME, { from: '2026-11-23', to: '2026-11-27' });
    const plan = planSessionRegeneration([session], desired, TODAY);
    const where = (['keptPast', 'keep', 'delete', 'keptWithAttendance'] as const).filter((b) =>
      b === 'keep' ? plan.keep.some((k) => k.existing === session) : plan[b].includes(session),
    );
    expect(where).toEqual([bucket]);
  });

  it('never inserts past sessions and inserts everything from today when nothing exists', () => {
    const desired = generateSessions(activity(), REGIME, { from: '2026-11-23', to: '2026-11-27' });
    const plan = planSessionRegeneration([], desired, TODAY);
    expect(datesOf(plan.insert)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    expect(plan.insert).toHaveLength(6);
  });

  it('deletes a duplicate of a kept session unless it has attendance', () => {
    const desired = generateSessions(activity(), REGIME, { from: '2026-11-26', to: '2026-11-26' });
    const plan = planSessionRegeneration(
      [
        existing('a', 'thu-AM', '2026-11-26', DayPeriod.AM),
        existing('b', 'thu-AM', '2026-11-26', DayPeriod.AM),
        existing('c', 'thu-AM', '2026-11-26', DayPeriod.AM, { hasAttendance: true }),
      ],
      desired,
      TODAY,
    );
    expect(plan.keep.map((k) => k.existing.id)).toEqual(['a']);
    expect(plan.delete.map((s) => s.id)).toEqual(['b']);
    expect(plan.keptWithAttendance.map((s) => s.id)).toEqual(['c']);
    expect(plan.insert.map((s) => s.slotId)).toEqual(['thu-PM']);
  });

  it('takes "now" as a luxon DateTime in Oslo (23:30 UTC on the 24th is already the 25th in Oslo)', () => {
    const desired = generateSessions(activity(), REGIME, { from: '2026-11-24', to: '2026-11-25' });
    const plan = planSessionRegeneration([], desired, DateTime.fromISO('2026-11-24T23:30:00Z'));
    expect(datesOf(plan.insert)).toEqual(['2026-11-25']);
  });

  it('is idempotent: regenerating from its own result changes nothing', () => {
    const desired = generateSessions(activity(), REGIME, { from: '2026-11-23', to: '2026-12-04' });
    const first = planSessionRegeneration([], desired, TODAY);
    const created = first.insert.map((s, i) => existing(`n${i}`, s.slotId, s.date, s.period));
    const second = planSessionRegeneration(created, desired, TODAY);
    expect(second.insert).toEqual([]);
    expect(second.delete).toEqual([]);
    expect(second.keep).toHaveLength(created.length);
  });
});

describe('time of day', () => {
  it.each([
    ['08:00:00', '08:00'],
    ['8:05', '08:05'],
    ['23:59', '23:59'],
  ])('normalises %s → %s', (input, out) => expect(normaliseTime(input)).toBe(out));

  it.each(['24:00', '08:60', '08:00:30', '0800', ''])('rejects %s', (input) => expect(() => normaliseTime(input)).toThrow(RangeError));

  it.each<[string, string, string, string, boolean]>([
    ['08:00', '11:30', '11:30', '12:00', false],
    ['08:00', '11:30', '11:00', '12:00', true],
    ['09:00', '10:00', '08:00', '15:00', true],
  ])('%s–%s overlaps %s–%s: %s', (a, b, c, d, expected) => expect(timeRangesOverlap(a, b, c, d)).toBe(expected));
});
