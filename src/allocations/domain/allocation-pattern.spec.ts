import { DayPeriod } from '../../activities/activity.enums';
import {
  AllocationPattern,
  AllocationPatternKind,
  allocationPatternProblems,
  AllocationSpan,
  isAllocatedOn,
  patternCovers,
  sessionsCoveredBy,
  slotsCoveredBy,
} from './allocation-pattern';

const { AM, PM } = DayPeriod;
const ALL: AllocationPattern = { kind: AllocationPatternKind.ALL };
const AM_ONLY: AllocationPattern = { kind: AllocationPatternKind.AM_ONLY };
const PM_ONLY: AllocationPattern = { kind: AllocationPatternKind.PM_ONLY };
const TUE_AM_THU_PM: AllocationPattern = {
  kind: AllocationPatternKind.CHOSEN,
  chosen: [
    { weekday: 2, period: AM },
    { weekday: 4, period: PM },
  ],
};

// Mon–Fri, morning and afternoon.
const slots = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { id: `${weekday}${AM}`, weekday, period: AM },
  { id: `${weekday}${PM}`, weekday, period: PM },
]);

describe('slotsCoveredBy', () => {
  it.each<[string, AllocationPattern, string[]]>([
    ['ALL', ALL, slots.map((s) => s.id)],
    ['AM_ONLY', AM_ONLY, ['1AM', '2AM', '3AM', '4AM', '5AM']],
    ['PM_ONLY', PM_ONLY, ['1PM', '2PM', '3PM', '4PM', '5PM']],
    ['CHOSEN Tue AM + Thu PM', TUE_AM_THU_PM, ['2AM', '4PM']],
    ['CHOSEN with nothing chosen', { kind: AllocationPatternKind.CHOSEN, chosen: [] }, []],
  ])('%s', (_name, pattern, expected) => {
    expect(slotsCoveredBy(pattern, slots).map((s) => s.id)).toEqual(expected);
  });

  it('covers only slots the activity has (CHOSEN Wed PM of a mornings-only workshop is nothing)', () => {
    const mornings = slots.filter((s) => s.period === AM);
    expect(slotsCoveredBy({ kind: AllocationPatternKind.CHOSEN, chosen: [{ weekday: 3, period: PM }] }, mornings)).toEqual([]);
  });
});

describe('patternCovers', () => {
  it.each<[AllocationPattern, number, DayPeriod, boolean]>([
    [ALL, 3, PM, true],
    [AM_ONLY, 3, PM, false],
    [PM_ONLY, 3, PM, true],
    [TUE_AM_THU_PM, 2, AM, true],
    [TUE_AM_THU_PM, 2, PM, false],
    [TUE_AM_THU_PM, 4, PM, true],
  ])('%j covers weekday %i %s: %s', (pattern, weekday, period, expected) => {
    expect(patternCovers(pattern, weekday, period)).toBe(expected);
  });
});

describe('allocationPatternProblems', () => {
  it.each<[AllocationPattern, number]>([
    [ALL, 0],
    [TUE_AM_THU_PM, 0],
    [{ kind: AllocationPatternKind.CHOSEN }, 1],
    [{ kind: AllocationPatternKind.CHOSEN, chosen: [{ weekday: 6, period: AM }] }, 1],
    [
      {
        kind: AllocationPatternKind.CHOSEN,
        chosen: [
          { weekday: 1, period: AM },
          { weekday: 1, period: AM },
        ],
      },
      1,
    ],
    [{ kind: AllocationPatternKind.AM_ONLY, chosen: [{ weekday: 1, period: AM }] }, 1],
  ])('%j has %i problem(s)', (pattern, count) => {
    expect(allocationPatternProblems(pattern)).toHaveLength(count);
  });
});

describe('isAllocatedOn (end date is the last day allocated, inclusive)', () => {
  it.each<[string | null, string, boolean]>([
    ['2026-11-27', '2026-11-22', false],
    ['2026-11-27', '2026-11-23', true],
    ['2026-11-27', '2026-11-27', true],
    ['2026-11-27', '2026-11-28', false],
    [null, '2030-01-01', true],
  ])('start 2026-11-23, end %s: allocated on %s is %s', (endDate, date, expected) => {
    expect(isAllocatedOn({ startDate: '2026-11-23', endDate }, date)).toBe(expected);
  });
});

describe('sessionsCoveredBy', () => {
  // Two weeks of sessions: Mon 23 Nov – Fri 4 Dec 2026, AM and PM, for activity 'wood', plus one for 'metal'.
  const dates = ['23', '24', '25', '26', '27', '30'].map((d) => `2026-11-${d}`).concat(['01', '02', '03', '04'].map((d) => `2026-12-${d}`));
  const sessions = [
    ...dates.flatMap((date) => [
      { id: `${date}-${AM}`, activityId: 'wood', date, period: AM },
      { id: `${date}-${PM}`, activityId: 'wood', date, period: PM },
    ]),
    { id: 'metal', activityId: 'metal', date: '2026-11-24', period: AM },
  ];
  const allocation = (overrides: Partial<AllocationSpan>): AllocationSpan => ({
    activityId: 'wood',
    startDate: '2026-11-23',
    endDate: null,
    pattern: ALL,
    ...overrides,
  });

  it.each<[string, Partial<AllocationSpan>, string[]]>([
    ['Tue AM + Thu PM, open-ended', { pattern: TUE_AM_THU_PM }, ['2026-11-24-AM', '2026-11-26-PM', '2026-12-01-AM', '2026-12-03-PM']],
    [
      'AM only, starting on a Wednesday and ending on the Friday (inclusive)',
      { pattern: AM_ONLY, startDate: '2026-11-25', endDate: '2026-11-27' },
      ['2026-11-25-AM', '2026-11-26-AM', '2026-11-27-AM'],
    ],
    ['a single day allocation', { startDate: '2026-12-02', endDate: '2026-12-02' }, ['2026-12-02-AM', '2026-12-02-PM']],
    ['PM only, ending before the sessions start', { pattern: PM_ONLY, startDate: '2026-11-01', endDate: '2026-11-22' }, []],
    ['another activity', { activityId: 'metal', pattern: AM_ONLY }, ['metal']],
  ])('%s', (_name, overrides, expected) => {
    expect(sessionsCoveredBy(allocation(overrides), sessions).map((s) => s.id)).toEqual(expected);
  });

  it('covers 20 sessions for ALL over two full weeks', () => {
    expect(sessionsCoveredBy(allocation({}), sessions)).toHaveLength(20);
  });
});
