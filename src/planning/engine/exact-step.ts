/**
 * The anytime exact step of planWeek (issue 17): when the heuristic plan does not meet the flow
 * bound, the days with a gap are solved exactly, one at a time, with HiGHS (exact-day.ts),
 * largest gap first: in the first round each open day gets its share of the budget left (one long
 * solve proves more than restarts), then days still open get their share of what remains again
 * (growing slices while their configuration-LP bound is still going on). A day plan that
 * is better than the current one replaces it (the current one is the MILP's starting solution,
 * so it never gets worse); the day's bound becomes HiGHS's proven bound. In the first round a
 * day's slice is split: HiGHS on the whole day first, then (day not proven) the configuration-LP
 * bound (day-bound.ts, at most BOUND_SHARE of the slice, days whose sessions are small enough),
 * which goes on in later rounds before HiGHS runs on the day again, then a large-neighbourhood
 * search on it (improveDay, the rest of the slice, until it stalls). Days that skip the
 * configuration-LP bound (sessions of too many candidates) run, when more than one day is open, a
 * short HiGHS probe, the neighbourhoods, then HiGHS from their plan (LNS_FIRST). The best plan is
 * always the one in the PlanState.
 */
import { dayConfigurationBound, dayPool, DayPool } from './day-bound';
import { cliqueCover, DaySolve, ExactSolver, newSessionCuts, solveDay } from './exact-day';
import { Model } from './model';
import { PlanState } from './plan-state';
import { mulberry32, Rng } from './prng';
import { Route } from './relaxation';

/** The share of a day's first slice kept for its configuration-LP bound when HiGHS does not prove the day. */
export const BOUND_SHARE = 0.3;

export interface DayStatus {
  /** Active prisoner-days of the plan on that day. */
  active: number;
  /** Proven upper bound on that day's active prisoner-days. */
  bound: number;
  /** True when active === bound (the flow bound met, or HiGHS proved the day's optimum). */
  proven: boolean;
  /** Exact solves run on that day and their total time. */
  solves: number;
  ms: number;
}

/** Per-day flow bound: fixed active days plus the day's routes of a maximum flow (the flow decomposes by day). */
export function dayFlowBounds(m: Model, routes: readonly Route[]): number[] {
  const b = new Array<number>(m.D).fill(0);
  for (const r of routes) b[r.hd >> 1]++;
  for (let p = 0; p < m.P; p++)
    for (let d = 0; d < m.D; d++) if (m.fixedAt[p * m.H + 2 * d] >= 0 || m.fixedAt[p * m.H + 2 * d + 1] >= 0) b[d]++;
  return b;
}

export function activeOnDay(st: PlanState, d: number): number {
  let n = 0;
  for (let p = 0; p < st.m.P; p++) if (st.halvesOnDay(p, d) > 0) n++;
  return n;
}

/** Replaces day d of the plan by the given pairs (fixed assignments are in both). */
export function loadDay(st: PlanState, d: number, pairs: ReadonlyArray<{ p: number; s: number }>): void {
  const m = st.m;
  for (let p = 0; p < m.P; p++) for (let hd = 2 * d; hd <= 2 * d + 1; hd++) if (!st.isFixed(p, hd)) st.unplace(p, hd);
  for (const { p, s } of pairs) if (st.assign[p * m.H + m.sessionHd[s]] !== s) st.place(p, s);
}

/** Takes the day plan of a solve when it is better than the current one (the solve started from it). */
function takeIfBetter(st: PlanState, d: number, x: DayStatus, r: DaySolve): void {
  if (r.pairs && r.value > x.active) {
    loadDay(st, d, r.pairs);
    x.active = activeOnDay(st, d);
  }
}

/** Runs the day's configuration-LP bound until `until` and tightens the day's bound with it. */
function tightenWithConfigurationBound(highs: ExactSolver, st: PlanState, d: number, x: DayStatus, until: number, pool: DayPool): void {
  const cg = dayConfigurationBound(highs, st.m, d, st.assign, until, x.active, pool);
  x.ms += cg.ms;
  if (cg.bound !== null) x.bound = Math.max(x.active, Math.min(x.bound, cg.bound));
}

/**
 * The share of a day's first slice given to the large-neighbourhood search (improveDay) when
 * HiGHS does not prove the day: on dense-na 60 (load 5–6) the plan went from 224–228 to 230–231
 * of the optimum 231 with half the slice; HiGHS alone finds the last prisoner-days of a day only
 * late in a solve.
 */
export const LNS_SHARE = 0.5;
/**
 * The neighbourhood search of a day stops after this share of its part and LNS_STALL_SOLVES
 * neighbourhoods without a better plan: on dense-na 60 it reaches the day's optimum early and then
 * only looks for a plan above it, while one more long HiGHS solve in a later round may prove the
 * day (the time goes to the next days). With the time alone (≈ 10–15 neighbourhoods) the plan was
 * 227 and 230 in 2 of 9 runs (231 in the others), bound 232–233; with 20 neighbourhoods 231 but
 * the bound 233 in 3 of 3 runs; with 12, 230–231 and the bound 232 in 3 of 3 (load 2.3–3.1).
 */
export const LNS_STALL = 0.4;
export const LNS_STALL_SOLVES = 12;
/**
 * On days whose configuration-LP bound is skipped (a session of more than
 * DAY_BOUND_MAX_CANDIDATES candidates: dense-na, locks, unavailable 120) the first slice is a short
 * HiGHS probe (PROBE_SEC, proves the easy days), then the neighbourhood search (until LNS_FIRST of
 * the slice, stall after LNS_FIRST_STALL of it and LNS_STALL_SOLVES neighbourhoods), then HiGHS
 * from its plan for the rest. The whole-day solve there gives its dual bound at the root (≈ 0.7 s)
 * and then a better plan only late (3–5 s), while the neighbourhoods find +2 on most days within
 * ≈ 1.5 s; the day HiGHS can prove (dense-na 120 day 4, 106, ≈ 1.9 s from 103) needs one
 * contiguous solve, which the stall leaves it. Before (HiGHS 50 %, then neighbourhoods) the last
 * day of dense-na 120 got ≈ 1.75 s and was proven only on a quiet machine.
 */
export const LNS_FIRST = 0.65;
export const LNS_FIRST_STALL = 0.15;
/**
 * Neighbourhoods without a better plan before the first phase stalls (with LNS_FIRST_STALL): with 12
 * the last day of dense-na 120 was proven with a 20 s budget but not with 16 s (467), with 6 at 16 s
 * 469 and 471 (load 1.3).
 */
export const LNS_FIRST_STALL_SOLVES = 6;
export const PROBE_SEC = 0.1;
/**
 * In later rounds a day that skips the configuration-LP bound gets neighbourhoods instead of a
 * HiGHS restart when its slice is shorter than this (s): such a restart does not finish HiGHS's
 * root on ≈ 100-candidate sessions.
 */
export const HIGHS_MIN_SEC = 1;
/** Time limit of one neighbourhood's MILP (most are proven well within it). */
export const LNS_SEC = 0.3;
/** Starting share of the day's active prisoners set free in a neighbourhood (adapted as it goes). */
export const LNS_FREE = 0.4;

/**
 * Large-neighbourhood search on day d until `until`: the day's active prisoners are each kept in
 * their session with probability 1 − f, the others (and every inactive prisoner) are free, and the
 * small MILP is solved with HiGHS (from the current plan, so never worse); a better day plan
 * replaces the current one. Stops at `until`, when the day meets its bound or after `stallMs` and
 * LNS_STALL_SOLVES neighbourhoods without a better plan. Returns the solves.
 * Deterministic apart from the clock (`rng` is seeded once per exact step).
 */
export function improveDay(
  highs: ExactSolver,
  st: PlanState,
  d: number,
  cliques: number[][],
  cuts: ReturnType<typeof newSessionCuts>,
  x: DayStatus,
  until: number,
  rng: Rng,
  stallMs = Infinity,
  stallSolves = LNS_STALL_SOLVES,
): number {
  const m = st.m;
  let free = LNS_FREE;
  let solves = 0;
  let last = Date.now();
  let lastSolve = 0;
  while (x.active < x.bound) {
    const left = (until - Date.now()) / 1000;
    if (left < 0.05 || (Date.now() - last > stallMs && solves - lastSolve >= stallSolves)) break;
    const keep = new Set<number>();
    for (let p = 0; p < m.P; p++) if (st.halvesOnDay(p, d) > 0 && rng() >= free) keep.add(p);
    const r = solveDay(highs, m, d, cliques, st.assign, Math.min(LNS_SEC, left), x.bound, [], cuts, keep);
    solves++;
    x.ms += r.ms;
    if (r.status === 'FAILED') break;
    const had = x.active;
    takeIfBetter(st, d, x, r);
    if (x.active > had) {
      last = Date.now();
      lastSolve = solves;
    }
    // larger neighbourhoods while they are solved to optimality, smaller when they time out
    free = r.status === 'OPTIMAL' ? Math.min(0.9, free * 1.15) : Math.max(0.1, free * 0.8);
  }
  return solves;
}

export interface ExactStepResult {
  days: DayStatus[];
  solves: number;
  cliques: number;
}

/**
 * Runs until every day meets its bound or `until` (epoch ms) passes. `bounds` are the days'
 * proven bounds so far (the flow bound), tightened in place.
 */
export function exactStep(highs: ExactSolver, st: PlanState, bounds: number[], until: number): ExactStepResult {
  const m = st.m;
  const days: DayStatus[] = bounds.map((b, d) => {
    const active = activeOnDay(st, d);
    return { active, bound: b, proven: active >= b, solves: 0, ms: 0 };
  });
  const cliques = cliqueCover(m);
  // independence bounds, shared by every day and round (the same candidate sets recur)
  const cuts = newSessionCuts();
  let solves = 0;
  let slice = 2;
  const pools = days.map((_, d) => dayPool(m, d));
  // days whose configuration-LP bound is skipped (too many candidates a session)
  const large = pools.map((p) => p.done);
  const rng = mulberry32(0x17);
  for (let round = 0; round < 8; round++) {
    const open = days.map((x, d) => ({ x, d })).filter(({ x }) => !x.proven);
    if (!open.length) break;
    // largest gap first; equal gaps in day order
    open.sort((a, b) => b.x.bound - b.x.active - (a.x.bound - a.x.active) || a.d - b.d);
    for (let i = 0; i < open.length; i++) {
      const left = (until - Date.now()) / 1000;
      if (left < 0.05) return { days, solves, cliques: cliques.length };
      const { x, d } = open[i];
      // one HiGHS solve of the whole day from the current plan (counted; its plan taken when better)
      const wholeDay = (sec: number): DaySolve => {
        const r = solveDay(highs, m, d, cliques, st.assign, sec, x.bound, [], cuts);
        solves++;
        x.solves++;
        x.ms += r.ms;
        if (r.status !== 'FAILED') takeIfBetter(st, d, x, r);
        return r;
      };
      // each open day its share of what is left (one long solve beats restarts); growing slices
      // for a day whose configuration-LP bound is still going on (it goes first)
      const pool = pools[d];
      const share = left / (open.length - i);
      const limit = round === 0 || pool.done ? share : Math.min(slice, share);
      const t0 = Date.now();
      if (round > 0 && large[d] && limit < HIGHS_MIN_SEC) {
        improveDay(highs, st, d, cliques, cuts, x, t0 + limit * 1000, rng);
      } else if (round > 0 && !pool.done) {
        // a day HiGHS did not prove goes on with its configuration-LP bound first
        tightenWithConfigurationBound(highs, st, d, x, t0 + limit * 1000, pool);
      } else {
        // The first solve of a day leaves shares of its time for the configuration-LP bound and the
        // neighbourhood search. Days that skip the bound go neighbourhoods first and HiGHS from their
        // plan, but only when days compete for the budget: the one open day of a week gets all of it,
        // and HiGHS first proves it at once (dense-na 400 day 0 in 1.6 s, unavailable 400 day 2 in
        // 0.7 s), where the neighbourhoods first ran until their stall (15 % of a 19 s share): 4.4 and
        // 3.5 s, the same plans.
        const first = round === 0 && large[d] && open.length > 1;
        const lns = round === 0 && !first ? limit * LNS_SHARE : 0;
        if (first) {
          // a short HiGHS probe proves the easy days (unavailable 120: 0.05–0.2 s) before any neighbourhood
          const probe = wholeDay(Math.min(PROBE_SEC, limit / 4));
          // only a proven day's bound: a tighter cap changes HiGHS's root in the solve below (dense-na 120: 495 against 494)
          if (probe.status === 'OPTIMAL') x.bound = Math.max(x.active, Math.min(x.bound, probe.bound));
          if (x.active < x.bound)
            improveDay(
              highs,
              st,
              d,
              cliques,
              cuts,
              x,
              t0 + limit * LNS_FIRST * 1000,
              rng,
              LNS_FIRST_STALL * limit * 1000,
              LNS_FIRST_STALL_SOLVES,
            );
          if (x.active >= x.bound) {
            bounds[d] = x.bound;
            x.proven = true;
            continue;
          }
        }
        const r = wholeDay(
          first ? limit - (Date.now() - t0) / 1000 : (round === 0 && !pool.done ? limit * (1 - BOUND_SHARE) : limit) - lns,
        );
        if (r.status === 'FAILED') continue;
        x.bound = Math.max(x.active, Math.min(x.bound, r.bound));
        // the configuration-LP bound before the neighbourhoods: it often converges in a fraction of
        // its share, and a day it proves leaves the rest of its slice to the next days
        if (round === 0 && !pool.done && x.active < x.bound)
          tightenWithConfigurationBound(highs, st, d, x, Math.min(t0 + limit * 1000, Date.now() + limit * BOUND_SHARE * 1000), pool);
        if (lns > 0 && x.active < x.bound) improveDay(highs, st, d, cliques, cuts, x, t0 + limit * 1000, rng, LNS_STALL * lns * 1000);
      }
      bounds[d] = x.bound;
      x.proven = x.active >= x.bound;
    }
    slice *= 3;
  }
  return { days, solves, cliques: cliques.length };
}
