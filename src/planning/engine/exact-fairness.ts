/**
 * The exact step for objective 2 (issue 17): fewest prisoners with no activity all week, with the
 * active days of the plan kept. The second objective couples the days, so this is one week MILP:
 *
 *   max Σ_p z_p
 *   z_p ≤ Σ_d y_pd,  y_pd ≤ Σ_{s on d} x_ps,  Σ_{p,d} y_pd ≥ activeDays of the plan
 *   one session per half-day, capacities, clique and independence rows per session (exact-day.ts), fixed x = 1
 *
 * It runs only when some prisoner without activity could have one (an allowed running session on
 * an available half-day exists), starts from the current plan (so never returns a worse one), and
 * the caller adopts its plan only when it is lexicographically better on objectives 1–2.
 */
import { addSessionRows, newSessionCuts } from './exact-day';
import { ExactSolver, MipModel, runMip } from './highs-model';
import { MaxFlow } from './max-flow';
import { Model } from './model';
import { PlanState } from './plan-state';
import { ClassNet } from './relaxation';

/**
 * Upper bound on the prisoners with some activity in any plan (a max flow: each prisoner without
 * fixed assignments sends one unit to a class node of an available half-day, class nodes keep
 * their free places; non-associations and objective 1 ignored, which can only raise it). When the
 * plan reaches it, objective 2 is proven optimal and the week MILP is not needed.
 */
export function maxPrisonersWithActivity(m: Model, net: ClassNet): number {
  let fixed = 0;
  const free: number[] = [];
  for (let p = 0; p < m.P; p++) {
    if (!m.custodyMask[p]) continue;
    let isFixed = false;
    for (let hd = 0; hd < m.H; hd++) if (m.fixedAt[p * m.H + hd] >= 0) isFixed = true;
    if (isFixed) fixed++;
    else free.push(p);
  }
  const nC = net.cHd.length;
  const mf = new MaxFlow(2 + free.length + nC);
  free.forEach((p, i) => {
    mf.addArc(0, 2 + i, 1);
    for (let hd = 0; hd < m.H; hd++) {
      if (!(m.availMask[p] & (1 << hd))) continue;
      for (const c of net.atHd[hd]) if (m.placeable[p * m.A + net.repAct[net.cCls[c]]]) mf.addArc(2 + i, 2 + free.length + c, 1);
    }
  });
  for (let c = 0; c < nC; c++) mf.addArc(2 + free.length + c, 1, net.cCap[c]);
  return fixed + mf.maxflow(0, 1);
}

/** Prisoners in custody with no activity in the plan who have at least one possible session. */
export function fairnessCandidates(st: PlanState): number[] {
  const m = st.m;
  const out: number[] = [];
  for (let p = 0; p < m.P; p++) {
    if (!m.custodyMask[p] || st.dayCount[p] > 0) continue;
    let possible = false;
    for (let hd = 0; hd < m.H && !possible; hd++) {
      if (!st.available(p, hd)) continue;
      for (const s of m.openByHd[hd]) if (st.allowed(p, s) && m.sessionCap[s] > 0) possible = true;
    }
    if (possible) out.push(p);
  }
  return out;
}

/** The week plan (P*H sessions or -1) maximising prisoners with activity, or null (nothing better found). */
export function solveFairness(highs: ExactSolver, m: Model, cliques: number[][], st: PlanState, timeLimitSec: number): Int32Array | null {
  const { H, A } = m;
  const vars: Array<{ p: number; s: number }> = [];
  const lower: number[] = [];
  const xAt = new Map<number, number>();
  const perHalf: number[][] = [];
  const days: Array<{ p: number; xs: number[] }> = [];
  const perPrisoner: Array<{ p: number; ds: number[] }> = [];
  for (let p = 0; p < m.P; p++) {
    if (!m.custodyMask[p]) continue;
    const ds: number[] = [];
    for (let d = 0; d < m.D; d++) {
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
      if (xs.length) {
        ds.push(days.length);
        days.push({ p, xs });
      }
    }
    if (ds.length) perPrisoner.push({ p, ds });
  }
  const nX = vars.length;
  if (!perPrisoner.length) return null;
  const mip = new MipModel();
  for (let i = 0; i < nX; i++) mip.addCol(lower[i], 1, 0);
  const yBase = mip.numCols;
  for (let i = 0; i < days.length; i++) mip.addCol(0, 1, 0, false);
  const zBase = mip.numCols;
  for (let i = 0; i < perPrisoner.length; i++) mip.addCol(0, 1, 1, false);
  const numCols = mip.numCols;
  days.forEach((e, i) => mip.addRow([yBase + i, ...e.xs], -Infinity, 0, [1, ...e.xs.map(() => -1)]));
  perPrisoner.forEach((e, i) => mip.addRow([zBase + i, ...e.ds.map((k) => yBase + k)], -Infinity, 0, [1, ...e.ds.map(() => -1)]));
  for (const h of perHalf) mip.addRow(h, -Infinity, 1);
  const cuts = newSessionCuts();
  for (let s = 0; s < m.S; s++) {
    if (!m.sessionOpen[s]) continue;
    const who: number[] = [];
    for (let p = 0; p < m.P; p++) if (xAt.has(p * m.S + s)) who.push(p);
    addSessionRows(mip, m, s, who, (p) => xAt.get(p * m.S + s)!, cliques, cuts);
  }
  // objective 1 kept
  mip.addRow(
    days.map((_, i) => yBase + i),
    st.activeDays,
    Infinity,
  );
  const startVal = new Float64Array(numCols);
  for (let i = 0; i < nX; i++) if (st.assign[vars[i].p * H + m.sessionHd[vars[i].s]] === vars[i].s) startVal[i] = 1;
  days.forEach((e, i) => (startVal[yBase + i] = e.xs.some((c) => startVal[c] === 1) ? 1 : 0));
  perPrisoner.forEach((e, i) => (startVal[zBase + i] = e.ds.some((k) => startVal[yBase + k] === 1) ? 1 : 0));
  const withActivity = perPrisoner.reduce((n, _, i) => n + startVal[zBase + i], 0);

  const r = runMip(highs, mip, { sense: 'max', timeLimitSec, start: startVal });
  const cv = r.values;
  if (!cv) return null;
  const assign = new Int32Array(m.P * H).fill(-1);
  const has = new Set<number>();
  const dayOn = new Set<number>();
  for (let i = 0; i < nX; i++) {
    if (cv[i] <= 0.5) continue;
    const { p, s } = vars[i];
    assign[p * H + m.sessionHd[s]] = s;
    has.add(p);
    dayOn.add(p * m.D + (m.sessionHd[s] >> 1));
  }
  if (dayOn.size < st.activeDays || has.size <= withActivity) return null;
  return assign;
}
