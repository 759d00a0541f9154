/**
 * The flow relaxation of the week (steps 3 and 4 of plan-week.ts).
 *
 * Activities whose eligible prisoners and priority weights are identical are interchangeable, so
 * the sessions of such a "class" on a half-day are merged into one node whose capacity is the sum
 * of their free places (after fixed assignments). On that network
 *   source → prisoner-day (cap 1) → class node on an available, free half-day (cap 1) → sink (cap)
 * Dinic's max flow + the days made active by fixed assignments is a proven upper bound on active
 * days: every feasible plan maps to such a flow (one unit per active day through one of its
 * sessions), and non-associations are dropped, which can only raise it.
 *
 * The min-cost circulation on the refined network
 *   S → P [1, -FAIR] + [∞, 0] → P-day [1, -M - prio] + [1, -FULL] → P-half [1] →
 *   class [1, -prio - CONT·kept] → T [cap] → S
 * sends the first unit through a prisoner-day as an active day and the second one as a full day.
 * M exceeds what any simple cycle can gain on the lower objectives, so active days are maximised
 * exactly; fairness, priorities, continuity and full days follow as a weighted sum with large
 * ratios (FAIR ≫ PRIO ≫ CONT ≫ FULL).
 */
import { MaxFlow } from './max-flow';
import { MinCostFlow } from './min-cost-flow';
import { Model } from './model';

const FULL = 1;
const CONT = 10;
const PRIO = 100; // per unit of claim weight (weights are rounded to 0.01)
const FAIR = 100_000;

/** Classes of interchangeable activities and their per-half-day nodes. */
export interface ClassNet {
  /** Activity → class, -1 when closed or nobody may be placed in it. */
  classOf: Int32Array;
  /** Class → one of its activities. */
  repAct: number[];
  /** Class-at-half-day nodes. */
  cHd: number[];
  cCls: number[];
  cCap: number[];
  cSessions: Int32Array[];
  /** Half-day → class nodes at that half-day. */
  atHd: number[][];
  /** Session → class node (-1 when not running / closed). */
  sessionNode: Int32Array;
}

export function buildClassNet(m: Model): ClassNet {
  const { A, P, S, H } = m;
  const classOf = new Int32Array(A).fill(-1);
  const repAct: number[] = [];
  const keyToClass = new Map<string, number>();
  const lists: number[][] = Array.from({ length: A }, () => []);
  for (let p = 0; p < P; p++) {
    const base = p * A;
    for (let a = 0; a < A; a++) if (m.placeable[base + a]) lists[a].push(p);
  }
  for (let a = 0; a < A; a++) {
    if (m.activityClosed[a] || lists[a].length === 0) continue;
    const parts: string[] = [];
    for (const p of lists[a]) {
      const w = m.actWeight[p]?.get(a);
      parts.push(w ? `${p}:${w}` : `${p}`);
    }
    const key = parts.join(',');
    let c = keyToClass.get(key);
    if (c === undefined) {
      c = repAct.length;
      keyToClass.set(key, c);
      repAct.push(a);
    }
    classOf[a] = c;
  }
  const fixedCount = new Int32Array(S);
  for (const [, s] of m.fixedLocks) fixedCount[s]++;
  for (const [, s] of m.fixedGroup) fixedCount[s]++;

  const cHd: number[] = [];
  const cCls: number[] = [];
  const cCap: number[] = [];
  const cSessions: Int32Array[] = [];
  const atHd: number[][] = Array.from({ length: H }, () => []);
  const sessionNode = new Int32Array(S).fill(-1);
  for (let hd = 0; hd < H; hd++) {
    const byClass = new Map<number, number[]>();
    for (const s of m.openByHd[hd]) {
      const c = classOf[m.sessionAct[s]];
      if (c < 0) continue;
      let l = byClass.get(c);
      if (!l) byClass.set(c, (l = []));
      l.push(s);
    }
    for (const c of Array.from(byClass.keys()).sort((x, y) => x - y)) {
      const ss = byClass.get(c)!;
      let cap = 0;
      for (const s of ss) cap += Math.max(0, m.sessionCap[s] - fixedCount[s]);
      if (cap <= 0) continue;
      const node = cHd.length;
      cHd.push(hd);
      cCls.push(c);
      cCap.push(cap);
      cSessions.push(Int32Array.from(ss));
      atHd[hd].push(node);
      for (const s of ss) sessionNode[s] = node;
    }
  }
  return { classOf, repAct, cHd, cCls, cCap, cSessions, atHd, sessionNode };
}

export interface Route {
  p: number;
  hd: number;
  node: number;
}

/** Class nodes p may use at half-day hd (free, available half-day). */
function nodesFor(m: Model, net: ClassNet, p: number, hd: number): number[] {
  if (m.fixedAt[p * m.H + hd] >= 0 || !(m.availMask[p] & (1 << hd))) return [];
  const out: number[] = [];
  for (const c of net.atHd[hd]) if (m.placeable[p * m.A + net.repAct[net.cCls[c]]]) out.push(c);
  return out;
}

function fixedActiveDay(m: Model, p: number, d: number): boolean {
  return m.fixedAt[p * m.H + 2 * d] >= 0 || m.fixedAt[p * m.H + 2 * d + 1] >= 0;
}

/** Upper bound on active days (Dinic) and the corresponding day routes. */
export function flowUpperBound(m: Model, net: ClassNet): { bound: number; fixedDays: number; routes: Route[] } {
  const { P, D } = m;
  let fixedDays = 0;
  const pd: Array<{ p: number; hd: number; node: number }[]> = [];
  const pdOwner: number[] = [];
  for (let p = 0; p < P; p++) {
    for (let d = 0; d < D; d++) {
      if (fixedActiveDay(m, p, d)) {
        fixedDays++;
        continue;
      }
      const opts: { p: number; hd: number; node: number }[] = [];
      for (let hd = 2 * d; hd <= 2 * d + 1; hd++) for (const c of nodesFor(m, net, p, hd)) opts.push({ p, hd, node: c });
      if (opts.length) {
        pd.push(opts);
        pdOwner.push(p);
      }
    }
  }
  const nC = net.cHd.length;
  const mf = new MaxFlow(2 + pd.length + nC);
  const S = 0;
  const T = 1;
  const arcs: Array<{ id: number; r: Route }> = [];
  pd.forEach((opts, i) => {
    mf.addArc(S, 2 + i, 1);
    for (const o of opts) arcs.push({ id: mf.addArc(2 + i, 2 + pd.length + o.node, 1), r: o });
  });
  for (let c = 0; c < nC; c++) mf.addArc(2 + pd.length + c, T, net.cCap[c]);
  const flow = mf.maxflow(S, T);
  const routes = arcs.filter((a) => mf.flowOn(a.id) > 0).map((a) => a.r);
  return { bound: fixedDays + flow, fixedDays, routes };
}

/** Lexicographic min-cost flow on the relaxation; null when the time limit stopped it. */
export function relaxedOptimum(m: Model, net: ClassNet, deadline: number): { routes: Route[]; days: number } | null {
  const { P, D, H } = m;
  type Half = { hd: number; nodes: number[] };
  const per: Array<{ p: number; days: Array<{ d: number; halves: Half[]; fixed: boolean }> }> = [];
  let nodeCount = 2;
  let maxRest = FAIR;
  for (let p = 0; p < P; p++) {
    const days: Array<{ d: number; halves: Half[]; fixed: boolean }> = [];
    for (let d = 0; d < D; d++) {
      const halves: Half[] = [];
      for (let hd = 2 * d; hd <= 2 * d + 1; hd++) {
        const nodes = nodesFor(m, net, p, hd);
        if (nodes.length) halves.push({ hd, nodes });
      }
      if (halves.length) {
        days.push({ d, halves, fixed: fixedActiveDay(m, p, d) });
        nodeCount += 1 + (halves.length === 2 ? 2 : 0);
      }
    }
    if (days.length) {
      per.push({ p, days });
      nodeCount++;
    }
    const w = m.actWeight[p];
    if (w) for (const x of w.values()) maxRest = Math.max(maxRest, Math.round(x * PRIO) + CONT + FAIR);
    maxRest = Math.max(maxRest, Math.round(m.dayWeight[p] * PRIO) + FAIR);
  }
  const nC = net.cHd.length;
  nodeCount += nC;
  const M = (nodeCount + 1) * maxRest + 1;
  if (M * (nodeCount + 1) * 4 > Number.MAX_SAFE_INTEGER) return null; // costs would not stay exact

  const mcf = new MinCostFlow(nodeCount);
  const S = 0;
  const T = 1;
  const cBase = 2;
  let next = cBase + nC;
  let capSum = 0;
  for (let c = 0; c < nC; c++) {
    mcf.addArc(cBase + c, T, net.cCap[c], 0);
    capSum += net.cCap[c];
  }
  const dayArcs: number[] = [];
  const routeArcs: Array<{ id: number; r: Route }> = [];
  for (const { p, days } of per) {
    const pn = next++;
    let hasFixed = false;
    for (let hd = 0; hd < H; hd++) if (m.fixedAt[p * H + hd] >= 0) hasFixed = true;
    if (!hasFixed) mcf.addArc(S, pn, 1, -FAIR);
    mcf.addArc(S, pn, 2 * D, 0);
    const dayPrio = Math.round(m.dayWeight[p] * PRIO);
    for (const { halves, fixed } of days) {
      const dn = next++;
      if (fixed) mcf.addArc(pn, dn, 1, -FULL);
      else {
        dayArcs.push(mcf.addArc(pn, dn, 1, -M - dayPrio));
        if (halves.length === 2) mcf.addArc(pn, dn, 1, -FULL);
      }
      for (const h of halves) {
        let hn = dn;
        if (halves.length === 2) {
          hn = next++;
          mcf.addArc(dn, hn, 1, 0);
        }
        const cur = m.currentAt[p * H + h.hd];
        const curNode = cur >= 0 ? net.sessionNode[cur] : -1;
        for (const c of h.nodes) {
          const w = m.actWeight[p]?.get(net.repAct[net.cCls[c]]) ?? 0;
          const cost = -Math.round(w * PRIO) - (c === curNode ? CONT : 0);
          routeArcs.push({ id: mcf.addArc(hn, cBase + c, 1, cost), r: { p, hd: h.hd, node: c } });
        }
      }
    }
  }
  mcf.addArc(T, S, capSum, 0);
  if (mcf.solve(deadline) !== 'OPTIMAL') return null;
  let days = 0;
  for (const id of dayArcs) days += mcf.flowOn(id);
  return { routes: routeArcs.filter((a) => mcf.flowOn(a.id) > 0).map((a) => a.r), days };
}
