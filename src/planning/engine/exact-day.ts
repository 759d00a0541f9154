/**
 * The exact per-day step: every hard rule acts within a session, a half-day or a day, so the
 * maximum number of active prisoner-days of a week is the sum of each day's maximum, and each day
 * is a separate, much smaller problem. This module writes one day as a MILP and solves it with
 * HiGHS (the `highs` WASM package, loaded once by `loadExactSolver`):
 *
 *   max Σ x_ps  (+ the prisoners active that day by a fixed assignment)
 *   Σ_{s of the day} x_ps ≤ 1      (one session a day is enough: a day counts once)
 *   Σ_p x_ps ≤ capacity(s)
 *   Σ_{p ∈ C} x_ps ≤ 1             (for every maximal clique C of the non-associations among
 *                                   the prisoners who may join s)
 *   prisoners with a lock or closed-group session that day keep exactly their fixed sessions
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

/**
 * The maximal cliques (size ≥ 2, sorted) of the non-association graph restricted to `nodes`
 * (Bron–Kerbosch with pivoting, nodes in the given order, so the result is deterministic), or null
 * when there are more than `limit` of them. Every non-associated pair of `nodes` is in at least one.
 */
export function maximalCliques(m: Model, nodes: readonly number[], limit = 5000): number[][] | null {
  const inSet = new Set(nodes);
  const adj = new Map<number, number[]>();
  for (const u of nodes)
    adj.set(
      u,
      Array.from(m.enemies[u]).filter((v) => inSet.has(v)),
    );
  const out: number[][] = [];
  const withEdges = nodes.filter((u) => adj.get(u)!.length > 0);
  let over = false;
  const rec = (r: number[], pSet: number[], xSet: number[]) => {
    if (over) return;
    if (!pSet.length && !xSet.length) {
      if (r.length >= 2) {
        out.push(r.slice().sort((a, b) => a - b));
        if (out.length > limit) over = true;
      }
      return;
    }
    // pivot: the vertex of P ∪ X with the most neighbours in P
    let pivot = -1;
    let best = -1;
    for (const u of pSet.concat(xSet)) {
      const nu = new Set(adj.get(u)!);
      const k = pSet.reduce((n, v) => n + (nu.has(v) ? 1 : 0), 0);
      if (k > best) {
        best = k;
        pivot = u;
      }
    }
    const np = new Set(adj.get(pivot)!);
    let p = pSet.slice();
    const x = xSet.slice();
    for (const v of pSet) {
      if (np.has(v)) continue;
      const nv = new Set(adj.get(v)!);
      rec(
        [...r, v],
        p.filter((w) => nv.has(w)),
        x.filter((w) => nv.has(w)),
      );
      p = p.filter((w) => w !== v);
      x.push(v);
    }
  };
  rec([], withEdges, []);
  return over ? null : out;
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
  /**
   * The day plan: (prisoner, session) pairs, or null when HiGHS returned no solution. A prisoner
   * not fixed that day has at most one session in it (the fill pass adds second half-days).
   */
  pairs: DayVar[] | null;
  ms: number;
}

/**
 * Solves day d. `start` is the current plan (P*H sessions or -1) used as the starting solution;
 * `required` prisoners must be active that day (used to ask whether a day can take someone more);
 * `knownBound` is an upper bound already proven (the flow bound), used to cut the search.
 *
 * Formulation: a day counts once whether AM, PM or both, and dropping a session that is not fixed
 * never breaks a hard rule, so the day's maximum is reached by a plan in which every prisoner
 * without a fixed assignment that day has at most one session: x_ps with Σ_s x_ps ≤ 1 over the
 * day's sessions and objective Σ x (no y variables, no AM/PM symmetry). Prisoners with a fixed
 * assignment that day are active anyway and keep only their fixed sessions. Per session, the
 * non-associations are written as the maximal cliques of the graph restricted to the prisoners
 * who may join it (the greedy cover `cliques` when there are too many).
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
  const xAt = new Map<number, number>(); // p*S+s -> column
  const perDay: number[][] = []; // free prisoners' columns
  const dayOf = new Int32Array(m.P).fill(-2); // -1: active by a fixed assignment, k: perDay[k], -2: cannot be active
  let fixedActive = 0;
  for (let p = 0; p < m.P; p++) {
    if (!(m.custodyMask[p] & (1 << d))) continue;
    const hasFixed = m.fixedAt[p * H + 2 * d] >= 0 || m.fixedAt[p * H + 2 * d + 1] >= 0;
    const xs: number[] = [];
    for (let hd = 2 * d; hd <= 2 * d + 1; hd++) {
      if (!(m.availMask[p] & (1 << hd))) continue;
      const fixed = m.fixedAt[p * H + hd];
      for (const s of m.openByHd[hd]) {
        if (hasFixed ? fixed !== s : !m.placeable[p * A + m.sessionAct[s]]) continue;
        const col = vars.length;
        vars.push({ p, s });
        lower.push(hasFixed ? 1 : 0);
        xAt.set(p * m.S + s, col);
        xs.push(col);
      }
    }
    if (hasFixed) {
      if (xs.length) {
        fixedActive++;
        dayOf[p] = -1;
      }
      continue;
    }
    if (!xs.length) continue;
    dayOf[p] = perDay.length;
    perDay.push(xs);
  }
  const numCols = vars.length;
  for (const p of required) if (dayOf[p] === -2) return { status: 'OPTIMAL', value: -1, bound: -1, pairs: null, ms: Date.now() - t0 };
  if (perDay.length === 0) {
    const pairs = vars.slice();
    return { status: 'OPTIMAL', value: fixedActive, bound: fixedActive, pairs, ms: Date.now() - t0 };
  }

  // rows in row-wise sparse form
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const row = (cols: number[], lo: number, hi: number) => {
    for (const c of cols) {
      indices.push(c);
      values.push(1);
    }
    starts.push(indices.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  };
  const INF = highs.infinity;
  for (let k = 0; k < perDay.length; k++) row(perDay[k], -INF, 1);
  for (const p of required) if (dayOf[p] >= 0) rowLower[dayOf[p]] = 1;
  for (let hd = 2 * d; hd <= 2 * d + 1; hd++) {
    for (const s of m.openByHd[hd]) {
      const cols: number[] = [];
      const who: number[] = [];
      for (let p = 0; p < m.P; p++) {
        const c = xAt.get(p * m.S + s);
        if (c === undefined) continue;
        cols.push(c);
        who.push(p);
      }
      if (cols.length > m.sessionCap[s]) row(cols, -INF, m.sessionCap[s]);
      if (cols.length < 2) continue;
      const own = maximalCliques(m, who) ?? cliques;
      for (const cl of own) {
        const cc: number[] = [];
        for (const p of cl) {
          const c = xAt.get(p * m.S + s);
          if (c !== undefined) cc.push(c);
        }
        if (cc.length > 1) row(cc, -INF, 1);
      }
    }
  }
  // the objective cannot exceed the known bound
  const freeCols: number[] = [];
  for (const xs of perDay) freeCols.push(...xs);
  row(freeCols, -INF, Math.max(0, knownBound - fixedActive));
  const colLower = Float64Array.from(lower);
  const colUpper = new Float64Array(numCols).fill(1);
  const colCost = new Float64Array(numCols);
  for (const c of freeCols) colCost[c] = 1;
  const integrality = new Int32Array(numCols).fill(1);

  // the current plan, each free prisoner kept in the first of their sessions that day
  const startVal = new Float64Array(numCols);
  let startOk = required.length === 0;
  if (startOk) {
    for (let i = 0; i < numCols; i++) if (lower[i] === 1) startVal[i] = 1;
    for (const xs of perDay) {
      const c = xs.find((col) => start[vars[col].p * H + m.sessionHd[vars[col].s]] === vars[col].s);
      if (c !== undefined) startVal[c] = 1;
    }
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
      mip_heuristic_effort: 0.3,
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
      for (let i = 0; i < numCols; i++)
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
      if (Number.isFinite(db)) bound = Math.min(knownBound, Math.floor(db + 1e-6) + fixedActive);
    }
    return { status: optimal && pairs ? 'OPTIMAL' : 'TIME_LIMIT', value, bound: Math.max(bound, value), pairs, ms: Date.now() - t0 };
  } catch {
    return { status: 'FAILED', value: 0, bound: knownBound, pairs: null, ms: Date.now() - t0 };
  } finally {
    model.dispose();
  }
}
