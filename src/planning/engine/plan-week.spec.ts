import { countedDaysBetween } from '../../calendar/domain/counted-days';
import { greedyPlan, planWeek, planWeekExact, upperBound, validatePlan } from './index';
import { generateWeek } from '../../../bench/planner/synthetic';
import { HalfDayPeriod, PlanningInput, PlanningPrisoner, PlanningResult, PlanningSession } from './types';

const MON = '2025-03-03';
const TUE = '2025-03-04';
const WEEK = ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07'];

function session(
  id: string,
  activityId: string,
  date: string,
  period: HalfDayPeriod,
  capacity: number,
  extra: Partial<PlanningSession> = {},
): PlanningSession {
  return { id, activityId, date, period, capacity, ...extra };
}

function prisoner(
  id: string,
  eligible: string[],
  custodyDays: string[] = [MON],
  unavailable: Array<[string, HalfDayPeriod]> = [],
): PlanningPrisoner {
  return { id, custodyDays, eligibleActivityIds: eligible, unavailable: unavailable.map(([date, period]) => ({ date, period })) };
}

function sessionsOf(r: PlanningResult, prisonerId: string): string[] {
  return r.assignments.filter((a) => a.prisonerId === prisonerId).map((a) => a.sessionId);
}

function expectValid(input: PlanningInput, r: PlanningResult): void {
  expect(validatePlan(input, r.assignments)).toEqual([]);
}

describe('planWeek — small weeks with a known optimum', () => {
  it('3 prisoners, one AM and one PM place: 2 active days (greedy gives one prisoner a full day)', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('AM', 'W', MON, 'AM', 1), session('PM', 'W', MON, 'PM', 1)],
      prisoners: [prisoner('A', ['W']), prisoner('B', ['W']), prisoner('C', ['W'])],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.metrics.activeDays).toBe(2);
    expect(r.metrics.upperBound).toBe(2);
    expect(r.metrics.gap).toBe(0);
    expect(r.metrics.provenOptimalActiveDays).toBe(true);
    expect(r.metrics.fullDays).toBe(0);
    expect(r.metrics.prisonersWithoutActivity).toBe(1);
    expect(r.greedy.activeDays).toBe(1);
    expect(r.greedy.fullDays).toBe(1);
    expect(r.explanations).toHaveLength(1);
    expect(r.explanations[0]).toEqual(expect.objectContaining({ date: MON, reason: 'ALL_ELIGIBLE_FULL' }));
  });

  it('a split day (AM work + PM school) counts as one active day and one full day', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('W-AM', 'W', MON, 'AM', 5), session('E-PM', 'E', MON, 'PM', 5)],
      prisoners: [prisoner('A', ['W', 'E'])],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(sessionsOf(r, 'A')).toEqual(['W-AM', 'E-PM']);
    expect(r.metrics.activeDays).toBe(1);
    expect(r.metrics.fullDays).toBe(1);
    expect(r.metrics.assignments).toBe(2);
    expect(r.metrics.upperBound).toBe(1);
  });

  it('uses spare places for full days only after every day that can be active is', () => {
    // 2 prisoners, 2 AM places and 1 PM place: both active, one of them a full day.
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('AM', 'W', MON, 'AM', 2), session('PM', 'W', MON, 'PM', 1)],
      prisoners: [prisoner('A', ['W']), prisoner('B', ['W'])],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.metrics.activeDays).toBe(2);
    expect(r.metrics.fullDays).toBe(1);
  });

  it('a non-association forces a different session', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('W1', 'W1', MON, 'AM', 2), session('W2', 'W2', MON, 'AM', 2)],
      prisoners: [prisoner('A', ['W1', 'W2']), prisoner('B', ['W1', 'W2'])],
      nonAssociations: [['A', 'B']],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.metrics.activeDays).toBe(2);
    expect(new Set(r.assignments.map((a) => a.sessionId)).size).toBe(2);
  });

  it('non-associated prisoners sharing a single workshop are split between morning and afternoon', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('AM', 'W', MON, 'AM', 5), session('PM', 'W', MON, 'PM', 5)],
      prisoners: [prisoner('A', ['W']), prisoner('B', ['W'])],
      nonAssociations: [['A', 'B']],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.metrics.activeDays).toBe(2);
    expect(sessionsOf(r, 'A')).toHaveLength(1);
    expect(sessionsOf(r, 'B')).toHaveLength(1);
  });

  it('when a non-association makes the bound unreachable, the gap and the reason are reported', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('AM', 'W', MON, 'AM', 2)],
      prisoners: [prisoner('A', ['W']), prisoner('B', ['W'])],
      nonAssociations: [['B', 'A']],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.metrics.activeDays).toBe(1);
    expect(r.metrics.upperBound).toBe(2); // the flow bound ignores non-associations
    expect(r.metrics.gap).toBe(1);
    expect(r.metrics.provenOptimalActiveDays).toBe(false);
    expect(r.explanations).toHaveLength(1);
    // without the exact step nothing proves that the day cannot take B as well
    expect(r.explanations[0]).toEqual(expect.objectContaining({ reason: 'NOT_FOUND_IN_TIME', proven: false }));
  });

  it('the exact step proves the optimum below the flow bound: the bound drops and the reason is a proven non-association', async () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('AM', 'W', MON, 'AM', 2)],
      prisoners: [prisoner('A', ['W']), prisoner('B', ['W'])],
      nonAssociations: [['B', 'A']],
    };
    const r = await planWeekExact(input);
    expectValid(input, r);
    expect(r.metrics.activeDays).toBe(1);
    expect(r.metrics.upperBound).toBe(1);
    expect(r.solver.flowUpperBound).toBe(2);
    expect(r.metrics.provenOptimalActiveDays).toBe(true);
    expect(r.solver.exact?.days).toEqual([expect.objectContaining({ date: MON, active: 1, bound: 1, proven: true })]);
    const unplaced = r.assignments[0].prisonerId === 'A' ? 'B' : 'A';
    expect(r.explanations).toEqual([
      {
        prisonerId: unplaced,
        date: MON,
        reason: 'NON_ASSOCIATION',
        proven: true,
        params: { periods: ['AM', 'PM'], freeSessions: 1, blockedBy: [{ prisonerId: unplaced === 'A' ? 'B' : 'A', sessionId: 'AM' }] },
      },
    ]);
  });

  it('keeps a manual lock even when it costs an active day', () => {
    // Without the lock: B (unavailable PM) takes the AM place, A the PM place → 2 days.
    const base: PlanningInput = {
      days: [MON],
      sessions: [session('AM', 'W', MON, 'AM', 1), session('PM', 'W', MON, 'PM', 1)],
      prisoners: [prisoner('A', ['W']), prisoner('B', ['W'], [MON], [[MON, 'PM']])],
    };
    expect(planWeek(base).metrics.activeDays).toBe(2);
    const input: PlanningInput = { ...base, locks: [{ prisonerId: 'A', sessionId: 'AM' }] };
    const r = planWeek(input);
    expectValid(input, r);
    expect(sessionsOf(r, 'A')).toContain('AM');
    expect(r.metrics.activeDays).toBe(1);
    expect(r.metrics.upperBound).toBe(1); // the bound includes the fixed assignments
    expect(r.explanations).toEqual([expect.objectContaining({ prisonerId: 'B', reason: 'ALL_ELIGIBLE_FULL' })]);
    expect(
      validatePlan(
        input,
        r.assignments.filter((a) => !(a.prisonerId === 'A' && a.sessionId === 'AM')),
      ),
    ).toEqual([expect.objectContaining({ code: 'LOCK_NOT_KEPT', prisonerId: 'A', sessionId: 'AM' })]);
  });

  it('keeps closed programme groups: members attend every session they can, nobody joins', () => {
    const input: PlanningInput = {
      days: [MON, TUE],
      sessions: [
        session('K-MON', 'K', MON, 'PM', 8),
        session('K-TUE', 'K', TUE, 'PM', 8),
        session('W-MON-AM', 'W', MON, 'AM', 1),
        session('W-TUE-AM', 'W', TUE, 'AM', 1),
      ],
      prisoners: [
        prisoner('A', ['K', 'W'], [MON, TUE]),
        prisoner('B', ['W'], [MON, TUE], [[TUE, 'PM']]), // member; eligibility comes from membership
        prisoner('C', ['K'], [MON, TUE]), // referred but not in the group
      ],
      closedGroups: [{ activityId: 'K', memberIds: ['A', 'B'] }],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(sessionsOf(r, 'A')).toEqual(expect.arrayContaining(['K-MON', 'K-TUE']));
    expect(sessionsOf(r, 'B')).toContain('K-MON');
    expect(sessionsOf(r, 'B')).not.toContain('K-TUE'); // unavailable: no violation
    expect(sessionsOf(r, 'C')).toEqual([]);
    expect(r.explanations.filter((e) => e.prisonerId === 'C').map((e) => e.reason)).toEqual([
      'NO_ELIGIBLE_ACTIVITY',
      'NO_ELIGIBLE_ACTIVITY',
    ]);
    expect(validatePlan(input, [...r.assignments, { prisonerId: 'C', sessionId: 'K-MON' }])).toEqual([
      expect.objectContaining({ code: 'CLOSED_GROUP_NEWCOMER', prisonerId: 'C' }),
    ]);
    expect(
      validatePlan(
        input,
        r.assignments.filter((a) => a.sessionId !== 'K-TUE'),
      ),
    ).toEqual([expect.objectContaining({ code: 'CLOSED_GROUP_MEMBER_MISSING', prisonerId: 'A', sessionId: 'K-TUE' })]);
  });

  it('plans a holiday week with 4 counted days (Ascension Day 2025) and never uses the holiday', () => {
    const days = countedDaysBetween('2025-05-26', '2025-05-30');
    expect(days).toEqual(['2025-05-26', '2025-05-27', '2025-05-28', '2025-05-30']);
    const all = ['2025-05-26', '2025-05-27', '2025-05-28', '2025-05-29', '2025-05-30'];
    const input: PlanningInput = {
      days,
      sessions: all.flatMap((d) => [session(`AM-${d}`, 'W', d, 'AM', 1), session(`PM-${d}`, 'W', d, 'PM', 1)]),
      prisoners: [prisoner('A', ['W'], all), prisoner('B', ['W'], all), prisoner('C', ['W'], all)],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.metrics.prisonerDays).toBe(12);
    expect(r.metrics.activeDays).toBe(8); // 2 places per day, one per prisoner-day
    expect(r.metrics.upperBound).toBe(8);
    expect(r.metrics.prisonersWithoutActivity).toBe(0); // fairness: everyone gets something
    expect(r.assignments.some((a) => a.sessionId.includes('2025-05-29'))).toBe(false);
    expect(r.explanations.every((e) => e.date !== '2025-05-29')).toBe(true);
    expect(r.explanations).toHaveLength(4);
  });

  it('prefers a prisoner who would otherwise have no activity at all (fairness)', () => {
    const input: PlanningInput = {
      days: [MON, TUE],
      sessions: [session('M', 'W', MON, 'AM', 1), session('T', 'W', TUE, 'AM', 1)],
      prisoners: [prisoner('A', ['W'], [MON, TUE]), prisoner('B', ['W'], [MON])],
    };
    const g = greedyPlan(input);
    expect(g.metrics.activeDays).toBe(2);
    expect(g.metrics.prisonersWithoutActivity).toBe(1);
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.metrics.activeDays).toBe(2);
    expect(r.metrics.prisonersWithoutActivity).toBe(0);
    expect(sessionsOf(r, 'B')).toEqual(['M']);
  });

  it('gives priority places to the education right of a young prisoner', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('E', 'E', MON, 'AM', 1), session('W', 'W', MON, 'AM', 1)],
      prisoners: [prisoner('A', ['E', 'W']), prisoner('Y', ['E', 'W'])],
      priorities: [{ prisonerId: 'Y', reason: 'YOUTH_EDUCATION_RIGHT', activityIds: ['E'], weight: 2 }],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(sessionsOf(r, 'Y')).toEqual(['E']);
    expect(r.metrics.prioritiesMet).toBe(1);
    expect(r.metrics.priorityScore).toBe(2);
  });

  it('gives the scarce place to a remand prisoner (prisoner-level priority)', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('W', 'W', MON, 'AM', 1)],
      prisoners: [prisoner('A', ['W']), prisoner('R', ['W'])],
      priorities: [{ prisonerId: 'R', reason: 'REMAND' }],
    };
    const r = planWeek(input);
    expect(sessionsOf(r, 'R')).toEqual(['W']);
    expect(r.metrics.prioritiesMet).toBe(1);
  });

  it('keeps current allocations when it costs nothing (continuity)', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('W1', 'W1', MON, 'AM', 2), session('W2', 'W2', MON, 'AM', 2)],
      prisoners: [prisoner('A', ['W1', 'W2']), prisoner('B', ['W1', 'W2'])],
      currentAllocations: { A: ['W2'], B: ['W2'] },
    };
    const r = planWeek(input);
    expect(r.assignments).toEqual([
      { prisonerId: 'A', sessionId: 'W2' },
      { prisonerId: 'B', sessionId: 'W2' },
    ]);
    expect(r.metrics.changesFromCurrent).toBe(0);
  });

  it('moves a current allocation that is no longer possible and counts the change', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('W1', 'W1', MON, 'AM', 2), session('W2', 'W2', MON, 'AM', 2, { staffPresent: false })],
      prisoners: [prisoner('A', ['W1', 'W2'])],
      currentAllocations: { A: ['W2'] },
    };
    const r = planWeek(input);
    expect(sessionsOf(r, 'A')).toEqual(['W1']);
    expect(r.metrics.changesFromCurrent).toBe(1);
  });

  it('explains every prisoner-day without activity with one reason', async () => {
    const input: PlanningInput = {
      days: WEEK,
      sessions: [
        session('W-MON', 'W', WEEK[0], 'AM', 1),
        session('W-TUE', 'W', WEEK[1], 'AM', 1, { cancelled: true }),
        session('W-WED', 'W', WEEK[2], 'AM', 5),
        session('W-THU', 'W', WEEK[3], 'AM', 1),
        session('X-FRI', 'X', WEEK[4], 'AM', 1),
      ],
      prisoners: [
        prisoner('A', ['W'], WEEK.slice(0, 4), [
          [WEEK[0], 'AM'],
          [WEEK[0], 'PM'],
        ]),
        prisoner('B', ['W'], WEEK),
        prisoner('C', ['W'], WEEK),
      ],
      nonAssociations: [['A', 'B']],
      locks: [
        { prisonerId: 'B', sessionId: 'W-WED' },
        { prisonerId: 'C', sessionId: 'W-THU' },
      ],
    };
    const withReason: PlanningInput = {
      ...input,
      prisoners: input.prisoners.map((p) =>
        p.id === 'A'
          ? {
              ...p,
              unavailable: [
                { date: WEEK[0], period: 'AM', reason: 'Court hearing' },
                { date: WEEK[0], period: 'PM' },
              ],
            }
          : p,
      ),
    };
    const r = await planWeekExact(withReason);
    expectValid(input, r);
    expect(r.explanations.find((e) => e.prisonerId === 'A' && e.date === WEEK[0])?.params).toEqual({
      periods: [],
      unavailable: [{ period: 'AM', reason: 'Court hearing' }],
    });
    // Wednesday: W-WED has room but B (locked there) must be kept apart from A — proven by the exact step
    expect(r.explanations.find((e) => e.prisonerId === 'A' && e.date === WEEK[2])).toEqual(
      expect.objectContaining({ proven: true, params: expect.objectContaining({ blockedBy: [{ prisonerId: 'B', sessionId: 'W-WED' }] }) }),
    );
    // the heuristic alone cannot prove it
    expect(planWeek(withReason).explanations.find((e) => e.prisonerId === 'A' && e.date === WEEK[2])?.reason).toBe('NOT_FOUND_IN_TIME');
    const reasonsOfA = Object.fromEntries(r.explanations.filter((e) => e.prisonerId === 'A').map((e) => [e.date, e.reason]));
    expect(reasonsOfA).toEqual({
      [WEEK[0]]: 'UNAVAILABLE',
      [WEEK[1]]: 'STAFF_ABSENT',
      [WEEK[2]]: 'NON_ASSOCIATION',
      [WEEK[3]]: 'ALL_ELIGIBLE_FULL',
      [WEEK[4]]: 'NOT_IN_CUSTODY',
    });
    expect(r.explanations.find((e) => e.prisonerId === 'B' && e.date === WEEK[4])?.reason).toBe('NO_ELIGIBLE_ACTIVITY');
    // every counted day of every prisoner is either active or explained exactly once
    expect(r.metrics.activeDays + r.explanations.length).toBe(3 * WEEK.length);
  });

  it('reports locks that break another hard rule as input conflicts and plans the rest', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('W', 'W', MON, 'AM', 1), session('C', 'W', MON, 'PM', 1, { cancelled: true })],
      prisoners: [prisoner('A', ['W']), prisoner('B', ['W'])],
      locks: [
        { prisonerId: 'A', sessionId: 'C' },
        { prisonerId: 'A', sessionId: 'W' },
        { prisonerId: 'B', sessionId: 'W' },
        { prisonerId: 'Z', sessionId: 'W' },
      ],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.conflicts.map((c) => [c.prisonerId, c.sessionId, c.code])).toEqual([
      ['A', 'C', 'SESSION_NOT_RUNNING'],
      ['B', 'W', 'CAPACITY_EXCEEDED'],
      ['Z', 'W', 'UNKNOWN_PRISONER'],
    ]);
    expect(r.assignments).toEqual([{ prisonerId: 'A', sessionId: 'W' }]);
  });

  it('does not depend on the order of the input', () => {
    const input: PlanningInput = {
      days: [TUE, MON],
      sessions: [
        session('b', 'W2', TUE, 'PM', 1),
        session('a', 'W1', MON, 'AM', 1),
        session('c', 'W1', TUE, 'AM', 2),
        session('d', 'W2', MON, 'PM', 1),
      ],
      prisoners: [prisoner('C', ['W1', 'W2'], [MON, TUE]), prisoner('A', ['W1'], [MON, TUE]), prisoner('B', ['W2', 'W1'], [TUE, MON])],
      nonAssociations: [['C', 'A']],
    };
    const reversed: PlanningInput = {
      ...input,
      days: input.days.slice().reverse(),
      sessions: input.sessions.slice().reverse(),
      prisoners: input.prisoners
        .slice()
        .reverse()
        .map((p) => ({ ...p, eligibleActivityIds: p.eligibleActivityIds.slice().reverse() })),
      nonAssociations: [['A', 'C']],
    };
    const r1 = planWeek(input);
    const r2 = planWeek(reversed);
    expect(r2.assignments).toEqual(r1.assignments);
    expect(r2.metrics).toEqual(r1.metrics);
    expect(r2.explanations).toEqual(r1.explanations);
  });

  it('finds the matching greedy misses: the flexible prisoner leaves the only place the other can use', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('W1', 'W1', MON, 'AM', 1), session('W2', 'W2', MON, 'AM', 1), session('W3', 'W3', MON, 'AM', 1)],
      // greedy, in id order: A→W1, B→W2, C (only W1 or W2) gets nothing
      prisoners: [prisoner('A', ['W1', 'W2', 'W3']), prisoner('B', ['W2', 'W3']), prisoner('C', ['W1', 'W2'])],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.greedy.activeDays).toBe(2);
    expect(r.metrics.activeDays).toBe(3);
    expect(r.metrics.upperBound).toBe(3);
    expect(r.explanations).toEqual([]);
  });

  it('splits non-associated prisoners over the day and gives the school place to the youth right', () => {
    // R and Y must be kept apart; one workshop place in the morning, school in the afternoon.
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('W-AM', 'W', MON, 'AM', 1), session('E-PM', 'E', MON, 'PM', 3)],
      prisoners: [prisoner('R', ['W', 'E']), prisoner('Y', ['W', 'E'])],
      nonAssociations: [['R', 'Y']],
      priorities: [{ prisonerId: 'Y', reason: 'YOUTH_EDUCATION_RIGHT', activityIds: ['E'], weight: 2 }],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.greedy.activeDays).toBe(1); // R takes the morning and the afternoon, Y cannot join R
    expect(r.assignments).toEqual([
      { prisonerId: 'R', sessionId: 'W-AM' },
      { prisonerId: 'Y', sessionId: 'E-PM' },
    ]);
    expect(r.metrics).toEqual(
      expect.objectContaining({
        activeDays: 2,
        upperBound: 2,
        prisonersWithoutActivity: 0,
        priorityScore: 2,
        prioritiesMet: 1,
        fullDays: 0,
      }),
    );
  });

  it('moves prisoners along a chain so that one more day becomes active', () => {
    // D only fits W1; W1 holds A who also fits W2, which holds B who also fits W3 (free).
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('W1', 'W1', MON, 'AM', 1), session('W2', 'W2', MON, 'AM', 1), session('W3', 'W3', MON, 'AM', 1)],
      prisoners: [prisoner('A', ['W1', 'W2']), prisoner('B', ['W2', 'W3']), prisoner('D', ['W1'])],
      locks: [],
      currentAllocations: { A: ['W1'], B: ['W2'] },
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.assignments).toEqual([
      { prisonerId: 'A', sessionId: 'W2' },
      { prisonerId: 'B', sessionId: 'W3' },
      { prisonerId: 'D', sessionId: 'W1' },
    ]);
    expect(r.metrics.activeDays).toBe(3);
    expect(r.metrics.changesFromCurrent).toBe(2); // the price of the extra day, which comes first
  });

  it("keeps a lock inside the prisoner's own closed group once (lock and membership agree)", () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('K', 'K', MON, 'PM', 6), session('W', 'W', MON, 'AM', 1)],
      prisoners: [prisoner('A', ['K', 'W']), prisoner('B', ['W'])],
      closedGroups: [{ activityId: 'K', memberIds: ['A'] }],
      locks: [{ prisonerId: 'A', sessionId: 'K' }],
    };
    const r = planWeek(input);
    expectValid(input, r);
    expect(r.conflicts).toEqual([]);
    expect(r.assignments).toEqual([
      { prisonerId: 'A', sessionId: 'K' },
      { prisonerId: 'B', sessionId: 'W' },
    ]);
    expect(r.metrics.upperBound).toBe(2);
  });

  it('upperBound(input) is the bound planWeek reports', () => {
    const input = generateWeek({ prisoners: 120, seed: 11 });
    const r = planWeek(input);
    expect(upperBound(input)).toEqual({
      activeDays: r.metrics.upperBound,
      fixedActiveDays: expect.any(Number),
      prisonerDays: r.metrics.prisonerDays,
    });
    expect(upperBound(input).fixedActiveDays).toBeGreaterThan(0);
  });

  it('returns a valid plan, never below greedy, when the time limit has already passed', () => {
    const input = generateWeek({ prisoners: 400, seed: 5 });
    const r = planWeek(input, { timeLimitMs: -1 });
    expectValid(input, r);
    expect(r.solver.timedOut).toBe(true);
    expect(r.metrics.activeDays).toBeGreaterThanOrEqual(r.greedy.activeDays);
    expect(r.metrics.upperBound).toBe(upperBound(input).activeDays);
    expect(r.explanations).toHaveLength(400 * 5 - r.metrics.activeDays);
  });

  it('returns a valid plan at least as good as greedy even with no time at all', () => {
    const input: PlanningInput = {
      days: [MON],
      sessions: [session('AM', 'W', MON, 'AM', 1), session('PM', 'W', MON, 'PM', 1)],
      prisoners: [prisoner('A', ['W']), prisoner('B', ['W']), prisoner('C', ['W'])],
    };
    const r = planWeek(input, { timeLimitMs: -1 });
    expectValid(input, r);
    expect(r.metrics.activeDays).toBeGreaterThanOrEqual(r.greedy.activeDays);
    expect(r.metrics.upperBound).toBe(2);
  });
});

describe('validatePlan', () => {
  const input: PlanningInput = {
    days: [MON],
    sessions: [
      session('W', 'W', MON, 'AM', 1),
      session('X', 'X', MON, 'AM', 3),
      session('OFF', 'W', MON, 'PM', 3, { staffPresent: false }),
      session('K', 'K', MON, 'PM', 3),
    ],
    prisoners: [prisoner('A', ['W', 'X', 'K']), prisoner('B', ['W', 'X'], [MON], [[MON, 'PM']]), prisoner('C', ['W'], [TUE])],
    nonAssociations: [['A', 'B']],
  };

  it('accepts an empty plan', () => {
    expect(validatePlan(input, [])).toEqual([]);
  });

  it('lists each broken hard rule', () => {
    const codes = validatePlan(input, [
      { prisonerId: 'A', sessionId: 'W' },
      { prisonerId: 'B', sessionId: 'W' }, // capacity and non-association
      { prisonerId: 'A', sessionId: 'X' }, // double booked
      { prisonerId: 'C', sessionId: 'X' }, // not in custody, not eligible
      { prisonerId: 'A', sessionId: 'OFF' }, // staff absent
      { prisonerId: 'B', sessionId: 'K' }, // unavailable, not eligible
      { prisonerId: 'A', sessionId: 'K' }, // non-association again
      { prisonerId: 'A', sessionId: 'K' }, // duplicate
      { prisonerId: 'Z', sessionId: 'K' },
      { prisonerId: 'A', sessionId: 'NOPE' },
    ]).map((v) => v.code);
    expect(codes.sort()).toEqual(
      [
        'CAPACITY_EXCEEDED',
        'NON_ASSOCIATION',
        'DOUBLE_BOOKED',
        'NOT_IN_CUSTODY',
        'NOT_ELIGIBLE',
        'SESSION_NOT_RUNNING',
        'UNAVAILABLE',
        'NOT_ELIGIBLE',
        'NON_ASSOCIATION',
        'DUPLICATE_ASSIGNMENT',
        'UNKNOWN_PRISONER',
        'UNKNOWN_SESSION',
      ].sort(),
    );
  });
});
