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
      // Quotas 30 · 6/100 = 1.8, 0.6, 0.6: whole parts 1, 0, 0, the 2 days left to the largest remainders
      // (0.8, then the tie 0.6/0.6 in reason order) → 2, 1, 0 — adding up to the 3 days (not 2 + 1 + 1 = 4).
      expectedLossByReason: { ABSENT: 2, SESSION_CANCELLED: 1, NOT_RECORDED: 0, EXCLUDED: 0 },
    });
  });

  it.each([
    // planner, booked, realised, [absent, cancelled, not recorded, excluded], expected loss, by reason
    [4, 5, 1, [2, 1, 1, 0], 3, [1, 1, 1, 0]], // 3.2 → 3; quotas 1.6, 0.8, 0.8
    [1, 3, 1, [1, 1, 0, 0], 1, [1, 0, 0, 0]], // 0.67 → 1; quotas 0.33, 0.33 (rounded alone: 0 + 0)
    [10, 4, 0, [1, 1, 1, 1], 10, [3, 3, 2, 2]], // 10; quotas 2.5 each
    [7, 7, 0, [7, 0, 0, 0], 7, [7, 0, 0, 0]],
  ])(
    'the loss by reason adds up to the expected loss (planner %i, booked %i, realised %i)',
    (planner, booked, realised, r, loss, parts) => {
      const s = splitGap(
        { currentDays: 0, plannerDays: planner, ceilingDays: planner, targetDays: planner },
        {
          bookedDays: booked,
          realisedActiveDays: realised,
          byReason: { ABSENT: r[0], SESSION_CANCELLED: r[1], NOT_RECORDED: r[2], EXCLUDED: r[3] },
        },
      );
      expect(s.expectedLossDays).toBe(loss);
      expect(s.expectedLossByReason).toEqual({ ABSENT: parts[0], SESSION_CANCELLED: parts[1], NOT_RECORDED: parts[2], EXCLUDED: parts[3] });
    },
  );

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
