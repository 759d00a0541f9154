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
 * weighted clique-cover bounds on bitsets, deterministic, within a node budget). Every round with
 * a branch-and-bound pricing gives a proven bound (Lagrangian: Σ_p π_p plus an upper bound on each
 * session's heaviest set, valid for any π ≥ 0) — the heaviest set itself when the pricing finished,
 * else the bound it proved before it ran out of nodes — so the search may stop at any time.
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
 * heaviest of each group bounds what the rest can add, and with room for r more members only the r
 * heaviest groups count). Only sets heavier than `above` are
 * looked for (none found: value `above`, no members), starting from the set `known` when given.
 * When `budget.nodes` runs out or `budget.until` (epoch ms) passes, the search stops with the
 * heaviest set found (`exact` false) and `ub`, a proven upper bound on the heaviest set's weight:
 * the largest of that set's weight and, at each level of the recursion, the level's weight plus
 * the colouring bound of the vertices it had not reached (the bounds only shrink along the order,
 * and the vertices after the one it was at are done). When the search finishes, `ub` = `value` and `exact` is true.
 */
export interface HeaviestSet {
  value: number;
  members: number[];
  /** The OTHER_SETS sets that were the heaviest found before `members` (each heavier than `above`). */
  others: number[][];
  /** ≥ the weight of every set (≥ `above`); = value when exact. */
  ub: number;
  exact: boolean;
}

export function heaviestSet(
  m: Model,
  cand: readonly number[],
  weight: readonly number[],
  cap: number,
  budget: { nodes: number; until?: number },
  above = 0,
  known?: { value: number; members: readonly number[] },
): HeaviestSet {
  // vertices (bits) heaviest first, ties by their place in `cand`: the bit order is the order the
  // colouring and the branching go by
  const all = cand
    .map((_, i) => i)
    .filter((i) => weight[i] > 1e-9)
    .sort((a, b) => weight[b] - weight[a] || a - b);
  const n = all.length;
  const W = (n + 31) >>> 5;
  const bitOf = new Map<number, number>();
  all.forEach((i, v) => bitOf.set(cand[i], v));
  const wt = Float64Array.from(all, (i) => weight[i]);
  // apart: pairwise non-associated; meet: may meet (neither apart nor the vertex itself)
  const apart = new Uint32Array(n * W);
  const meet = new Uint32Array(n * W);
  for (let v = 0; v < n; v++) {
    for (const q of m.enemies[cand[all[v]]]) {
      const u = bitOf.get(q);
      if (u !== undefined) apart[v * W + (u >>> 5)] |= 1 << (u & 31);
    }
    for (let k = 0; k < W; k++) {
      const inRange = k < W - 1 || (n & 31) === 0 ? 0xffffffff : (1 << (n & 31)) - 1;
      meet[v * W + k] = ~apart[v * W + k] & inRange;
    }
    meet[v * W + (v >>> 5)] &= ~(1 << (v & 31));
  }
  let best = above;
  let bestSet: number[] = [];
  if (known && known.value > above) {
    best = known.value;
    bestSet = known.members.slice();
  }
  const cur: number[] = [];
  // every set that was the heaviest so far (each heavier than `above`), the last one is bestSet
  const found: number[][] = [];
  let out = false;
  // what the unexplored part of the search may still reach, gathered as it unwinds after `out`
  let ub = -Infinity;
  // whether the level that returned last put its own unexplored part into `ub`
  let counted = false;
  // per depth: the vertices (P), those not yet branched on (avail), the colouring (order, bound)
  const depths = Math.min(cap, n) + 1;
  const P = Array.from({ length: depths }, () => new Uint32Array(W));
  const avail = Array.from({ length: depths }, () => new Uint32Array(W));
  const orders = Array.from({ length: depths }, () => new Int32Array(n));
  const bounds = Array.from({ length: depths }, () => new Float64Array(n));
  const group = new Uint32Array(W);
  const toMembers = (bits: readonly number[]) => bits.map((v) => cand[all[v]]);
  const expand = (depth: number, value: number): void => {
    if (out) return;
    if (--budget.nodes < 0 || (budget.nodes % 4096 === 0 && budget.until !== undefined && Date.now() > budget.until)) {
      out = true;
      counted = false;
      return;
    }
    // groups of pairwise non-associated vertices, heaviest first; bound[i] = the heaviest of each
    // group up to order[i]'s
    const verts = P[depth];
    const rest = avail[depth];
    rest.set(verts);
    const order = orders[depth];
    const bound = bounds[depth];
    let len = 0;
    let total = 0;
    // A set takes at most one of each group and at most `cap` members: below this level it may add
    // `room` more, so only the `room` heaviest group maxima count (the groups come heaviest first).
    let room = cap - depth;
    for (;;) {
      let left = 0;
      for (let k = 0; k < W; k++) left |= group[k] = rest[k];
      if (!left) break;
      // the group: the heaviest left, then each next one apart from all in the group
      let first = true;
      for (let k = 0; k < W; k++)
        while (group[k]) {
          const x = group[k];
          const v = (k << 5) + 31 - Math.clz32(x & -x);
          if (first) {
            if (room-- > 0) total += wt[v];
            first = false;
          }
          order[len] = v;
          bound[len++] = total;
          rest[k] &= ~(1 << (v & 31));
          for (let j = k; j < W; j++) group[j] &= apart[v * W + j];
        }
    }
    rest.set(verts);
    for (let i = len - 1; i >= 0; i--) {
      if (value + bound[i] <= best + 1e-9) return;
      const v = order[i];
      rest[v >>> 5] &= ~(1 << (v & 31));
      cur.push(v);
      const w = value + wt[v];
      if (w > best + 1e-9) {
        best = w;
        bestSet = toMembers(cur);
        found.push(bestSet);
      }
      if (cur.length < cap) {
        const sub = P[depth + 1];
        let any = 0;
        for (let k = 0; k < W; k++) any |= sub[k] = rest[k] & meet[v * W + k];
        if (any) expand(depth + 1, w);
      }
      cur.pop();
      if (out) {
        // what is left at this level: sets through order[i] (counted by the level below when it
        // started) and sets through earlier vertices, each at most value + bound of its index
        ub = Math.max(ub, value + (counted ? (i > 0 ? bound[i - 1] : 0) : bound[i]));
        counted = true;
        return;
      }
    }
  };
  for (let v = 0; v < n; v++) P[0][v >>> 5] |= 1 << (v & 31);
  if (n) expand(0, 0);
  const members = bestSet.slice().sort((a, b) => a - b);
  const others = found.slice(-1 - OTHER_SETS, -1).map((set) => set.slice().sort((a, b) => a - b));
  if (!out) return { value: best, members, others, ub: best, exact: true };
  if (ub === -Infinity) {
    // stopped before the first level: the `cap` heaviest weights
    ub = Array.from(wt)
      .slice(0, cap)
      .reduce((a, w) => a + w, 0);
  }
  return { value: best, members, others, ub: Math.max(best, ub), exact: false };
}

/** Sets kept from one pricing besides the heaviest (more columns a round, fewer rounds). */
export const OTHER_SETS = 10;

/**
 * Heavy sets of pairwise associable prisoners: for each of the `seeds` heaviest prisoners, the set
 * started from them and filled heaviest first with each who may meet those in; heaviest first.
 */
function greedySets(
  m: Model,
  cand: readonly number[],
  weight: readonly number[],
  cap: number,
  seeds: number,
): Array<{ value: number; members: number[] }> {
  const order = cand.map((_, i) => i).filter((i) => weight[i] > 1e-9);
  order.sort((a, b) => weight[b] - weight[a] || a - b);
  const sets: Array<{ value: number; members: number[] }> = [];
  for (let k = 0; k < Math.min(seeds, order.length); k++) {
    const members: number[] = [cand[order[k]]];
    let value = weight[order[k]];
    for (const i of order) {
      if (members.length >= cap) break;
      const p = cand[i];
      if (i === order[k] || members.some((q) => q === p || m.enemies[p].includes(q))) continue;
      members.push(p);
      value += weight[i];
    }
    sets.push({ value, members: members.sort((a, b) => a - b) });
  }
  sets.sort((a, b) => b.value - a.value);
  return sets;
}

/** Greedy sets started from each of this many heaviest prisoners of a session, each round. */
export const GREEDY_SEEDS = 10;

/**
 * The pricing's node budget per day (≈ 1 µs a node): dense-na 60 uses 23,000–230,000 a day to
 * converge; at 120 prisoners (≈ 100 candidates a session) one pricing can take millions.
 */
export const DAY_BOUND_NODES = 2_000_000;

/** The first node budget of one session's pricing in a round (DayPool.perPricing). */
export const PRICING_NODES = 50_000;

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
  /** Node budget of one session's pricing in a round (grows when an inexact round prices out nothing). */
  perPricing: number;
}

/**
 * The most prisoners who may join one session of a day for which the bound is worked out: the
 * pricing's branch and bound converges within its budget on sessions of ≈ 50 (dense-na 60), not
 * on ≈ 100 (dense-na and locks 120, where it only took time from HiGHS). With the bitset pricing and
 * bounds from inexact pricings, dense-na 120 days converged in 4.7 and 15 s (bounds 99 and 86
 * against HiGHS's 99 and 92 in the engine) or not in 30 s (116, 111, 110 against 103, 94, 106):
 * still far beyond a day's ≈ 3.6 s.
 */
export const DAY_BOUND_MAX_CANDIDATES = 64;

/** A new pool for day d: over at once when a session of the day has too many candidates. */
export function dayPool(m: Model, d: number, nodes = DAY_BOUND_NODES, maxCandidates = DAY_BOUND_MAX_CANDIDATES): DayPool {
  let most = 0;
  for (let hd = 2 * d; hd <= 2 * d + 1; hd++)
    for (const s of m.openByHd[hd]) {
      let n = 0;
      for (let p = 0; p < m.P; p++) if ((m.availMask[p] >> hd) & 1 && m.placeable[p * m.A + m.sessionAct[s]]) n++;
      most = Math.max(most, n);
    }
  return { cols: [], nodes, done: most > maxCandidates, perPricing: PRICING_NODES };
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
  let nodes = 0;
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
    for (;;) {
      rounds++;
      const lp: { objective: number; rowDual: Float64Array } | null = lpModel.solve();
      if (!lp) {
        pool.done = true;
        break;
      }
      let added = 0;
      const mus = sessions.map((_, k) => Math.abs(lp.rowDual[rowOf.size + k]));
      const ws = sessions.map((x) => x.cand.map((p) => 1 - Math.abs(lp.rowDual[rowOf.get(p)!])));
      // greedy sets first
      const greedy = sessions.map((x, k) => greedySets(m, x.cand, ws[k], x.cap, GREEDY_SEEDS));
      greedy.forEach((gs, k) => {
        for (const g of gs) if (g.value - mus[k] > 1e-6 && addCol(k, g.members)) added++;
      });
      // the branch-and-bound pricing when no greedy set prices out, and every 8th round for a bound
      if (!added || rounds % 8 === 0) {
        // Lagrangian bound for these π ≥ 0: Σ π_p plus each session's heaviest set (or nothing),
        // each bounded from above by its pricing even when that ran out of nodes
        let priced = 0;
        for (let r = 0; r < rowOf.size; r++) priced += Math.abs(lp.rowDual[r]);
        let exact = true;
        for (let k = 0; k < sessions.length; k++) {
          const budget = { nodes: Math.min(pool.perPricing, pool.nodes), until };
          const before = budget.nodes;
          const r = heaviestSet(m, sessions[k].cand, ws[k], sessions[k].cap, budget, mus[k], greedy[k][0]);
          const used = before - Math.max(0, budget.nodes);
          pool.nodes -= used;
          nodes += used;
          if (!r.exact) exact = false;
          priced += Math.max(0, r.ub); // ≥ the heaviest set's weight (`above` when none is heavier)
          if (r.value - mus[k] > 1e-6 && addCol(k, r.members)) added++;
          for (const o of r.others) if (addCol(k, o)) added++;
        }
        best = Math.min(best, Math.floor(priced + 1e-6) + fixedActive);
        // nothing prices out but the pricing was not exact: more nodes next round (it stops below
        // when the day's nodes are spent)
        if (!exact && !added) pool.perPricing *= 4;
        // converged: no set prices out
        if (exact && !added) pool.done = true;
      }
      // the master's value only grows towards the LP optimum, so once the bound is its floor (or
      // the day's plan) no more rounds can lower it
      const floor = Math.floor(lp.objective + 1e-6) + fixedActive;
      if (best <= floor || pool.nodes <= 0) pool.done = true;
      if (pool.done || best <= target || Date.now() >= until) break;
    }
  } finally {
    lpModel.dispose();
  }
  pool.cols = cols;
  return { bound: best === Infinity ? null : best, rounds, columns: cols.length, nodes, ms: Date.now() - t0 };
}
