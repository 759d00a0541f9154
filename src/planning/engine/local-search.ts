/**
 * Local moves on a PlanState that keep every hard rule:
 *
 * - `augment(p, d)`: make prisoner-day (p, d) active by an augmenting chain inside that day —
 *   p enters a session; if it is full an occupant q moves to another session the same half-day
 *   or to their free other half of the day (their day stays active), or simply leaves when their
 *   day stays active through the other half (a full day becomes a half day); and so on, breadth
 *   first. This is the residual-graph augmentation of the flow relaxation with the side rules
 *   (non-associations, locks, closed groups) checked on every step. In "fair" mode an occupant
 *   with two or more active days may also give up this day, so that a prisoner without any
 *   activity gets one (active days unchanged, one prisoner fewer without activity).
 * - Sessions from which no chain exists are remembered per day until that day changes (the
 *   classic dead-end pruning of augmenting-path algorithms), which keeps repeated failing
 *   searches cheap.
 * Every chain is applied, re-checked, and undone if a rule or a counter got worse.
 */
import { Model } from './model';
import { PlanState } from './plan-state';
import { mulberry32 } from './prng';

interface Move {
  q: number;
  from: number; // session left, or -1
  to: number; // session entered, or -1 (drop)
}

export class Repairer {
  private readonly m: Model;
  private stamp = 0;
  private readonly mark: Int32Array;
  private readonly enterP: Int32Array;
  private readonly prevS: Int32Array;
  private readonly queue: Int32Array;
  private readonly deadDay: Int32Array;
  private readonly dayVersion: Int32Array;
  private readonly deadFair: Int32Array;
  /** Sessions whose exploration depended on who entered them (not safe to mark dead). */
  private readonly specific: Int32Array;
  private fairVersion = 1;
  /** Number of successful chains. */
  successes = 0;

  constructor(private readonly st: PlanState) {
    const m = (this.m = st.m);
    this.mark = new Int32Array(m.S);
    this.enterP = new Int32Array(m.S);
    this.prevS = new Int32Array(m.S);
    this.queue = new Int32Array(m.S);
    this.deadDay = new Int32Array(m.S);
    this.deadFair = new Int32Array(m.S);
    this.specific = new Int32Array(m.S);
    this.dayVersion = new Int32Array(m.D).fill(1);
  }

  /** Call after any change of the plan made outside this class. */
  touched(d: number): void {
    this.dayVersion[d]++;
    this.fairVersion++;
  }

  private dead(s: number, fair: boolean): boolean {
    return fair ? this.deadFair[s] === this.fairVersion : this.deadDay[s] === this.dayVersion[this.m.sessionHd[s] >> 1];
  }

  /** Tries to make day d of p active (p must have no session that day). */
  augment(p: number, d: number, fair = false): boolean {
    const st = this.st;
    const m = this.m;
    const H = m.H;
    if (st.halvesOnDay(p, d) > 0) return false;
    const stamp = ++this.stamp;
    const { mark, enterP, prevS, queue } = this;
    let qt = 0;
    for (let hd = 2 * d; hd <= 2 * d + 1; hd++) {
      if (!st.available(p, hd)) continue;
      const list = m.openByHd[hd];
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        if (mark[s] === stamp || !st.allowed(p, s)) continue;
        if (st.room(s) > 0 && st.compatible(p, s)) return this.apply([{ q: p, from: -1, to: s }], p, -1);
        if (this.dead(s, fair)) continue;
        mark[s] = stamp;
        enterP[s] = p;
        prevS[s] = -1;
        queue[qt++] = s;
      }
    }
    let qh = 0;
    while (qh < qt) {
      const s = queue[qh++];
      const x = enterP[s];
      const hd = m.sessionHd[s];
      const other = hd ^ 1;
      const occ = st.occ[s];
      if (!st.compatible(x, s)) this.specific[s] = stamp;
      let dropQ = -1;
      let dropVictim = -1;
      for (let oi = 0; oi < occ.length; oi++) {
        const q = occ[oi];
        if (st.isFixed(q, hd)) continue;
        if (q === x || q === p || !st.compatible(x, s, q) || this.inChain(q, s)) {
          this.specific[s] = stamp;
          continue;
        }
        const qOther = st.assign[q * H + other];
        if (dropQ < 0) {
          if (qOther >= 0) {
            dropQ = q;
            dropVictim = -1;
          } else if (fair && st.dayCount[q] >= 2) {
            dropQ = q;
            dropVictim = q;
          }
        } else if (dropVictim >= 0 && qOther >= 0) {
          // prefer a drop that costs only a full day over one that costs a day
          dropQ = q;
          dropVictim = -1;
        }
        // q moves within the same half-day
        const same = m.openByHd[hd];
        for (let i = 0; i < same.length; i++) {
          const s2 = same[i];
          if (s2 === s || mark[s2] === stamp || !st.allowed(q, s2)) continue;
          if (st.room(s2) > 0 && st.compatible(q, s2)) return this.apply(this.chain(s, { q, from: s, to: s2 }), p, -1);
          if (this.dead(s2, fair)) continue;
          mark[s2] = stamp;
          enterP[s2] = q;
          prevS[s2] = s;
          queue[qt++] = s2;
        }
        // q moves to the other half of the same day, where q is free
        if (qOther < 0 && st.available(q, other)) {
          const lst = m.openByHd[other];
          for (let i = 0; i < lst.length; i++) {
            const s2 = lst[i];
            if (mark[s2] === stamp || !st.allowed(q, s2)) continue;
            if (st.room(s2) > 0 && st.compatible(q, s2)) return this.apply(this.chain(s, { q, from: s, to: s2 }), p, -1);
            if (this.dead(s2, fair)) continue;
            mark[s2] = stamp;
            enterP[s2] = q;
            prevS[s2] = s;
            queue[qt++] = s2;
          }
        }
      }
      if (dropQ >= 0) return this.apply(this.chain(s, { q: dropQ, from: s, to: -1 }), p, dropVictim);
    }
    // No chain: every visited session whose exploration did not depend on who entered it (no
    // non-associated prisoner of the entrant inside, no one skipped for being in the chain) is a
    // dead end until the day changes.
    for (let i = 0; i < qt; i++) {
      const s = queue[i];
      if (this.specific[s] === stamp) continue;
      if (fair) this.deadFair[s] = this.fairVersion;
      else this.deadDay[s] = this.dayVersion[d];
    }
    return false;
  }

  /** Is q already moving in the chain that leads to s? */
  private inChain(q: number, s: number): boolean {
    for (let c = s; c >= 0; c = this.prevS[c]) if (this.enterP[c] === q) return true;
    return false;
  }

  /** Moves from the root to `last` (root first). */
  private chain(s: number, last: Move): Move[] {
    const moves: Move[] = [last];
    for (let c = s; c >= 0; c = this.prevS[c]) moves.push({ q: this.enterP[c], from: this.prevS[c], to: c });
    return moves.reverse();
  }

  /**
   * Applies the moves (terminal end first, so capacity is never exceeded on the way), then checks
   * the rules and counters; undoes everything on failure. `victim` may lose one active day.
   */
  private apply(moves: Move[], p: number, victim: number): boolean {
    const st = this.st;
    const m = this.m;
    const involved = Array.from(new Set(moves.map((mv) => mv.q)));
    const before = involved.map((q) => st.dayCount[q]);
    const done: Move[] = [];
    let ok = true;
    for (let i = moves.length - 1; i >= 0; i--) {
      const mv = moves[i];
      if (mv.from >= 0) {
        if (st.assign[mv.q * m.H + m.sessionHd[mv.from]] !== mv.from) {
          ok = false;
          break;
        }
        st.unplace(mv.q, m.sessionHd[mv.from]);
      }
      if (mv.to >= 0) {
        if (st.assign[mv.q * m.H + m.sessionHd[mv.to]] >= 0) {
          if (mv.from >= 0) st.place(mv.q, mv.from);
          ok = false;
          break;
        }
        st.place(mv.q, mv.to);
      }
      done.push(mv);
    }
    if (ok) {
      for (const mv of done) {
        if (mv.to < 0) continue;
        if (st.room(mv.to) < 0 || !st.compatible(mv.q, mv.to) || !st.allowed(mv.q, mv.to)) ok = false;
      }
      involved.forEach((q, i) => {
        const lost = before[i] - st.dayCount[q];
        if (q === p ? st.dayCount[q] !== before[i] + 1 : lost > (q === victim ? 1 : 0)) ok = false;
        if (q === victim && st.dayCount[q] < 1) ok = false;
      });
    }
    if (!ok) {
      for (let i = done.length - 1; i >= 0; i--) {
        const mv = done[i];
        if (mv.to >= 0) st.unplace(mv.q, m.sessionHd[mv.to]);
        if (mv.from >= 0) st.place(mv.q, mv.from);
      }
      return false;
    }
    const days = new Set<number>();
    for (const mv of moves) {
      if (mv.from >= 0) days.add(m.sessionHd[mv.from] >> 1);
      if (mv.to >= 0) days.add(m.sessionHd[mv.to] >> 1);
    }
    for (const d of days) this.dayVersion[d]++;
    this.fairVersion++;
    this.successes++;
    return true;
  }
}

const WORSE_ACCEPT = 0.05;

export interface KickOptions {
  /** Stop when the plan reaches this many active days (the upper bound). */
  target: number;
  maxIterations: number;
  /** Stop after this many iterations without a new best. */
  maxStall: number;
  deadline: number;
  seed: number;
}

/**
 * Ejection search for objective 1, used only while the plan is below the upper bound: a random
 * prisoner-day without activity is forced into one of its sessions, ejecting the non-associated
 * prisoners there and, when full, one random occupant; the ejected try to come back by
 * augmenting chains. Improving and sideways moves (same active days) are kept, others undone;
 * the best plan by active days is restored at the end, so sideways moves never cost anything. Deterministic (seeded PRNG, fixed iteration budget;
 * only the deadline depends on the machine). If no improvement is found the plan is restored.
 */
export function kickSearch(st: PlanState, rep: Repairer, o: KickOptions): { iterations: number; gained: number; timedOut: boolean } {
  const m = st.m;
  const { P, D, H } = m;
  const rng = mulberry32(o.seed);
  const start = st.activeDays;
  const initial = st.assign.slice();
  let best = start;
  let bestAssign: Int32Array | null = null;
  let timedOut = false;

  const options = (p: number, d: number): number[] => {
    const out: number[] = [];
    for (let hd = 2 * d; hd <= 2 * d + 1; hd++) {
      if (!st.available(p, hd)) continue;
      for (const s of m.openByHd[hd]) if (st.allowed(p, s) && m.sessionCap[s] > 0) out.push(s);
    }
    return out;
  };
  const cand: number[] = [];
  const inCand = new Uint8Array(P * D);
  for (let p = 0; p < P; p++) {
    for (let d = 0; d < D; d++) {
      if (st.halvesOnDay(p, d) === 0 && options(p, d).length) {
        cand.push(p * D + d);
        inCand[p * D + d] = 1;
      }
    }
  }

  let it = 0;
  let stall = 0;
  while (it < o.maxIterations && stall < o.maxStall && st.activeDays < o.target) {
    if ((it & 7) === 0 && Date.now() > o.deadline) {
      timedOut = true;
      break;
    }
    it++;
    stall++;
    let pd = -1;
    while (cand.length) {
      const i = Math.floor(rng() * cand.length);
      const x = cand[i];
      if (st.halvesOnDay((x / D) | 0, x % D) === 0) {
        pd = x;
        break;
      }
      cand[i] = cand[cand.length - 1];
      cand.pop();
      inCand[x] = 0;
    }
    if (pd < 0) break;
    const p = (pd / D) | 0;
    const d = pd % D;
    const opts = options(p, d);
    const s = opts[Math.floor(rng() * opts.length)];
    const hd = m.sessionHd[s];
    const before = st.activeDays;
    st.begin();
    const ejected: number[] = [];
    let ok = true;
    for (const e of m.enemies[p]) {
      if (st.assign[e * H + hd] !== s) continue;
      if (st.isFixed(e, hd)) {
        ok = false;
        break;
      }
      ejected.push(e);
      st.unplace(e, hd);
    }
    if (ok && st.room(s) <= 0) {
      const movable = st.occ[s].filter((q) => !st.isFixed(q, hd));
      if (!movable.length) ok = false;
      else {
        const r = movable[Math.floor(rng() * movable.length)];
        ejected.push(r);
        st.unplace(r, hd);
      }
    }
    if (!ok) {
      st.rollback();
      continue;
    }
    st.place(p, s);
    rep.touched(d);
    for (const e of ejected) if (st.halvesOnDay(e, d) === 0) rep.augment(e, d);
    const after = st.activeDays;
    // Improving and sideways moves are kept; now and then a move that loses one day (but never
    // more than two below the best) is kept too, to get out of plateaus.
    if (after >= before || (after === before - 1 && after >= best - 2 && rng() < WORSE_ACCEPT)) {
      st.commit();
      for (const e of ejected) {
        const k = e * D + d;
        if (st.halvesOnDay(e, d) === 0 && !inCand[k]) {
          inCand[k] = 1;
          cand.push(k);
        }
      }
      if (after > best) {
        best = after;
        bestAssign = st.assign.slice();
        stall = 0;
      }
    } else {
      st.rollback();
      rep.touched(d);
    }
  }
  st.load(bestAssign ?? initial);
  for (let d = 0; d < D; d++) rep.touched(d);
  return { iterations: it, gained: best - start, timedOut };
}
