/**
 * A mutable plan over the indexed model: who is in which session each half-day, with the
 * occupancy, active-day counters and the hard-rule checks used while building a plan.
 */
import { Model } from './model';
import { DayExplanation, ExplanationParams, HalfDayPeriod, PlanMetrics, UnplacedReason } from './types';

export class PlanState {
  /** P*H: session index or -1. */
  readonly assign: Int32Array;
  /** Occupants of each session. */
  readonly occ: number[][];
  /** P*H: position of the prisoner in occ[assign]. */
  private readonly pos: Int32Array;
  /** Active days per prisoner. */
  readonly dayCount: Int32Array;
  activeDays = 0;
  /** Prisoners in custody with no session in the week (objective 2). */
  withoutActivity = 0;
  /** Weighted priority score (objective 3, as in evaluate). */
  priorityScore = 0;
  /** Undo log of the open transaction: triples (1 = placed | 0 = removed, prisoner, session). */
  private journal: number[] | null = null;

  constructor(readonly m: Model) {
    this.assign = new Int32Array(m.P * m.H).fill(-1);
    this.pos = new Int32Array(m.P * m.H).fill(-1);
    this.occ = Array.from({ length: m.S }, () => []);
    this.dayCount = new Int32Array(m.P);
    for (let p = 0; p < m.P; p++) if (m.custodyMask[p]) this.withoutActivity++;
    for (const [p, s] of m.fixedLocks) this.place(p, s);
    for (const [p, s] of m.fixedGroup) this.place(p, s);
  }

  isFixed(p: number, hd: number): boolean {
    return this.m.fixedAt[p * this.m.H + hd] >= 0;
  }

  room(s: number): number {
    return this.m.sessionCap[s] - this.occ[s].length;
  }

  available(p: number, hd: number): boolean {
    return (this.m.availMask[p] & (1 << hd)) !== 0;
  }

  /** May p be placed in s freely (running, eligible and not a closed group, available)? Ignores capacity and enemies. */
  allowed(p: number, s: number): boolean {
    const m = this.m;
    return m.sessionOpen[s] === 1 && m.placeable[p * m.A + m.sessionAct[s]] === 1 && this.available(p, m.sessionHd[s]);
  }

  /** No non-associated prisoner of p in s, except `leaving` who is about to leave. */
  compatible(p: number, s: number, leaving = -1): boolean {
    const m = this.m;
    const hd = m.sessionHd[s];
    const H = m.H;
    const en = m.enemies[p];
    for (let i = 0; i < en.length; i++) {
      const e = en[i];
      if (e !== leaving && this.assign[e * H + hd] === s) return false;
    }
    return true;
  }

  /** Direct placement allowed now (free half-day, room, rules). */
  canPlace(p: number, s: number): boolean {
    const hd = this.m.sessionHd[s];
    return this.assign[p * this.m.H + hd] < 0 && this.allowed(p, s) && this.room(s) > 0 && this.compatible(p, s);
  }

  halvesOnDay(p: number, d: number): number {
    const base = p * this.m.H + 2 * d;
    return (this.assign[base] >= 0 ? 1 : 0) + (this.assign[base + 1] >= 0 ? 1 : 0);
  }

  /** Starts recording changes so that they can be rolled back. */
  begin(): void {
    this.journal = [];
  }

  commit(): void {
    this.journal = null;
  }

  /** Undoes every change since begin() and closes the transaction. */
  rollback(): void {
    const j = this.journal;
    if (!j) return;
    this.journal = null;
    for (let i = j.length - 3; i >= 0; i -= 3) {
      if (j[i] === 1) this.unplace(j[i + 1], this.m.sessionHd[j[i + 2]]);
      else this.place(j[i + 1], j[i + 2]);
    }
  }

  /** Replaces the whole plan by the given P*H assignment array. */
  load(assign: Int32Array): void {
    const { P, H } = this.m;
    for (let p = 0; p < P; p++) for (let hd = 0; hd < H; hd++) if (this.assign[p * H + hd] !== assign[p * H + hd]) this.unplace(p, hd);
    for (let p = 0; p < P; p++)
      for (let hd = 0; hd < H; hd++) if (assign[p * H + hd] >= 0 && this.assign[p * H + hd] < 0) this.place(p, assign[p * H + hd]);
  }

  place(p: number, s: number): void {
    const m = this.m;
    const hd = m.sessionHd[s];
    const k = p * m.H + hd;
    if (this.assign[k] >= 0) throw new Error('PlanState.place: half-day already taken');
    if (this.assign[k ^ 1] < 0) {
      if (this.dayCount[p]++ === 0) this.withoutActivity--;
      this.activeDays++;
      this.priorityScore += m.dayWeight[p];
    }
    this.priorityScore += this.weightOf(p, s);
    this.assign[k] = s;
    this.pos[k] = this.occ[s].length;
    this.occ[s].push(p);
    if (this.journal) this.journal.push(1, p, s);
  }

  unplace(p: number, hd: number): number {
    const m = this.m;
    const k = p * m.H + hd;
    const s = this.assign[k];
    if (s < 0) return -1;
    const list = this.occ[s];
    const i = this.pos[k];
    const last = list.pop()!;
    if (last !== p) {
      list[i] = last;
      this.pos[last * m.H + hd] = i;
    }
    this.assign[k] = -1;
    this.pos[k] = -1;
    if (this.assign[k ^ 1] < 0) {
      if (--this.dayCount[p] === 0) this.withoutActivity++;
      this.activeDays--;
      this.priorityScore -= m.dayWeight[p];
    }
    this.priorityScore -= this.weightOf(p, s);
    if (this.journal) this.journal.push(0, p, s);
    return s;
  }

  pairs(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    const { P, H } = this.m;
    for (let p = 0; p < P; p++) {
      for (let hd = 0; hd < H; hd++) {
        const s = this.assign[p * H + hd];
        if (s >= 0) out.push([p, s]);
      }
    }
    return out;
  }

  /** Priority weight of p for the activity of s (0 when none). */
  weightOf(p: number, s: number): number {
    const w = this.m.actWeight[p];
    return w ? (w.get(this.m.sessionAct[s]) ?? 0) : 0;
  }
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

export function evaluate(state: PlanState): PlanMetrics {
  const m = state.m;
  const { P, H, D } = m;
  let prisonerDays = 0;
  let prisonersInCustody = 0;
  let without = 0;
  let fullDays = 0;
  let assignments = 0;
  for (let p = 0; p < P; p++) {
    const c = popcount(m.custodyMask[p]);
    prisonerDays += c;
    if (c > 0) {
      prisonersInCustody++;
      if (state.dayCount[p] === 0) without++;
    }
    for (let d = 0; d < D; d++) {
      const h = state.halvesOnDay(p, d);
      assignments += h;
      if (h === 2) fullDays++;
    }
  }
  let priorityScore = 0;
  let prioritiesMet = 0;
  for (const c of m.claims) {
    let units = 0;
    if (c.acts === null) units = state.dayCount[c.p];
    else {
      for (let hd = 0; hd < H; hd++) {
        const s = state.assign[c.p * H + hd];
        if (s >= 0 && c.acts.has(m.sessionAct[s])) units++;
      }
    }
    priorityScore += units * c.weight;
    if (units > 0) prioritiesMet++;
  }
  let changes = 0;
  for (const [p, s] of m.currentPairs) if (state.assign[p * H + m.sessionHd[s]] !== s) changes++;
  return {
    activeDays: state.activeDays,
    prisonerDays,
    prisonersInCustody,
    prisonersWithoutActivity: without,
    priorityScore: Math.round(priorityScore * 1e6) / 1e6,
    prioritiesMet,
    priorityClaims: m.claims.length,
    changesFromCurrent: changes,
    fullDays,
    assignments,
  };
}

/** Lexicographic comparison of the objectives: > 0 when a is better than b. */
export function compareMetrics(a: PlanMetrics, b: PlanMetrics): number {
  if (a.activeDays !== b.activeDays) return a.activeDays - b.activeDays;
  if (a.prisonersWithoutActivity !== b.prisonersWithoutActivity) return b.prisonersWithoutActivity - a.prisonersWithoutActivity;
  if (Math.abs(a.priorityScore - b.priorityScore) > 1e-9) return a.priorityScore - b.priorityScore;
  if (a.changesFromCurrent !== b.changesFromCurrent) return b.changesFromCurrent - a.changesFromCurrent;
  return a.fullDays - b.fullDays;
}

/**
 * What is proven about each day: `bound[d]` is the best proven upper bound on the day's active
 * prisoner-days (flow bound, tightened by the exact step), `flow[d]` the flow bound alone (no
 * non-associations). Without it, a day counts as proven only when it meets the flow bound.
 */
export interface DayProof {
  bound: readonly number[];
  flow: readonly number[];
}

/** The reason of every counted day without activity, in prisoner-id then date order. */
export function explain(state: PlanState, proof: DayProof): DayExplanation[] {
  const m = state.m;
  const { P, D, H } = m;
  const out: DayExplanation[] = [];
  const byId = new Map(m.input.prisoners.map((p) => [p.id, p]));
  const active = new Array<number>(D).fill(0);
  for (let p = 0; p < P; p++) for (let d = 0; d < D; d++) if (state.halvesOnDay(p, d) > 0) active[d]++;
  for (let p = 0; p < P; p++) {
    for (let d = 0; d < D; d++) {
      if (state.halvesOnDay(p, d) > 0) continue;
      const date = m.days[d];
      const prisonerId = m.prisonerIds[p];
      const push = (reason: UnplacedReason, proven: boolean, params: ExplanationParams) =>
        out.push({ prisonerId, date, reason, proven, params });
      if (!(m.custodyMask[p] & (1 << d))) {
        push('NOT_IN_CUSTODY', true, { periods: [] });
        continue;
      }
      const halves = [2 * d, 2 * d + 1].filter((hd) => state.available(p, hd));
      const periods = halves.map(hd2period);
      if (halves.length === 0) {
        const unavailable = (byId.get(prisonerId)?.unavailable ?? [])
          .filter((u) => u.date === date && u.reason)
          .map((u) => ({ period: u.period, reason: u.reason! }));
        push('UNAVAILABLE', true, unavailable.length ? { periods, unavailable } : { periods });
        continue;
      }
      let scheduled = 0;
      let running = 0;
      let freeSessions = 0;
      const blockedBy: Array<{ prisonerId: string; sessionId: string }> = [];
      for (const hd of halves) {
        for (const s of m.allByHd[hd]) {
          const a = m.sessionAct[s];
          if (!m.placeable[p * m.A + a]) continue;
          scheduled++;
          if (!m.sessionOpen[s]) continue;
          running++;
          if (state.room(s) > 0) {
            freeSessions++;
            for (const e of m.enemies[p]) {
              if (state.assign[e * H + hd] === s) blockedBy.push({ prisonerId: m.prisonerIds[e], sessionId: m.sessionIds[s] });
            }
          }
        }
      }
      blockedBy.sort((x, y) => (x.sessionId < y.sessionId ? -1 : x.sessionId > y.sessionId ? 1 : x.prisonerId < y.prisonerId ? -1 : 1));
      if (scheduled === 0) push('NO_ELIGIBLE_ACTIVITY', true, { periods });
      else if (running === 0) push('STAFF_ABSENT', true, { periods, sessions: scheduled });
      else if (active[d] < proof.bound[d]) {
        // the day is below its proven bound: a better plan may exist, the engine did not find it
        push('NOT_FOUND_IN_TIME', false, blockedBy.length ? { periods, freeSessions, blockedBy } : { periods, freeSessions });
      } else if (active[d] < proof.flow[d])
        // proved optimal below the flow bound: non-associations are what leaves days empty
        push('NON_ASSOCIATION', true, blockedBy.length ? { periods, freeSessions, blockedBy } : { periods, freeSessions });
      else push('ALL_ELIGIBLE_FULL', true, { periods, sessions: running });
    }
  }
  return out;
}

function hd2period(hd: number): HalfDayPeriod {
  return hd % 2 === 0 ? 'AM' : 'PM';
}
