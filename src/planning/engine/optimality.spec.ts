/**
 * Checks the engine and its bound against the exact optimum of objective 1 computed by a MILP
 * (HiGHS) on small seeded weeks. The MILP is the full problem: one binary per prisoner ×
 * allowed session, at most one session per half-day, capacities, non-associations, fixed
 * assignments, and y(p,d) ≤ Σ x for the active days.
 */
import highsLoader from 'highs';
import { planWeek, planWeekExact } from './index';
import { buildModel } from './model';
import { generateWeek, SyntheticWeekOptions } from '../../../bench/planner/synthetic';
import { PlanningInput } from './types';
import { validatePlan } from './validate';

function exactMilp(input: PlanningInput): string {
  const m = buildModel(input);
  const x = new Map<number, string>();
  const key = (p: number, s: number) => p * m.S + s;
  const bin: string[] = [];
  const cons: string[] = [];
  const obj: string[] = [];
  for (let p = 0; p < m.P; p++) {
    for (let hd = 0; hd < m.H; hd++) {
      if (!(m.availMask[p] & (1 << hd))) continue;
      const fixed = m.fixedAt[p * m.H + hd];
      for (const s of m.openByHd[hd]) {
        if (fixed >= 0 ? fixed !== s : !m.placeable[p * m.A + m.sessionAct[s]]) continue;
        const v = `x${p}_${s}`;
        x.set(key(p, s), v);
        bin.push(v);
        if (fixed === s) cons.push(`${v} = 1`);
      }
    }
    for (let d = 0; d < m.D; d++) {
      const terms: string[] = [];
      for (const hd of [2 * d, 2 * d + 1]) {
        const t = Array.from(m.openByHd[hd])
          .filter((s) => x.has(key(p, s)))
          .map((s) => x.get(key(p, s))!);
        if (t.length > 1) cons.push(`${t.join(' + ')} <= 1`);
        terms.push(...t);
      }
      if (!terms.length) continue;
      bin.push(`y${p}_${d}`);
      obj.push(`y${p}_${d}`);
      cons.push(`y${p}_${d} - ${terms.join(' - ')} <= 0`);
    }
  }
  for (let s = 0; s < m.S; s++) {
    const t: string[] = [];
    for (let p = 0; p < m.P; p++) {
      if (!x.has(key(p, s))) continue;
      t.push(x.get(key(p, s))!);
      for (const e of m.enemies[p]) if (e > p && x.has(key(e, s))) cons.push(`${x.get(key(p, s))} + ${x.get(key(e, s))} <= 1`);
    }
    if (t.length > m.sessionCap[s]) cons.push(`${t.join(' + ')} <= ${m.sessionCap[s]}`);
  }
  if (!obj.length) return 'Maximize\n obj: 0 z\nSubject To\n c0: z <= 0\nEnd\n';
  return `Maximize\n obj: ${obj.join(' + ')}\nSubject To\n${cons.map((c, i) => ` c${i}: ${c}`).join('\n')}\nBinary\n ${bin.join(' ')}\nEnd\n`;
}

const CASES: SyntheticWeekOptions[] = [];
for (let i = 0; i < 16; i++) {
  CASES.push({
    prisoners: 8 + ((i * 7) % 25),
    seed: 500 + i,
    capacityRatio: [0.4, 0.5, 0.7, 0.95][i % 4],
    nonAssociationRate: [0.5, 1, 2][i % 3],
    activitiesPer100: [10, 20, 30][(i >> 2) % 3],
  });
}

describe('planWeek against the exact MILP optimum (HiGHS)', () => {
  it('never exceeds its bound, the bound is never below the optimum, and the engine is (almost always) optimal', async () => {
    const highs = await highsLoader();
    let optimal = 0;
    const misses: string[] = [];
    for (const c of CASES) {
      const input = generateWeek(c);
      const r = planWeek(input);
      const sol = highs.solve(exactMilp(input), { time_limit: 30 });
      expect(sol.Status).toBe('Optimal');
      const opt = Math.round(sol.ObjectiveValue);
      expect(r.metrics.upperBound).toBeGreaterThanOrEqual(opt);
      expect(r.metrics.activeDays).toBeLessThanOrEqual(opt);
      expect(r.metrics.activeDays).toBeGreaterThanOrEqual(Math.floor(opt * 0.97));
      if (r.metrics.activeDays === opt) optimal++;
      else misses.push(`${JSON.stringify(c)}: engine ${r.metrics.activeDays}, optimum ${opt}`);
    }
    // Hard, tiny instances (up to 2 non-associated pairs per prisoner); the engine is a heuristic
    // on them but must hit the optimum in the large majority.
    expect(optimal + misses.length).toBe(CASES.length);
    expect(misses.length <= 2 ? [] : misses).toEqual([]);
  });

  it('with the exact per-day step (planWeekExact): the optimum on every week, and the bound proven equal to it', async () => {
    const highs = await highsLoader();
    for (const c of CASES) {
      const input = generateWeek(c);
      const r = await planWeekExact(input, { timeLimitMs: 20_000 });
      const opt = Math.round(highs.solve(exactMilp(input), { time_limit: 30 }).ObjectiveValue);
      expect(validatePlan(input, r.assignments)).toEqual([]);
      expect({ c, engine: r.metrics.activeDays, bound: r.metrics.upperBound }).toEqual({ c, engine: opt, bound: opt });
      expect(r.metrics.provenOptimalActiveDays).toBe(true);
      expect(r.metrics.upperBound).toBeLessThanOrEqual(r.solver.flowUpperBound);
    }
  });
});
