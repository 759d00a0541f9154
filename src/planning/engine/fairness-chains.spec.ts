/**
 * Objective 2 (fewest prisoners with no activity) on tiny weeks where the heuristic leaves someone
 * with nothing and only a chain of moves across days fixes it: the heuristic's fairness pass
 * repairs within one day (an occupant may give up that day only when they keep another), so it
 * cannot move an occupant to another day first. The exact fairness step (week MILP, active days
 * kept) must find the plan. Found by a seeded search over tiny weeks, then written out and checked
 * by hand (the chains are in the comments); the expected values are the hand-worked optima.
 */
import { planWeek, planWeekExact, validatePlan } from './index';
import { PlanningInput, PlanningSession } from './types';

const MON = '2026-03-02';
const TUE = '2026-03-03';
const WED = '2026-03-04';
const THU = '2026-03-05';

function week(
  id: string,
  days: string[],
  sessions: Array<[string, string, string, 'AM' | 'PM', number]>,
  eligible: string[][],
  nonAssociations: Array<[number, number]>,
): PlanningInput {
  const ss: PlanningSession[] = sessions.map(([sid, activityId, date, period, capacity]) => ({
    id: sid,
    activityId,
    date,
    period,
    capacity,
  }));
  return {
    prisonId: id,
    days,
    sessions: ss,
    prisoners: eligible.map((e, i) => ({ id: `P${i}`, custodyDays: days.slice(), eligibleActivityIds: e })),
    nonAssociations: nonAssociations.map(([a, b]) => [`P${a}`, `P${b}`] as [string, string]),
  };
}

interface Case {
  input: PlanningInput;
  /** hand-worked optimum: active prisoner-days, then prisoners with no activity */
  activeDays: number;
  without: number;
}

const CASES: Case[] = [
  {
    // 4 prisoners. P3 may only join A Tue PM (cap 2), where the heuristic has P0 and P1 (P1 is
    // non-associated with P3, and Tue is P1's only day). Fix: P0 leaves C Mon PM (keeps Tue),
    // P1 moves Tue → C Mon PM, P3 enters A Tue PM. 4 places in the week → 4 active days, nobody idle.
    input: week(
      'CHAIN-4',
      [MON, TUE],
      [
        ['B-02-AM', 'B', MON, 'AM', 1],
        ['C-02-PM', 'C', MON, 'PM', 1],
        ['A-03-PM', 'A', TUE, 'PM', 2],
      ],
      [['A', 'C'], ['A', 'B', 'C'], ['B'], ['A']],
      [[1, 3]],
    ),
    activeDays: 4,
    without: 0,
  },
  {
    // 5 prisoners. P2 may only join B on Monday; B Mon AM holds P1 (non-associated), B Mon PM is
    // full. Fix: P3 leaves C Tue AM (keeps Mon), P4 moves B Mon PM → C Tue AM, P1 moves B Mon
    // AM → PM, P2 enters B Mon AM. Mon takes 4 (two sessions of 2), Tue 1 → 5 active days.
    input: week(
      'CHAIN-5',
      [MON, TUE],
      [
        ['B-02-AM', 'B', MON, 'AM', 2],
        ['B-02-PM', 'B', MON, 'PM', 2],
        ['C-03-AM', 'C', TUE, 'AM', 1],
      ],
      [['B'], ['B', 'C'], ['B'], ['B', 'C'], ['A', 'B', 'C']],
      [[1, 2]],
    ),
    activeDays: 5,
    without: 0,
  },
  {
    // 6 prisoners, P3 eligible for nothing. Two sessions of 2 → 4 active days at most, so at
    // least 2 idle (P3 and one more). The heuristic puts P0 and P1 on Tue and P1, P5 on Wed
    // (P1 twice): 3 idle. Fix: P1 gives up Tue, P0 leaves A Tue (P0 is non-associated with P2,
    // P4 and P5), P2 and P4 enter A Tue (P2–P4 compatible).
    input: week(
      'CHAIN-6A',
      [MON, TUE, WED, THU],
      [
        ['A-03-AM', 'A', TUE, 'AM', 2],
        ['B-04-AM', 'B', WED, 'AM', 2],
      ],
      [['A', 'C'], ['A', 'B'], ['A', 'C'], [], ['A', 'B', 'C'], ['A', 'B', 'C']],
      [
        [0, 2],
        [0, 4],
        [0, 5],
        [1, 3],
        [1, 4],
        [4, 5],
      ],
    ),
    activeDays: 4,
    without: 2,
  },
  {
    // 6 prisoners, P5 eligible for nothing. Three sessions of 2 → 6 active days. The heuristic
    // has P0, P1 in B Mon and A Wed, P2, P3 in C Thu: P4 idle (B only, non-associated with P0
    // and P1). Fix: P0 moves Mon → C Thu, P3 moves C Thu → B Mon, P1 gives up B Mon (keeps Wed),
    // P4 enters B Mon with P3 (compatible).
    input: week(
      'CHAIN-6B',
      [MON, TUE, WED, THU],
      [
        ['B-02-AM', 'B', MON, 'AM', 2],
        ['A-04-PM', 'A', WED, 'PM', 2],
        ['C-05-PM', 'C', THU, 'PM', 2],
      ],
      [['A', 'B', 'C'], ['A', 'B'], ['C'], ['B', 'C'], ['B'], []],
      [
        [0, 4],
        [1, 3],
        [1, 4],
      ],
    ),
    activeDays: 6,
    without: 1,
  },
];

describe('objective 2: chains of moves across days (exact fairness step)', () => {
  for (const c of CASES) {
    it(`${c.input.prisonId}: the heuristic leaves someone idle, the exact steps reach the optimum`, async () => {
      const h = planWeek(c.input);
      const e = await planWeekExact(c.input, { timeLimitMs: 20_000 });
      expect(validatePlan(c.input, h.assignments)).toEqual([]);
      expect(validatePlan(c.input, e.assignments)).toEqual([]);
      // the case is one the heuristic alone does not solve (otherwise it tests nothing)
      expect(h.metrics.activeDays).toBe(c.activeDays);
      expect(h.metrics.prisonersWithoutActivity).toBeGreaterThan(c.without);
      // the exact steps: objective 1 kept, objective 2 optimal
      expect({ activeDays: e.metrics.activeDays, without: e.metrics.prisonersWithoutActivity }).toEqual({
        activeDays: c.activeDays,
        without: c.without,
      });
    });
  }
});
