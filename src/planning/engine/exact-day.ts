/**
 * The exact per-day step: every hard rule acts within a session, a half-day or a day, so the
 * maximum number of active prisoner-days of a week is the sum of each day's maximum, and each day
 * is a separate, much smaller problem. This module writes one day as a MILP and solves it with
 * HiGHS (the `highs` WASM package, loaded once by `loadExactSolver`):
 *
 *   max Σ_p y_p
 *   y_p ≤ Σ_s x_ps                 (the day is active when the prisoner attends a session)
 *   Σ_{s at hd} x_ps ≤ 1           (one session per half-day)
 *   Σ_p x_ps ≤ capacity(s)
 *   Σ_{p ∈ C} x_ps ≤ 1             (for every clique C of a clique cover of the non-associations)
 *   x_ps = 1 for locks and closed-group sessions (fixed assignments)
 *
 * x only exists where the prisoner may be placed (running session, eligible, not a closed group
 * of which they are not a member, available that half-day). The current plan of the day is passed
 * as the starting solution, so HiGHS never returns less; the solve returns the best day plan found,
 * its optimum when proven, and HiGHS's dual bound (an upper bound on the day) otherwise.
 * The solver is deterministic for the same model and options (HiGHS runs single-threaded here);
 * only its time limit depends on the clock.
 */
import type { Highs } from 'highs';
import { Model } from './model';

/** The loaded HiGHS module (opaque to the callers). */
export type ExactSolver = Highs;

let loading: Promise<ExactSolver> | null = null;

/** Loads HiGHS once per process (or worker thread). */
export function loadExactSolver(): Promise<ExactSolver> {
  if (!loading) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loader = require('highs') as (opts?: object) => Promise<ExactSolver>;
    loading = loader().catch((e: unknown) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

/** Cliques (sorted prisoner indices, size ≥ 2) covering every non-associated pair at least once. */
export function cliqueCover(m: Model): number[][] {
  const cliques: number[][] = [];
  const covered = new Set<number>();
  const key = (a: number, b: number) => (a < b ? a * m.P + b : b * m.P + a);
  const adj = m.enemies.map((e) => new Set(e));
  for (let u = 0; u < m.P; u++) {
    for (const v of m.enemies[u]) {
      if (v < u || covered.has(key(u, v))) continue;
      const c = [u, v];
      // grow greedily with common enemies, preferring those whose pairs are not yet covered
      const cand = Array.from(m.enemies[u]).filter((w) => w !== v && adj[v].has(w));
      cand.sort((a, b) => a - b);
      for (const w of cand) if (c.every((x) => adj[w].has(x))) c.push(w);
      c.sort((a, b) => a - b);
      for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) covered.add(key(c[i], c[j]));
      cliques.push(c);
    }
  }
  return cliques;
}

export interface DayVar {
  p: number;
  s: number;
}

export interface DaySolve {
  /** 'OPTIMAL': `value` is the day's proven maximum; 'TIME_LIMIT': best found, `bound` from HiGHS. */
  status: 'OPTIMAL' | 'TIME_LIMIT' | 'FAILED';
  /** Active prisoner-days of the returned day plan. */
  value: number;
  /** Proven upper bound on the day's active prisoner-days. */
  bound: number;
  /** The day plan: (prisoner, session) pairs, or null when HiGHS returned no solution. */
  pairs: DayVar[] | null;
  ms: number;
}

/**
 * Solves day d. `start` is the current plan (P*H sessions or -1) used as the starting solution;
 * `required` prisoners must be active that day (used to ask whether a day can take someone more);
 * `knownBound` is an upper bound already proven (the flow bound), used to cut the search.
 */
export function solveDay(
  highs: ExactSolver,
  m: Model,
  d: number,
  cliques: number[][],
  start: Int32Array,
  timeLimitSec: number,
  knownBound: number,
  required: readonly number[] = [],
): DaySolve {
  const t0 = Date.now();
  const { H, A } = m;
  const vars: DayVar[] = [];
  const lower: number[] = [];
  const yOf = new Int32Array(m.P).fill(-1);
  const ys: number[] = [];
  const xAt = new Map<number, number>(); // p*S+s -> column
  const perHalf: number[][] = [];
  const perDay: Array<{ y: number; xs: number[] }> = [];
  for (let p = 0; p < m.P; p++) {
    if (!(m.custodyMask[p] & (1 << d))) continue;
    const xs: number[] = [];
    for (let hd = 2 * d; hd <= 2 * d + 1; hd++) {
      if (!(m.availMask[p] & (1 << hd))) continue;
      const fixed = m.fixedAt[p * H + hd];
      const half: number[] = [];
      for (const s of m.openByHd[hd]) {
        if (fixed >= 0 ? fixed !== s : !m.placeable[p * A + m.sessionAct[s]]) continue;
        const col = vars.length;
        vars.push({ p, s });
        lower.push(fixed === s ? 1 : 0);
        xAt.set(p * m.S + s, col);
        half.push(col);
      }
      if (half.length > 1) perHalf.push(half);
      xs.push(...half);
    }
    if (!xs.length) continue;
    perDay.push({ y: -1, xs });
    yOf[p] = perDay.length - 1;
  }
  const nX = vars.length;
  perDay.forEach((e) => {
    e.y = nX + ys.length;
    ys.push(e.y);
  });
  const numCols = nX + ys.length;
  if (ys.length === 0) return { status: 'OPTIMAL', value: 0, bound: 0, pairs: [], ms: Date.now() - t0 };

  // rows in row-wise sparse form
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const row = (cols: number[], coefs: number[] | number, lo: number, hi: number) => {
    for (let i = 0; i < cols.length; i++) {
      indices.push(cols[i]);
      values.push(typeof coefs === 'number' ? coefs : coefs[i]);
    }
    starts.push(indices.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  };
  const INF = highs.infinity;
  for (const e of perDay) row([e.y, ...e.xs], [1, ...e.xs.map(() => -1)], -INF, 0);
  for (const h of perHalf) row(h, 1, -INF, 1);
  for (let hd = 2 * d; hd <= 2 * d + 1; hd++) {
    for (const s of m.openByHd[hd]) {
      const cols: number[] = [];
      for (let p = 0; p < m.P; p++) {
        const c = xAt.get(p * m.S + s);
        if (c !== undefined) cols.push(c);
      }
      if (cols.length > m.sessionCap[s]) row(cols, 1, -INF, m.sessionCap[s]);
      if (cols.length < 2) continue;
      for (const cl of cliques) {
        const cc: number[] = [];
        for (const p of cl) {
          const c = xAt.get(p * m.S + s);
          if (c !== undefined) cc.push(c);
        }
        if (cc.length > 1) row(cc, 1, -INF, 1);
      }
    }
  }
  // the objective cannot exceed the known bound
  row(ys, 1, -INF, knownBound);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  for (let i = 0; i < nX; i++) colLower[i] = lower[i];
  for (const p of required) {
    const k = yOf[p];
    if (k < 0) return { status: 'OPTIMAL', value: -1, bound: -1, pairs: null, ms: Date.now() - t0 };
    colLower[perDay[k].y] = 1;
  }
  const colCost = new Float64Array(numCols);
  for (const y of ys) colCost[y] = 1;
  const integrality = new Int32Array(numCols);
  for (let i = 0; i < nX; i++) integrality[i] = 1;

  const startVal = new Float64Array(numCols);
  let startOk = required.length === 0;
  if (startOk) {
    for (let i = 0; i < nX; i++) if (start[vars[i].p * H + m.sessionHd[vars[i].s]] === vars[i].s) startVal[i] = 1;
    for (const e of perDay) startVal[e.y] = e.xs.some((c) => startVal[c] === 1) ? 1 : 0;
  }

  const model = highs.createModel({
    numCols,
    numRows: rowLower.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: {
      format: 'csr',
      numRows: rowLower.length,
      numCols,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    integrality: integrality as unknown as Int32Array,
  });
  try {
    model.options.set({
      time_limit: Math.max(0.05, timeLimitSec),
      mip_rel_gap: 0,
      mip_abs_gap: 0.999,
      random_seed: 0,
      output_flag: false,
    });
    if (startOk) startOk = model.setSolution({ colValue: startVal }).status >= 0;
    model.run();
    const st = model.getModelStatus();
    const C = highs.constants.modelStatus;
    const infeasible = st === C.infeasible;
    if (infeasible) return { status: 'OPTIMAL', value: -1, bound: -1, pairs: null, ms: Date.now() - t0 };
    const sol = model.getSolution();
    const cv = sol.colValue;
    let pairs: DayVar[] | null = null;
    let value = 0;
    if (cv && cv.length === numCols && model.info.get('primal_solution_status') === 2) {
      pairs = [];
      const act = new Set<number>();
      for (let i = 0; i < nX; i++)
        if (cv[i] > 0.5) {
          pairs.push(vars[i]);
          act.add(vars[i].p);
        }
      value = act.size;
    }
    const optimal = st === C.optimal;
    let bound = knownBound;
    if (optimal && pairs) bound = value;
    else {
      const db = Number(model.info.get('mip_dual_bound'));
      if (Number.isFinite(db)) bound = Math.min(knownBound, Math.floor(db + 1e-6));
    }
    return { status: optimal && pairs ? 'OPTIMAL' : 'TIME_LIMIT', value, bound: Math.max(bound, value), pairs, ms: Date.now() - t0 };
  } catch {
    return { status: 'FAILED', value: 0, bound: knownBound, pairs: null, ms: Date.now() - t0 };
  } finally {
    model.dispose();
  }
}
