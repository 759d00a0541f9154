/**
 * The automatic week planner.
 *
 * 1. Model (model.ts): sessions and prisoners indexed in canonical order; locks and closed groups
 *    become fixed assignments (or input conflicts when they break another hard rule).
 * 2. Baseline: the plain greedy allocator (greedy.ts).
 * 3. Proven upper bound on active days: a max flow on the class-aggregated relaxation
 *    (relaxation.ts).
 * 4. Optimum of the relaxation for all five objectives: a lexicographic min-cost circulation
 *    (network simplex) on the same network.
 * 5. Disaggregation of the class flows to real sessions (current session first, non-associations
 *    respected, small swaps); augmenting-chain repair and a seeded ejection search
 *    (local-search.ts) for the prisoner-days that non-associations pushed out; then one pass per
 *    lower objective: fairness, priorities, continuity, fill/full days (passes.ts).
 * 6. The result is compared lexicographically with the greedy plan and the better one is
 *    returned, so the engine never falls below the baseline.
 * Only the deadline depends on the clock: below the time limit the result is deterministic.
 */
import { cliqueCover, ExactSolver, loadExactSolver } from './exact-day';
import { fairnessCandidates, maxPrisonersWithActivity, solveFairness } from './exact-fairness';
import { dayFlowBounds, exactStep, ExactStepResult } from './exact-step';
import { greedyState } from './greedy';
import { kickSearch, Repairer } from './local-search';
import { buildModel, toAllocations } from './model';
import { continuityPass, fairnessPass, fillPass, priorityPass } from './passes';
import { compareMetrics, evaluate, explain, PlanState } from './plan-state';
import { buildClassNet, ClassNet, flowUpperBound, relaxedOptimum, Route } from './relaxation';
import { PlanningInput, PlanningOptions, PlanningResult, SolverPhase, UpperBound } from './types';

export const DEFAULT_TIME_LIMIT_MS = 20_000;
/** Weeks up to this size always get the exact step for objective 2 when it may help. */
export const EXACT_FAIRNESS_MAX_PRISONERS = 60;

/** Puts the routed prisoners into real sessions of their class; returns the routes that failed. */
function disaggregate(st: PlanState, net: ClassNet, routes: Route[]): Route[] {
  const m = st.m;
  const H = m.H;
  const byNode: Route[][] = Array.from({ length: net.cHd.length }, () => []);
  for (const r of routes) byNode[r.node].push(r);
  const failed: Route[] = [];
  for (let c = 0; c < byNode.length; c++) {
    const list = byNode[c];
    if (!list.length) continue;
    const sessions = net.cSessions[c];
    const isCur = (r: Route) => {
      const cur = m.currentAt[r.p * H + r.hd];
      return cur >= 0 && net.sessionNode[cur] === c ? 0 : 1;
    };
    list.sort((a, b) => isCur(a) - isCur(b) || m.enemies[b.p].length - m.enemies[a.p].length || a.p - b.p);
    for (const r of list) {
      const { p, hd } = r;
      if (st.assign[p * H + hd] >= 0) continue;
      const cur = m.currentAt[p * H + hd];
      if (cur >= 0 && net.sessionNode[cur] === c && st.canPlace(p, cur)) {
        st.place(p, cur);
        continue;
      }
      const otherS = st.assign[p * H + (hd ^ 1)];
      const otherAct = otherS >= 0 ? m.sessionAct[otherS] : -1;
      let best = -1;
      let bestScore = -1;
      let bestRoom = -1;
      for (const s of sessions) {
        if (!st.canPlace(p, s)) continue;
        const a = m.sessionAct[s];
        let score = a === otherAct ? 4 : 0;
        for (let h = 0; h < H; h++) {
          const cs = m.currentAt[p * H + h];
          if (cs >= 0 && m.sessionAct[cs] === a) {
            score += 2;
            break;
          }
        }
        const room = st.room(s);
        if (score > bestScore || (score === bestScore && room > bestRoom)) {
          best = s;
          bestScore = score;
          bestRoom = room;
        }
      }
      if (best >= 0) {
        st.place(p, best);
        continue;
      }
      if (!swapIn(st, p, sessions)) failed.push(r);
    }
  }
  return failed;
}

/** p enters s2 of the class while an occupant r moves to another session s3 of the class. */
function swapIn(st: PlanState, p: number, sessions: Int32Array): boolean {
  const m = st.m;
  for (const s2 of sessions) {
    if (!st.allowed(p, s2)) continue;
    const hd = m.sessionHd[s2];
    for (const r of st.occ[s2]) {
      if (st.isFixed(r, hd) || !st.compatible(p, s2, r)) continue;
      for (const s3 of sessions) {
        if (s3 === s2 || !st.allowed(r, s3) || st.room(s3) <= 0 || !st.compatible(r, s3)) continue;
        st.unplace(r, hd);
        st.place(r, s3);
        st.place(p, s2);
        return true;
      }
    }
  }
  return false;
}

/**
 * The proven upper bound on active days alone (the max flow of the relaxation, without planning):
 * no plan that keeps the hard rules, the locks and the closed groups has more active days.
 */
export function upperBound(input: PlanningInput): UpperBound {
  const m = buildModel(input);
  const ub = flowUpperBound(m, buildClassNet(m));
  return { activeDays: ub.bound, fixedActiveDays: ub.fixedDays, prisonerDays: evaluate(new PlanState(m)).prisonerDays };
}

/**
 * planWeek with the exact per-day step (HiGHS, loaded once per thread): what the worker pool, the
 * service and the benchmark run. HiGHS only runs when the heuristic plan is below the bound.
 */
export async function planWeekExact(input: PlanningInput, options: PlanningOptions = {}): Promise<PlanningResult> {
  const highs = options.exact === false ? undefined : await loadExactSolver();
  return planWeek(input, options, highs);
}

/**
 * Plans the week. Without `highs` (a loaded HiGHS, see planWeekExact) the plan is the heuristic's
 * alone, as before issue 17; with it, a plan below the bound is improved day by day until the time
 * limit, and the bound tightened.
 */
export function planWeek(input: PlanningInput, options: PlanningOptions = {}, highs?: ExactSolver): PlanningResult {
  const t0 = Date.now();
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const deadline = t0 + timeLimitMs;
  const phases: SolverPhase[] = [];
  let tPhase = Date.now();
  const phase = (name: string) => {
    const now = Date.now();
    phases.push({ name, ms: now - tPhase });
    tPhase = now;
  };
  let timedOut = false;
  const late = () => {
    if (Date.now() > deadline) timedOut = true;
    return timedOut;
  };

  const m = buildModel(input);
  phase('model');
  const greedy = greedyState(m);
  const greedyMetrics = evaluate(greedy);
  phase('greedy');
  const net = buildClassNet(m);
  const ub = flowUpperBound(m, net);
  phase('bound');

  let routes = ub.routes;
  let relaxedDays = ub.bound;
  let method = 'max-flow routes';
  const relaxed = relaxedOptimum(m, net, deadline);
  if (relaxed && relaxed.days + ub.fixedDays >= ub.bound) {
    routes = relaxed.routes;
    relaxedDays = relaxed.days + ub.fixedDays;
    method = 'lexicographic min-cost flow';
  } else if (!relaxed) {
    late();
  }
  phase('relaxation');

  const st = new PlanState(m);
  const failed = disaggregate(st, net, routes);
  phase('disaggregate');

  const rep = new Repairer(st);
  const attainable = (p: number, d: number) => (m.availMask[p] >> (2 * d)) & 3;
  // 1. prisoner-days pushed out by non-associations first, then any other inactive day
  for (const r of failed) {
    if (st.activeDays >= ub.bound || late()) break;
    const d = r.hd >> 1;
    if (st.halvesOnDay(r.p, d) === 0) rep.augment(r.p, d);
  }
  for (let p = 0; p < m.P && st.activeDays < ub.bound && !late(); p++) {
    for (let d = 0; d < m.D; d++) if (attainable(p, d) && st.halvesOnDay(p, d) === 0) rep.augment(p, d);
  }
  if (st.activeDays < ub.bound && !late()) {
    const k = kickSearch(st, rep, {
      target: ub.bound,
      maxIterations: 4000,
      maxStall: 1500,
      deadline,
      seed: 0x5eed + m.P,
    });
    if (k.timedOut) timedOut = true;
  }
  phase('repair');
  let exact: ExactStepResult | null = null;
  const dayBounds = dayFlowBounds(m, ub.routes);
  if (highs && options.exact !== false && st.activeDays < ub.bound) {
    // keep a share of the budget for the lower objectives' passes
    const reserve = Math.min(2000, timeLimitMs * 0.1);
    exact = exactStep(highs, st, dayBounds, deadline - reserve);
    phase('exact');
  }
  fairnessPass(st, rep, late);
  phase('fairness');
  let fairnessSolved = false;
  // Objective 2 exactly (active days kept), from the current plan: on small weeks, and on weeks
  // where the exact per-day step ran; realistic weeks at their bound skip it (speed).
  if (highs && options.exact !== false && (m.P <= EXACT_FAIRNESS_MAX_PRISONERS || exact) && !late()) {
    const withActivity = evaluate(st).prisonersInCustody - st.withoutActivity;
    if (fairnessCandidates(st).length > 0 && withActivity < maxPrisonersWithActivity(m, net)) {
      const left = (deadline - Date.now()) / 1000;
      const assign = solveFairness(highs, m, cliqueCover(m), st, Math.min(left * 0.5, exact ? 10 : 2));
      if (assign) {
        st.load(assign);
        fairnessSolved = true;
      }
      phase('exact-fairness');
    }
  }
  priorityPass(st, rep, late);
  phase('priorities');
  continuityPass(st, rep, late);
  phase('continuity');
  fillPass(st);
  phase('fill');

  const engineMetrics = evaluate(st);
  const useEngine = compareMetrics(engineMetrics, greedyMetrics) >= 0;
  const chosen = useEngine ? st : greedy;
  const metrics = useEngine ? engineMetrics : greedyMetrics;
  const flowDays = dayFlowBounds(m, ub.routes);
  const explanations = explain(chosen, { bound: dayBounds, flow: flowDays });
  const assignments = toAllocations(m, chosen.pairs());
  phase('explain');

  const bound = Math.min(
    ub.bound,
    dayBounds.reduce((a, b) => a + b, 0),
  );
  return {
    assignments,
    metrics: {
      ...metrics,
      upperBound: bound,
      gap: bound - metrics.activeDays,
      shareOfBound: bound === 0 ? 1 : metrics.activeDays / bound,
      provenOptimalActiveDays: metrics.activeDays === bound,
    },
    greedy: greedyMetrics,
    explanations,
    conflicts: m.conflicts.slice(),
    solver: {
      method:
        `greedy baseline; Dinic max-flow upper bound on class-aggregated sessions; ${method} on the relaxation; ` +
        'disaggregation to sessions; augmenting-chain repair and ejection search (non-associations); ' +
        (exact ? 'exact per-day MILP (HiGHS, clique constraints) on the days below their bound; ' : '') +
        (fairnessSolved ? 'week MILP for prisoners without activity (active days kept); ' : '') +
        'fairness, priority, continuity and fill passes',
      chosen: useEngine ? 'ENGINE' : 'GREEDY',
      timedOut,
      timeLimitMs,
      elapsedMs: Date.now() - t0,
      phases,
      relaxedActiveDays: relaxedDays,
      flowUpperBound: ub.bound,
      exact: exact
        ? {
            solves: exact.solves,
            cliques: exact.cliques,
            days: exact.days.map((x, d) => ({ date: m.days[d], ...x })),
          }
        : null,
    },
  };
}
