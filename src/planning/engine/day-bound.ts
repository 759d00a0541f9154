/**
 * A sharper proven bound on one day's active prisoner-days (issue 17): the configuration LP of the
 * day, solved by column generation. A day's plan gives each session a set of prisoners who may all
 * meet (an independent set of the non-associations among those who may join it, at most its free
 * places), and each free prisoner is in at most one session that day (exact-day.ts), so
 *
 *   max Σ_{s, I} |I|·λ_sI   Σ_{s, I ∋ p} λ_sI ≤ 1 (each free prisoner)   Σ_I λ_sI ≤ 1 (each session)
 *
 * over all such sets I is at least the day's maximum. Its LP is much tighter than the day MILP's
 * (which only knows the session's cliques and its independence number): the sets are priced one
 * session at a time, a maximum-weight independent set with weights 1 − π_p (branch and bound with
 * weighted clique-cover bounds, deterministic, within a node budget). Every round with an exact
 * pricing gives a proven bound (Lagrangian: Σ_p π_p plus each session's heaviest set, valid for any
 * π ≥ 0), so the search may stop at any time; a pricing that runs out of nodes gives no bound.
 */
import { ExactSolver, MipModel, OpenLp } from './highs-model';
import { Model } from './model';

interface Session {
  s: number;
  /** Free prisoners who may join s (available, placeable, not kept apart from a fixed member). */
  cand: number[];
  /** Free places after the fixed members. */
  cap: number;
}

/**
 * The heaviest set of pairwise associable prisoners of `cand` (weights > 0) with at most `cap`
 * members: a maximum-weight clique of the "may meet" graph by branch and bound (vertices coloured
 * into groups of pairwise non-associated prisoners, of which a set takes at most one each, so the
 * heaviest of each group bounds what the rest can add). Only sets heavier than `above` are
 * looked for (none found: value `above`, no members), starting from the set `known` when given.
 * Null when `budget.nodes` runs out or
 * `budget.until` (epoch ms) passes.
 */
export function heaviestSet(
  m: Model,
  cand: readonly number[],
  weight: readonly number[],
  cap: number,
  budget: { nodes: number; until?: number },
  above = 0,
  known?: { value: number; members: readonly number[] },
): { value: number; members: number[] } | null {
  const n = cand.length;
  const idx = new Map<number, number>();
  cand.forEach((p, i) => idx.set(p, i));
  const apart = new Uint8Array(n * n);
  for (let i = 0; i < n; i++)
    for (const q of m.enemies[cand[i]]) {
      const j = idx.get(q);
      if (j !== undefined) apart[i * n + j] = 1;
    }
  let best = above;
  let bestSet: number[] = [];
  if (known && known.value > above) {
    best = known.value;
    bestSet = known.members.map((p) => idx.get(p)!);
  }
  const cur: number[] = [];
  let out = false;
  const expand = (value: number, verts: number[]): void => {
    if (out) return;
    if (--budget.nodes < 0 || (budget.nodes % 4096 === 0 && budget.until !== undefined && Date.now() > budget.until)) {
      out = true;
      return;
    }
    // groups of pairwise non-associated vertices, heaviest first
    const sorted = verts.slice().sort((a, b) => weight[b] - weight[a] || a - b);
    const order: number[] = [];
    const bound: number[] = [];
    let rest = sorted;
    let total = 0;
    while (rest.length) {
      const grp: number[] = [];
      const next: number[] = [];
      for (const v of rest) {
        if (grp.every((u) => apart[u * n + v])) grp.push(v);
        else next.push(v);
      }
      total += weight[grp[0]];
      for (const v of grp) {
        order.push(v);
        bound.push(total);
      }
      rest = next;
    }
    for (let i = order.length - 1; i >= 0; i--) {
      if (value + bound[i] <= best + 1e-9) return;
      const v = order[i];
      cur.push(v);
      const w = value + weight[v];
      if (w > best + 1e-9) {
        best = w;
        bestSet = cur.slice();
      }
      if (cur.length < cap) {
        const sub: number[] = [];
        for (let j = 0; j < i; j++) if (!apart[v * n + order[j]]) sub.push(order[j]);
        if (sub.length) expand(w, sub);
      }
      cur.pop();
      if (out) return;
    }
  };
  expand(
    0,
    Array.from({ length: n }, (_, i) => i).filter((i) => weight[i] > 1e-9),
  );
  if (out) return null;
  return { value: best, members: bestSet.map((i) => cand[i]).sort((a, b) => a - b) };
}

/** A heavy set of pairwise associable prisoners: heaviest first, each added when it may meet those in. */
function greedySet(m: Model, cand: readonly number[], weight: readonly number[], cap: number): { value: number; members: number[] } {
  const order = cand.map((_, i) => i).filter((i) => weight[i] > 1e-9);
  order.sort((a, b) => weight[b] - weight[a] || a - b);
  const members: number[] = [];
  let value = 0;
  for (const i of order) {
    if (members.length >= cap) break;
    const p = cand[i];
    if (members.some((q) => m.enemies[p].includes(q))) continue;
    members.push(p);
    value += weight[i];
  }
  return { value, members: members.sort((a, b) => a - b) };
}

/**
 * The pricing's node budget per day (≈ 2 µs a node): dense-na 60 used 44,000–1,200,000 a day to
 * converge; at 120 prisoners (≈ 100 candidates a session) one pricing can take millions.
 */
export const DAY_BOUND_NODES = 2_000_000;

export interface DayBound {
  /** Proven upper bound on the day's active prisoner-days (fixed ones included), or null. */
  bound: number | null;
  rounds: number;
  columns: number;
  /** Branch-and-bound nodes of the pricing. */
  nodes: number;
  ms: number;
}

/**
 * What a day's column generation keeps between calls: its sets (session index in the day, sorted
 * members), what is left of its node budget, and whether it is over (converged, or out of nodes).
 */
export interface DayPool {
  cols: Array<{ k: number; members: number[] }>;
  nodes: number;
  done: boolean;
}

/**
 * The most prisoners who may join one session of a day for which the bound is worked out: the
 * pricing's branch and bound converges within its budget on sessions of ≈ 50 (dense-na 60), not
 * on ≈ 100 (dense-na and locks 120, where it only took time from HiGHS).
 */
export const DAY_BOUND_MAX_CANDIDATES = 64;

/** A new pool for day d: over at once when a session of the day has too many candidates. */
export function dayPool(m: Model, d: number, nodes = DAY_BOUND_NODES): DayPool {
  let most = 0;
  for (let hd = 2 * d; hd <= 2 * d + 1; hd++)
    for (const s of m.openByHd[hd]) {
      let n = 0;
      for (let p = 0; p < m.P; p++) if ((m.availMask[p] >> hd) & 1 && m.placeable[p * m.A + m.sessionAct[s]]) n++;
      most = Math.max(most, n);
    }
  return { cols: [], nodes, done: most > DAY_BOUND_MAX_CANDIDATES };
}

/**
 * The configuration-LP bound of day d, from the sets of the current plan `start` (P*H sessions or
 * -1) and those of `pool` on, until no set prices out, the bound cannot get lower or reaches
 * `target` (the day plan's value), `until` (epoch ms) passes or the pricing runs out of the pool's
 * nodes. A later call with the same pool goes on where this one stopped.
 */
export function dayConfigurationBound(
  highs: ExactSolver,
  m: Model,
  d: number,
  start: Int32Array,
  until: number,
  target = 0,
  pool: DayPool = dayPool(m, d),
): DayBound {
  const t0 = Date.now();
  if (pool.done) return { bound: null, rounds: 0, columns: pool.cols.length, nodes: 0, ms: 0 };
  const H = m.H;
  let fixedActive = 0;
  const rowOf = new Map<number, number>();
  for (let p = 0; p < m.P; p++) {
    if (!(m.custodyMask[p] & (1 << d))) continue;
    const f0 = m.fixedAt[p * H + 2 * d];
    const f1 = m.fixedAt[p * H + 2 * d + 1];
    if (f0 >= 0 || f1 >= 0) {
      // as in solveDay: active when one of their fixed sessions runs on an available half-day
      const runs = (hd: number, f: number) => f >= 0 && (m.availMask[p] >> hd) & 1 && m.openByHd[hd].includes(f);
      if (runs(2 * d, f0) || runs(2 * d + 1, f1)) fixedActive++;
      continue;
    }
    rowOf.set(p, rowOf.size);
  }
  const sessions: Session[] = [];
  for (let hd = 2 * d; hd <= 2 * d + 1; hd++)
    for (const s of m.openByHd[hd]) {
      const fixedIn: number[] = [];
      for (let p = 0; p < m.P; p++) if (m.fixedAt[p * H + hd] === s && (m.availMask[p] >> hd) & 1) fixedIn.push(p);
      const apart = new Set<number>();
      for (const f of fixedIn) for (const e of m.enemies[f]) apart.add(e);
      const cand: number[] = [];
      for (const [p] of rowOf) if ((m.availMask[p] >> hd) & 1 && m.placeable[p * m.A + m.sessionAct[s]] && !apart.has(p)) cand.push(p);
      const cap = m.sessionCap[s] - fixedIn.length;
      if (cand.length && cap > 0) sessions.push({ s, cand: cand.sort((a, b) => a - b), cap });
    }
  const cols: Array<{ k: number; members: number[] }> = [];
  const seen = new Set<string>();
  const colRows = (c: { k: number; members: number[] }) => [...c.members.map((p) => rowOf.get(p)!), rowOf.size + c.k];
  let lpModel: OpenLp | null = null;
  const addCol = (k: number, members: number[]) => {
    const key = `${k}:${members.join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const c = { k, members };
    cols.push(c);
    lpModel?.addCol(members.length, 0, 1, colRows(c));
    return true;
  };
  sessions.forEach((x, k) => {
    const members = x.cand.filter((p) => start[p * H + m.sessionHd[x.s]] === x.s);
    if (members.length) addCol(k, members);
  });
  for (const c of pool.cols) addCol(c.k, c.members);
  const budget = { nodes: pool.nodes, until };
  let best = Infinity;
  let rounds = 0;
  const nRows = rowOf.size + sessions.length;
  // the master: its first columns are the current plan's sets (or one empty column)
  const master = new MipModel();
  const rowsOf: number[][] = Array.from({ length: nRows }, () => []);
  cols.forEach((c, j) => {
    for (const r of colRows(c)) rowsOf[r].push(j);
  });
  for (const c of cols) master.addCol(0, 1, c.members.length, false);
  if (!cols.length) master.addCol(0, 0, 0, false);
  for (const r of rowsOf) master.addRow(r, -Infinity, 1);
  lpModel = new OpenLp(highs, master, 'max');
  try {
    search: for (;;) {
      rounds++;
      const lp: { objective: number; rowDual: Float64Array } | null = lpModel.solve();
      if (!lp) {
        pool.done = true;
        break;
      }
      let added = 0;
      const mus = sessions.map((_, k) => Math.abs(lp.rowDual[rowOf.size + k]));
      const ws = sessions.map((x) => x.cand.map((p) => 1 - Math.abs(lp.rowDual[rowOf.get(p)!])));
      // a greedy set first (heaviest first)
      const greedy = sessions.map((x, k) => greedySet(m, x.cand, ws[k], x.cap));
      greedy.forEach((g, k) => {
        if (g.value - mus[k] > 1e-6 && addCol(k, g.members)) added++;
      });
      // the exact pricing when no greedy set prices out, and every 8th round for a bound
      if (!added || rounds % 8 === 0) {
        // Lagrangian bound for these π ≥ 0: Σ π_p plus each session's heaviest set (or nothing)
        let priced = 0;
        for (let r = 0; r < rowOf.size; r++) priced += Math.abs(lp.rowDual[r]);
        for (let k = 0; k < sessions.length; k++) {
          const r = heaviestSet(m, sessions[k].cand, ws[k], sessions[k].cap, budget, mus[k], greedy[k]);
          if (!r) {
            if (budget.nodes < 0) pool.done = true;
            break search;
          }
          priced += Math.max(0, r.value); // ≥ the heaviest set's weight (`above` when none is heavier)
          if (r.value - mus[k] > 1e-6 && addCol(k, r.members)) added++;
        }
        best = Math.min(best, Math.floor(priced + 1e-6) + fixedActive);
      }
      // the master's value only grows towards the LP optimum, so once the bound is its floor (or
      // the day's plan) no more rounds can lower it
      const floor = Math.floor(lp.objective + 1e-6) + fixedActive;
      if (!added || best <= floor) pool.done = true;
      if (pool.done || best <= target || Date.now() >= until) break;
    }
  } finally {
    lpModel.dispose();
  }
  const used = pool.nodes - Math.max(0, budget.nodes);
  pool.nodes = Math.max(0, budget.nodes);
  pool.cols = cols;
  return { bound: best === Infinity ? null : best, rounds, columns: cols.length, nodes: used, ms: Date.now() - t0 };
}
