/**
 * The passes that follow the repair of objective 1 (active days), one per lower objective, in the
 * objective order. Each keeps every hard rule and never makes a higher objective worse.
 */
import { Repairer } from './local-search';
import { PlanState } from './plan-state';

type Late = () => boolean;

const attainable = (st: PlanState, p: number, d: number): boolean => ((st.m.availMask[p] >> (2 * d)) & 3) !== 0;

/** Objective 2: a prisoner without any activity takes a day from someone with two or more. */
export function fairnessPass(st: PlanState, rep: Repairer, late: Late): void {
  const m = st.m;
  for (let p = 0; p < m.P && !late(); p++) {
    if (!m.custodyMask[p] || st.dayCount[p] > 0) continue;
    for (let d = 0; d < m.D; d++) if (attainable(st, p, d) && rep.augment(p, d, true)) break;
  }
}

/**
 * Objective 3: a prisoner with an activity claim (youth education right, programme referral)
 * enters a session of a claimed activity; non-associated prisoners there and, when it is full, the
 * occupant who loses least leave and are re-placed the same day by augmenting chains. Kept only
 * when (active days, prisoners without activity, priority score) improves lexicographically.
 */
export function priorityPass(st: PlanState, rep: Repairer, late: Late): number {
  const m = st.m;
  const H = m.H;
  let gained = 0;
  for (let p = 0; p < m.P; p++) {
    const w = m.actWeight[p];
    if (!w) continue;
    for (let hd = 0; hd < H; hd++) {
      if (late()) return gained;
      if (st.isFixed(p, hd) || !st.available(p, hd)) continue;
      const d = hd >> 1;
      // An inactive day is objective 1's business: the repair already tried it.
      if (st.halvesOnDay(p, d) === 0) continue;
      const cur = st.assign[p * H + hd];
      const curW = cur >= 0 ? st.weightOf(p, cur) : 0;
      const targets: number[] = [];
      for (const s of m.openByHd[hd]) if (s !== cur && st.allowed(p, s) && m.sessionCap[s] > 0 && st.weightOf(p, s) > curW) targets.push(s);
      targets.sort((a, b) => st.weightOf(p, b) - st.weightOf(p, a) || a - b);
      for (const s of targets) {
        if (tryEnter(st, rep, p, s)) {
          gained++;
          break;
        }
      }
    }
  }
  return gained;
}

function tryEnter(st: PlanState, rep: Repairer, p: number, s: number): boolean {
  const m = st.m;
  const H = m.H;
  const hd = m.sessionHd[s];
  const d = hd >> 1;
  const before = snapshot(st);
  st.begin();
  if (st.assign[p * H + hd] >= 0) st.unplace(p, hd);
  const ejected: number[] = [];
  for (const e of m.enemies[p]) {
    if (st.assign[e * H + hd] !== s) continue;
    if (st.isFixed(e, hd)) return abort(st, rep, d);
    st.unplace(e, hd);
    ejected.push(e);
  }
  if (st.room(s) <= 0) {
    // the occupant who loses least: one whose day stays active through the other half first
    let best = -1;
    let bestKey = Infinity;
    for (const q of st.occ[s]) {
      if (st.isFixed(q, hd)) continue;
      const key = (st.assign[q * H + (hd ^ 1)] >= 0 ? 0 : 1000) + st.weightOf(q, s);
      if (key < bestKey) {
        bestKey = key;
        best = q;
      }
    }
    if (best < 0) return abort(st, rep, d);
    st.unplace(best, hd);
    ejected.push(best);
  }
  st.place(p, s);
  rep.touched(d);
  for (const q of ejected) if (st.halvesOnDay(q, d) === 0) rep.augment(q, d);
  const after = snapshot(st);
  const better =
    after.activeDays !== before.activeDays
      ? after.activeDays > before.activeDays
      : after.without !== before.without
        ? after.without < before.without
        : after.priority > before.priority + 1e-9;
  if (!better) return abort(st, rep, d);
  st.commit();
  return true;
}

function abort(st: PlanState, rep: Repairer, d: number): false {
  st.rollback();
  rep.touched(d);
  return false;
}

/** The counters of objectives 1–3. */
function snapshot(st: PlanState): { activeDays: number; without: number; priority: number } {
  return { activeDays: st.activeDays, without: st.withoutActivity, priority: st.priorityScore };
}

/** Objective 4: bring back current allocations where a place is free and no priority is lost. */
export function continuityPass(st: PlanState, rep: Repairer, late: Late): void {
  const m = st.m;
  for (let pass = 0; pass < 2 && !late(); pass++) {
    for (const [p, s] of m.currentPairs) {
      const hd = m.sessionHd[s];
      const k = p * m.H + hd;
      const cur = st.assign[k];
      if (cur === s || st.isFixed(p, hd) || !st.allowed(p, s) || st.room(s) <= 0 || !st.compatible(p, s)) continue;
      if (cur >= 0 && (m.currentAt[k] !== s || st.weightOf(p, s) < st.weightOf(p, cur))) continue;
      if (cur >= 0) st.unplace(p, hd);
      st.place(p, s);
      rep.touched(hd >> 1);
    }
  }
}

/** Best direct placement for p at hd by score (current session, priority, same activity), or -1. */
function bestDirect(st: PlanState, p: number, hd: number): number {
  const m = st.m;
  const H = m.H;
  if (st.assign[p * H + hd] >= 0 || !st.available(p, hd)) return -1;
  const cur = m.currentAt[p * H + hd];
  const otherS = st.assign[p * H + (hd ^ 1)];
  const otherAct = otherS >= 0 ? m.sessionAct[otherS] : -1;
  let best = -1;
  let bestScore = -1;
  for (const s of m.openByHd[hd]) {
    if (!st.canPlace(p, s)) continue;
    const score = st.weightOf(p, s) * 1e6 + (s === cur ? 1e4 : 0) + (m.sessionAct[s] === otherAct ? 10 : 0) + Math.min(st.room(s), 9);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Always runs, even after the time limit: any prisoner-day that can still be made active by a
 * direct placement is (objective 1 first), then free places make full days (objective 5).
 */
export function fillPass(st: PlanState): void {
  const m = st.m;
  for (let p = 0; p < m.P; p++) {
    for (let d = 0; d < m.D; d++) {
      if (st.halvesOnDay(p, d) !== 0) continue;
      for (let hd = 2 * d; hd <= 2 * d + 1; hd++) {
        const s = bestDirect(st, p, hd);
        if (s >= 0) {
          st.place(p, s);
          break;
        }
      }
    }
  }
  for (let p = 0; p < m.P; p++) {
    for (let d = 0; d < m.D; d++) {
      if (st.halvesOnDay(p, d) !== 1) continue;
      const hd = st.assign[p * m.H + 2 * d] >= 0 ? 2 * d + 1 : 2 * d;
      const s = bestDirect(st, p, hd);
      if (s >= 0) st.place(p, s);
    }
  }
}
