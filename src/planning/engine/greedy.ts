/**
 * The plain greedy allocator kept as the baseline: locks and closed groups first, then prisoners
 * in id order, each half-day of the week in order, into the first running session (canonical
 * order: activity id, session id) that has a place, is allowed and holds no non-associated
 * prisoner.
 */
import { buildModel, Model, toAllocations } from './model';
import { evaluate, PlanState } from './plan-state';
import { Allocation, PlanMetrics, PlanningInput } from './types';

export function greedyState(m: Model): PlanState {
  const st = new PlanState(m);
  const { P, H } = m;
  for (let p = 0; p < P; p++) {
    for (let hd = 0; hd < H; hd++) {
      if (st.assign[p * H + hd] >= 0 || !st.available(p, hd)) continue;
      const list = m.openByHd[hd];
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        if (st.canPlace(p, s)) {
          st.place(p, s);
          break;
        }
      }
    }
  }
  return st;
}

export function greedyPlan(input: PlanningInput): { assignments: Allocation[]; metrics: PlanMetrics } {
  const m = buildModel(input);
  const st = greedyState(m);
  return { assignments: toAllocations(m, st.pairs()), metrics: evaluate(st) };
}
