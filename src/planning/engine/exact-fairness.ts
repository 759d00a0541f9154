/**
 * The exact step for objective 2 (issue 17): fewest prisoners with no activity all week, with the
 * active days of the plan kept. The second objective couples the days, so this is one week MILP:
 *
 *   max Σ_p z_p
 *   z_p ≤ Σ_d y_pd,  y_pd ≤ Σ_{s on d} x_ps,  Σ_{p,d} y_pd ≥ activeDays of the plan
 *   one session per half-day, capacities, clique constraints for non-associations, fixed x = 1
 *
 * It runs only when some prisoner without activity could have one (an allowed running session on
 * an available half-day exists), starts from the current plan (so never returns a worse one), and
 * the caller adopts its plan only when it is lexicographically better on objectives 1–2.
 */
import { ExactSolver } from './exact-day';
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
  const yBase = nX;
  const zBase = nX + days.length;
  const numCols = zBase + perPrisoner.length;
  if (!perPrisoner.length) return null;
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const INF = highs.infinity;
  const row = (cols: number[], coefs: number[], lo: number, hi: number) => {
    for (let i = 0; i < cols.length; i++) {
      indices.push(cols[i]);
      values.push(coefs[i]);
    }
    starts.push(indices.length);
    rowLower.push(lo);
    rowUpper.push(hi);
  };
  const ones = (n: number) => new Array<number>(n).fill(1);
  days.forEach((e, i) => row([yBase + i, ...e.xs], [1, ...e.xs.map(() => -1)], -INF, 0));
  perPrisoner.forEach((e, i) => row([zBase + i, ...e.ds.map((k) => yBase + k)], [1, ...e.ds.map(() => -1)], -INF, 0));
  for (const h of perHalf) row(h, ones(h.length), -INF, 1);
  for (let s = 0; s < m.S; s++) {
    if (!m.sessionOpen[s]) continue;
    const cols: number[] = [];
    for (let p = 0; p < m.P; p++) {
      const c = xAt.get(p * m.S + s);
      if (c !== undefined) cols.push(c);
    }
    if (cols.length > m.sessionCap[s]) row(cols, ones(cols.length), -INF, m.sessionCap[s]);
    if (cols.length < 2) continue;
    for (const cl of cliques) {
      const cc: number[] = [];
      for (const p of cl) {
        const c = xAt.get(p * m.S + s);
        if (c !== undefined) cc.push(c);
      }
      if (cc.length > 1) row(cc, ones(cc.length), -INF, 1);
    }
  }
  // objective 1 kept
  row(
    days.map((_, i) => yBase + i),
    ones(days.length),
    st.activeDays,
    INF,
  );
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  for (let i = 0; i < nX; i++) colLower[i] = lower[i];
  const colCost = new Float64Array(numCols);
  for (let i = zBase; i < numCols; i++) colCost[i] = 1;
  const integrality = new Int32Array(numCols);
  for (let i = 0; i < nX; i++) integrality[i] = 1;
  const startVal = new Float64Array(numCols);
  for (let i = 0; i < nX; i++) if (st.assign[vars[i].p * H + m.sessionHd[vars[i].s]] === vars[i].s) startVal[i] = 1;
  days.forEach((e, i) => (startVal[yBase + i] = e.xs.some((c) => startVal[c] === 1) ? 1 : 0));
  perPrisoner.forEach((e, i) => (startVal[zBase + i] = e.ds.some((k) => startVal[yBase + k] === 1) ? 1 : 0));
  const withActivity = perPrisoner.reduce((n, _, i) => n + startVal[zBase + i], 0);

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
    integrality,
  });
  try {
    model.options.set({ time_limit: Math.max(0.05, timeLimitSec), mip_rel_gap: 0, mip_abs_gap: 0.999, random_seed: 0, output_flag: false });
    model.setSolution({ colValue: startVal });
    model.run();
    if (model.info.get('primal_solution_status') !== 2) return null;
    const cv = model.getSolution().colValue;
    if (!cv || cv.length !== numCols) return null;
    const assign = new Int32Array(m.P * H).fill(-1);
    const has = new Set<number>();
    let active = 0;
    const dayOn = new Set<number>();
    for (let i = 0; i < nX; i++) {
      if (cv[i] <= 0.5) continue;
      const { p, s } = vars[i];
      assign[p * H + m.sessionHd[s]] = s;
      has.add(p);
      dayOn.add(p * m.D + (m.sessionHd[s] >> 1));
    }
    active = dayOn.size;
    if (active < st.activeDays || has.size <= withActivity) return null;
    return assign;
  } catch {
    return null;
  } finally {
    model.dispose();
  }
}
