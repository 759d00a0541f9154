/**
 * The exact per-day step: every hard rule acts within a session, a half-day or a day, so the
 * maximum number of active prisoner-days of a week is the sum of each day's maximum, and each day
 * is a separate, much smaller problem. This module writes one day as a MILP and solves it with
 * HiGHS (through highs-model.ts, loaded once by `loadExactSolver`):
 *
 *   max Σ x_ps  (+ the prisoners active that day by a fixed assignment)
 *   Σ_{s of the day} x_ps ≤ 1      (one session a day is enough: a day counts once)
 *   Σ_p x_ps ≤ min(capacity(s), α(s))  (α: the most of the prisoners who may join s who may all
 *                                   meet, the independence number of their non-associations)
 *   Σ_{p ∈ C} x_ps ≤ 1             (for every maximal clique C of the non-associations among
 *                                   the prisoners who may join s)
 *   prisoners with a lock or closed-group session that day keep exactly their fixed sessions
 *
 * x only exists where the prisoner may be placed (running session, eligible, not a closed group
 * of which they are not a member, available that half-day). The current plan of the day is passed
 * as the starting solution, so HiGHS never returns less; the solve returns the best day plan found,
 * its optimum when proven, and HiGHS's dual bound (an upper bound on the day) otherwise.
 * The independence rows matter on dense non-associations: with the clique rows alone the LP
 * relaxation lets every session fill to its capacity with halves, and the per-day bound stayed
 * loose (dense-na 60, one 30 s solve a day on a loaded machine: 3 of 5 days proven without
 * them, 5 of 5 with them — bench/planner/day-gaps.ts).
 * The solver is deterministic for the same model and options (HiGHS runs single-threaded here);
 * only its time limit depends on the clock.
 */
import { ExactSolver, MipModel, runMip } from './highs-model';
import { Model } from './model';

export type { ExactSolver } from './highs-model';
export { loadExactSolver } from './highs-model';

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

/**
 * The independence rows of one week's exact solves: `alpha` caches min(capacity, α) by candidate
 * set (the same sets recur over days and rounds), `nodes` is what is left of the week's budget of
 * branch-and-bound nodes for them (deterministic; a set that would exceed it gets no row).
 */
export interface SessionCuts {
  alpha: Map<string, number>;
  nodes: number;
}

/** The week's node budget for the independence rows (dense-na 120 needs ≈ 65,000, under 1 s). */
export const INDEPENDENCE_NODES = 100_000;

export function newSessionCuts(): SessionCuts {
  return { alpha: new Map(), nodes: INDEPENDENCE_NODES };
}

/**
 * The largest number of pairwise associable prisoners among `who` (the independence number of the
 * non-association graph restricted to them), by branch and bound (a maximum clique of the
 * complement graph with greedy-colouring bounds, Tomita's MCQ), capped at `upTo` (the search stops
 * once that many are found), or null when it needs more than `budget.nodes` nodes (the nodes used
 * are taken from the budget either way). Deterministic; milliseconds on dense non-association
 * graphs of ~60 prisoners.
 */
export function independenceNumber(
  m: Model,
  who: readonly number[],
  budget: { nodes: number } = { nodes: 100_000 },
  upTo = Infinity,
): number | null {
  const n = who.length;
  if (n === 0) return 0;
  const idx = new Map<number, number>();
  who.forEach((p, i) => idx.set(p, i));
  // ok[i*n+j] = 1 when i and j may meet (an edge of the complement graph)
  const ok = new Uint8Array(n * n).fill(1);
  const deg = new Int32Array(n).fill(n - 1);
  for (let i = 0; i < n; i++) {
    ok[i * n + i] = 0;
    for (const q of m.enemies[who[i]]) {
      const j = idx.get(q);
      if (j === undefined) continue;
      ok[i * n + j] = 0;
      deg[i]--;
    }
  }
  let best = 0;
  let stop = false;
  const expand = (size: number, cand: number[]): boolean => {
    if (best >= upTo) {
      stop = true;
      return true;
    }
    if (--budget.nodes < 0) return false;
    // colour classes: sets of pairwise non-associated prisoners (at most one of each in the set)
    const order: number[] = [];
    const colour: number[] = [];
    let rest = cand;
    for (let k = 1; rest.length; k++) {
      const cls: number[] = [];
      const next: number[] = [];
      for (const v of rest) {
        if (cls.every((u) => !ok[u * n + v])) cls.push(v);
        else next.push(v);
      }
      for (const v of cls) {
        order.push(v);
        colour.push(k);
      }
      rest = next;
    }
    for (let i = order.length - 1; i >= 0; i--) {
      if (size + colour[i] <= best) return true;
      const v = order[i];
      const sub: number[] = [];
      for (let j = 0; j < i; j++) if (ok[v * n + order[j]]) sub.push(order[j]);
      if (!sub.length) {
        best = Math.max(best, size + 1);
        if (best >= upTo) return (stop = true);
      } else if (!expand(size + 1, sub)) return false;
      if (stop) return true;
    }
    return true;
  };
  const all = Array.from({ length: n }, (_, i) => i).sort((a, b) => deg[b] - deg[a] || a - b);
  // a greedy independent set first (fewest non-associations first): a lower bound that prunes,
  // and often already `upTo` (then the capacity row is the binding one and no search is needed)
  const greedy: number[] = [];
  for (const v of all.slice().reverse()) if (greedy.every((u) => ok[u * n + v])) greedy.push(v);
  best = greedy.length;
  if (best >= upTo) return upTo;
  return expand(0, all) ? Math.min(best, upTo) : null;
}

/**
 * The rows of session s: its capacity, one row per maximal clique of the non-associations among
 * the prisoners `who` that may join it (the cover `cover` when there are too many), with the
 * capacity lowered to the independence number of `who` when that is smaller (cached by the set and
 * capacity; no lowering when the week's node budget runs out).
 */
export function addSessionRows(
  mip: MipModel,
  m: Model,
  s: number,
  who: readonly number[],
  col: (p: number) => number,
  cover: readonly number[][],
  cuts: SessionCuts,
): void {
  const cols = who.map(col);
  let cap = m.sessionCap[s];
  if (who.length < 2) {
    if (cols.length > cap) mip.addRow(cols, -Infinity, cap);
    return;
  }
  const own = maximalCliques(m, who);
  const inWho = new Set(who);
  const rows = own ?? cover.map((cl) => cl.filter((p) => inWho.has(p))).filter((cl) => cl.length > 1);
  if (own && own.length > 0) {
    const key = `${cap}:${who.join(',')}`;
    let alpha = cuts.alpha.get(key);
    if (alpha === undefined) {
      alpha = cuts.nodes > 0 ? (independenceNumber(m, who, cuts, cap) ?? cap) : cap;
      cuts.alpha.set(key, alpha);
    }
    cap = Math.min(cap, alpha);
  }
  if (cols.length > cap) mip.addRow(cols, -Infinity, cap);
  for (const cl of rows) mip.addRow(cl.map(col), -Infinity, 1);
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
 * `keep` (large-neighbourhood search, exact-step.ts): prisoners kept in their first session of the
 * day in `start`; the solve is then over the others only, and its bound is not the day's.
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
  cuts: SessionCuts = newSessionCuts(),
  keep: ReadonlySet<number> | null = null,
): DaySolve {
  const t0 = Date.now();
  const { H, A } = m;
  const vars: DayVar[] = [];
  const lower: number[] = [];
  const xAt = new Map<number, number>(); // p*S+s -> column
  const perDay: number[][] = []; // free prisoners' columns
  const keptCols: number[] = []; // columns fixed at 1 by `keep`
  const dayOf = new Int32Array(m.P).fill(-2); // -1: active by a fixed assignment, k: perDay[k], -2: cannot be active
  let fixedActive = 0;
  for (let p = 0; p < m.P; p++) {
    if (!(m.custodyMask[p] & (1 << d))) continue;
    const hasFixed = m.fixedAt[p * H + 2 * d] >= 0 || m.fixedAt[p * H + 2 * d + 1] >= 0;
    // a kept prisoner (large-neighbourhood search) stays in their first session of the day
    const kept = !hasFixed && keep?.has(p) ? (start[p * H + 2 * d] >= 0 ? start[p * H + 2 * d] : start[p * H + 2 * d + 1]) : -1;
    const xs: number[] = [];
    for (let hd = 2 * d; hd <= 2 * d + 1; hd++) {
      if (!(m.availMask[p] & (1 << hd))) continue;
      const fixed = m.fixedAt[p * H + hd];
      for (const s of m.openByHd[hd]) {
        if (hasFixed ? fixed !== s : kept >= 0 ? kept !== s : !m.placeable[p * A + m.sessionAct[s]]) continue;
        const col = vars.length;
        vars.push({ p, s });
        lower.push(hasFixed ? 1 : 0);
        if (kept >= 0) keptCols.push(col);
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

  const mip = new MipModel();
  for (let i = 0; i < numCols; i++) mip.addCol(lower[i], 1, lower[i] === 1 ? 0 : 1);
  for (const c of keptCols) mip.colLower[c] = 1;
  const requiredSet = new Set(required);
  for (const xs of perDay) mip.addRow(xs, requiredSet.has(vars[xs[0]].p) ? 1 : -Infinity, 1);
  for (let hd = 2 * d; hd <= 2 * d + 1; hd++) {
    for (const s of m.openByHd[hd]) {
      const who: number[] = [];
      for (let p = 0; p < m.P; p++) if (xAt.has(p * m.S + s)) who.push(p);
      addSessionRows(mip, m, s, who, (p) => xAt.get(p * m.S + s)!, cliques, cuts);
    }
  }
  // the objective cannot exceed the known bound
  const freeCols: number[] = [];
  for (const xs of perDay) freeCols.push(...xs);
  mip.addRow(freeCols, -Infinity, Math.max(0, knownBound - fixedActive));

  // the current plan, each free prisoner kept in the first of their sessions that day
  let startVal: Float64Array | null = null;
  if (required.length === 0) {
    startVal = new Float64Array(numCols);
    for (let i = 0; i < numCols; i++) if (lower[i] === 1) startVal[i] = 1;
    for (const xs of perDay) {
      const c = xs.find((col) => start[vars[col].p * H + m.sessionHd[vars[col].s]] === vars[col].s);
      if (c !== undefined) startVal[c] = 1;
    }
  }

  // no strong branching (pseudo-costs from the first branching on): on dense non-associations
  // 2/3 of a day's LP iterations went to strong branching; without it proving all days took
  // 16–48 % less CPU on the three hardest of five dense-na weeks of 50–70 (the same on the others)
  const r = runMip(highs, mip, { sense: 'max', timeLimitSec, start: startVal, heuristicEffort: 0.3, minReliable: 0 });
  const ms = Date.now() - t0;
  if (r.status === 'FAILED') return { status: 'FAILED', value: 0, bound: knownBound, pairs: null, ms };
  if (r.status === 'INFEASIBLE') return { status: 'OPTIMAL', value: -1, bound: -1, pairs: null, ms };
  let pairs: DayVar[] | null = null;
  let value = 0;
  if (r.values) {
    pairs = [];
    const act = new Set<number>();
    for (let i = 0; i < numCols; i++)
      if (r.values[i] > 0.5) {
        pairs.push(vars[i]);
        act.add(vars[i].p);
      }
    value = act.size;
  }
  const optimal = r.status === 'OPTIMAL' && pairs !== null;
  let bound = knownBound;
  if (optimal) bound = value;
  else if (Number.isFinite(r.dualBound)) bound = Math.min(knownBound, Math.floor(r.dualBound + 1e-6) + fixedActive);
  return { status: optimal ? 'OPTIMAL' : 'TIME_LIMIT', value, bound: Math.max(bound, value), pairs, ms };
}
