import { greedyPlan, planWeek, validatePlan } from './index';
import { compareMetrics } from './plan-state';
import { mulberry32, shuffled } from './prng';
import { generateWeek, SyntheticWeekOptions } from '../../../bench/planner/synthetic';
import { PlanningInput, PlanningResult } from './types';

/** A spread of seeded random weeks: sizes, tightness, density of non-associations, session sizes. */
const CASES: SyntheticWeekOptions[] = [];
for (let i = 0; i < 24; i++) {
  CASES.push({
    prisoners: [8, 13, 20, 35, 60, 120][i % 6],
    seed: 1000 + i,
    capacityRatio: [0.4, 0.6, 0.95, 1.1][i % 4],
    nonAssociationRate: [0.25, 1, 2][i % 3],
    activitiesPer100: [10, 20, 30][(i >> 1) % 3],
  });
}

/** Independent recount of the objectives from the plain assignments. */
function recount(input: PlanningInput, r: PlanningResult) {
  const sessions = new Map(input.sessions.map((s) => [s.id, s]));
  const halves = new Map<string, number>();
  for (const a of r.assignments) {
    const s = sessions.get(a.sessionId)!;
    const key = `${a.prisonerId}|${s.date}`;
    halves.set(key, (halves.get(key) ?? 0) + 1);
  }
  return { activeDays: halves.size, fullDays: Array.from(halves.values()).filter((h) => h === 2).length };
}

describe('planWeek — properties on seeded random weeks', () => {
  it.each(
    CASES.map(
      (c) => [`${c.prisoners} prisoners, seed ${c.seed}, capacity ${c.capacityRatio}, non-assoc ${c.nonAssociationRate}`, c] as const,
    ),
  )('%s', (_name, opts) => {
    const input = generateWeek(opts);
    const r = planWeek(input);
    const g = greedyPlan(input);

    // hard rules
    expect(validatePlan(input, r.assignments)).toEqual([]);
    expect(validatePlan(input, g.assignments)).toEqual([]);
    // engine ≥ greedy (lexicographically), both ≤ the bound
    expect(r.greedy).toEqual(g.metrics);
    expect(r.metrics.activeDays).toBeGreaterThanOrEqual(g.metrics.activeDays);
    expect(compareMetrics(r.metrics, g.metrics)).toBeGreaterThanOrEqual(0);
    expect(r.metrics.activeDays).toBeLessThanOrEqual(r.metrics.upperBound);
    expect(r.solver.relaxedActiveDays).toBe(r.metrics.upperBound);
    expect(r.metrics.gap).toBe(r.metrics.upperBound - r.metrics.activeDays);
    // metrics agree with the assignments
    const c = recount(input, r);
    expect(r.metrics.activeDays).toBe(c.activeDays);
    expect(r.metrics.fullDays).toBe(c.fullDays);
    expect(r.metrics.assignments).toBe(r.assignments.length);
    // one explanation per counted prisoner-day without activity
    const active = new Set(r.assignments.map((a) => `${a.prisonerId}|${input.sessions.find((s) => s.id === a.sessionId)!.date}`));
    const explained = new Set(r.explanations.map((e) => `${e.prisonerId}|${e.date}`));
    expect(explained.size).toBe(r.explanations.length);
    expect(r.explanations.length).toBe(input.prisoners.length * input.days.length - r.metrics.activeDays);
    for (const k of explained) expect(active.has(k)).toBe(false);
    // deterministic
    const again = planWeek(input);
    expect(again.assignments).toEqual(r.assignments);
    expect(again.metrics).toEqual(r.metrics);
    expect(again.explanations).toEqual(r.explanations);
    expect(generateWeek(opts)).toEqual(input);
    // and independent of the order of the input
    const rng = mulberry32(opts.seed);
    const permuted: PlanningInput = {
      ...input,
      days: shuffled(rng, input.days),
      sessions: shuffled(rng, input.sessions),
      prisoners: shuffled(rng, input.prisoners).map((p) => ({ ...p, eligibleActivityIds: shuffled(rng, p.eligibleActivityIds) })),
      nonAssociations: shuffled(rng, input.nonAssociations ?? []).map(([a, b]) => (rng() < 0.5 ? [b, a] : [a, b]) as [string, string]),
      locks: shuffled(rng, input.locks ?? []),
      priorities: shuffled(rng, input.priorities ?? []),
    };
    const p = planWeek(permuted);
    expect(p.assignments).toEqual(r.assignments);
    expect(p.metrics).toEqual(r.metrics);
    expect(p.explanations).toEqual(r.explanations);
  });
});
