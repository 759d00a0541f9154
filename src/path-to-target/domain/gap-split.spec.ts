import { placesByHalfDay, splitGap } from './gap-split';

describe('gap split', () => {
  it('current 20 → planner 30 → ceiling 32 → target 45; history loses 10 % of booked days', () => {
    const s = splitGap(
      { currentDays: 20, plannerDays: 30, ceilingDays: 32, targetDays: 45 },
      { bookedDays: 100, realisedActiveDays: 90, byReason: { ABSENT: 6, SESSION_CANCELLED: 2, NOT_RECORDED: 2, EXCLUDED: 0 } },
    );
    expect(s).toEqual({
      betterPlanningDays: 10,
      unprovenDays: 2,
      unreachableDays: 13,
      lossRate: 0.1,
      expectedLossDays: 3,
      expectedLossByReason: { ABSENT: 2, SESSION_CANCELLED: 1, NOT_RECORDED: 1, EXCLUDED: 0 },
    });
  });

  it('no history: no loss rate; a ceiling above the target leaves nothing unreachable', () => {
    const s = splitGap(
      { currentDays: 40, plannerDays: 48, ceilingDays: 48, targetDays: 45 },
      { bookedDays: 0, realisedActiveDays: 0, byReason: { ABSENT: 0, SESSION_CANCELLED: 0, NOT_RECORDED: 0, EXCLUDED: 0 } },
    );
    expect(s).toMatchObject({ betterPlanningDays: 8, unreachableDays: 0, unprovenDays: 0, lossRate: null, expectedLossDays: 0 });
  });

  it('places summed by kind, weekday and half-day', () => {
    const change = (date: string, period: 'AM' | 'PM', places: number) => ({
      kind: 'OPEN_SLOT' as const,
      activityId: 'w',
      activityKind: 'WORK' as const,
      date,
      period,
      sessions: [],
      places,
      marginalDays: places,
      daysPerPlace: 1,
    });
    expect(placesByHalfDay([change('2026-12-08', 'PM', 3), change('2026-12-08', 'PM', 2), change('2026-12-07', 'AM', 1)])).toEqual([
      { kind: 'WORK', weekday: 1, period: 'AM', places: 1 },
      { kind: 'WORK', weekday: 2, period: 'PM', places: 5 },
    ]);
  });
});
