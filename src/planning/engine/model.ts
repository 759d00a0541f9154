/**
 * The indexed internal model shared by the planner, the greedy baseline and validatePlan.
 *
 * Everything is put in a canonical order (days by date, sessions by date/period/activity/id,
 * prisoners and activities by id) so that results do not depend on the order of the input.
 * Half-day index: hd = dayIndex * 2 + (AM ? 0 : 1).
 */
import { Allocation, InputConflict, InputConflictCode, PlanningInput } from './types';

export interface ClaimModel {
  p: number;
  /** Activity indices, or null for a prisoner-level claim (scores per active day). */
  acts: Set<number> | null;
  weight: number;
}

export interface Model {
  input: PlanningInput;
  days: string[];
  D: number;
  H: number;
  dayIndex: Map<string, number>;

  // activities
  A: number;
  activityIds: string[];
  activityIndex: Map<string, number>;
  activityClosed: Uint8Array;

  // sessions (only those on counted days)
  S: number;
  sessionIds: string[];
  sessionIndex: Map<string, number>;
  sessionAct: Int32Array;
  sessionHd: Int32Array;
  sessionCap: Int32Array;
  /** 1 when not cancelled and staff present. */
  sessionOpen: Uint8Array;
  /** Running sessions per half-day in canonical order. */
  openByHd: Int32Array[];
  /** All sessions (running or not) per half-day. */
  allByHd: Int32Array[];
  /** Ids of sessions given in the input on dates that are not counted days. */
  offWeekSessionIds: Set<string>;

  // prisoners
  P: number;
  prisonerIds: string[];
  prisonerIndex: Map<string, number>;
  /** Bit d set when in custody on day d. */
  custodyMask: Int32Array;
  /** Bit hd set when in custody and not unavailable. */
  availMask: Int32Array;
  /** P*A: 1 when eligible (input list, or member of the activity's closed group). */
  eligible: Uint8Array;
  /** P*A: eligible for free placement (eligible and the activity is not a closed group). */
  placeable: Uint8Array;
  enemies: Int32Array[];
  /** P*H: current session at the half-day or -1. */
  currentAt: Int32Array;
  /** Valid current allocations (known prisoner, known session on a counted day), deduplicated. */
  currentPairs: Array<[number, number]>;

  // priorities
  claims: ClaimModel[];
  /** Per prisoner: activity index -> summed weight of the activity claims. */
  actWeight: Array<Map<number, number> | undefined>;
  /** Per prisoner: summed weight of prisoner-level claims (per active day). */
  dayWeight: Float64Array;

  // fixed assignments (locks and closed groups that can be honoured)
  /** P*H: fixed session or -1. */
  fixedAt: Int32Array;
  fixedLocks: Array<[number, number]>;
  fixedGroup: Array<[number, number]>;
  conflicts: InputConflict[];
  /** Closed groups: activity index -> member prisoner indices. */
  closedMembers: Map<number, Set<number>>;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function halfDayOf(dayIdx: number, period: 'AM' | 'PM'): number {
  return dayIdx * 2 + (period === 'AM' ? 0 : 1);
}

export function buildModel(input: PlanningInput): Model {
  const days = Array.from(new Set(input.days)).sort(cmp);
  if (days.length > 15) throw new Error('planWeek: at most 15 days per call');
  const D = days.length;
  const H = D * 2;
  const dayIndex = new Map(days.map((d, i) => [d, i]));

  // --- prisoners
  const prisonerIds = input.prisoners.map((p) => p.id).sort(cmp);
  for (let i = 1; i < prisonerIds.length; i++) {
    if (prisonerIds[i] === prisonerIds[i - 1]) throw new Error(`planWeek: duplicate prisoner id ${prisonerIds[i]}`);
  }
  const prisonerIndex = new Map(prisonerIds.map((id, i) => [id, i]));
  const P = prisonerIds.length;

  // --- sessions
  const offWeekSessionIds = new Set<string>();
  const seenSession = new Set<string>();
  const sess = [] as Array<{ id: string; activityId: string; d: number; hd: number; period: string; cap: number; open: boolean }>;
  for (const s of input.sessions) {
    if (seenSession.has(s.id)) throw new Error(`planWeek: duplicate session id ${s.id}`);
    seenSession.add(s.id);
    const d = dayIndex.get(s.date);
    if (d === undefined) {
      offWeekSessionIds.add(s.id);
      continue;
    }
    sess.push({
      id: s.id,
      activityId: s.activityId,
      d,
      hd: halfDayOf(d, s.period),
      period: s.period,
      cap: Math.max(0, Math.floor(Number.isFinite(s.capacity) ? s.capacity : 0)),
      open: !s.cancelled && s.staffPresent !== false,
    });
  }
  sess.sort((a, b) => a.hd - b.hd || cmp(a.activityId, b.activityId) || cmp(a.id, b.id));

  // --- activities
  const actSet = new Set<string>();
  for (const s of sess) actSet.add(s.activityId);
  for (const p of input.prisoners) for (const a of p.eligibleActivityIds) actSet.add(a);
  for (const g of input.closedGroups ?? []) actSet.add(g.activityId);
  for (const c of input.priorities ?? []) for (const a of c.activityIds ?? []) actSet.add(a);
  const activityIds = Array.from(actSet).sort(cmp);
  const activityIndex = new Map(activityIds.map((id, i) => [id, i]));
  const A = activityIds.length;

  const S = sess.length;
  const sessionIds = sess.map((s) => s.id);
  const sessionIndex = new Map(sessionIds.map((id, i) => [id, i]));
  const sessionAct = new Int32Array(S);
  const sessionHd = new Int32Array(S);
  const sessionCap = new Int32Array(S);
  const sessionOpen = new Uint8Array(S);
  const openLists: number[][] = Array.from({ length: H }, () => []);
  const allLists: number[][] = Array.from({ length: H }, () => []);
  sess.forEach((s, i) => {
    sessionAct[i] = activityIndex.get(s.activityId)!;
    sessionHd[i] = s.hd;
    sessionCap[i] = s.cap;
    sessionOpen[i] = s.open ? 1 : 0;
    allLists[s.hd].push(i);
    if (s.open) openLists[s.hd].push(i);
  });

  // --- closed groups
  const activityClosed = new Uint8Array(A);
  const closedMembers = new Map<number, Set<number>>();
  const groups = (input.closedGroups ?? []).slice().sort((a, b) => cmp(a.activityId, b.activityId));
  for (const g of groups) {
    const a = activityIndex.get(g.activityId)!;
    activityClosed[a] = 1;
    let set = closedMembers.get(a);
    if (!set) closedMembers.set(a, (set = new Set()));
    for (const id of g.memberIds) {
      const p = prisonerIndex.get(id);
      if (p !== undefined) set.add(p);
    }
  }

  // --- prisoner attributes
  const custodyMask = new Int32Array(P);
  const availMask = new Int32Array(P);
  const eligible = new Uint8Array(P * A);
  const placeable = new Uint8Array(P * A);
  for (const pr of input.prisoners) {
    const p = prisonerIndex.get(pr.id)!;
    let cm = 0;
    for (const d of pr.custodyDays) {
      const di = dayIndex.get(d);
      if (di !== undefined) cm |= 1 << di;
    }
    let am = 0;
    for (let d = 0; d < D; d++) if (cm & (1 << d)) am |= 3 << (2 * d);
    for (const u of pr.unavailable ?? []) {
      const di = dayIndex.get(u.date);
      if (di !== undefined) am &= ~(1 << halfDayOf(di, u.period));
    }
    custodyMask[p] = cm;
    availMask[p] = am;
    for (const a of pr.eligibleActivityIds) {
      const ai = activityIndex.get(a)!;
      eligible[p * A + ai] = 1;
      if (!activityClosed[ai]) placeable[p * A + ai] = 1;
    }
  }
  for (const [a, members] of closedMembers) for (const p of members) eligible[p * A + a] = 1;

  // --- non-associations
  const enemySets: Array<Set<number>> = Array.from({ length: P }, () => new Set());
  for (const [x, y] of input.nonAssociations ?? []) {
    const a = prisonerIndex.get(x);
    const b = prisonerIndex.get(y);
    if (a === undefined || b === undefined || a === b) continue;
    enemySets[a].add(b);
    enemySets[b].add(a);
  }
  const enemies = enemySets.map((s) => Int32Array.from(Array.from(s).sort((x, y) => x - y)));

  // --- current allocations
  const currentAt = new Int32Array(P * H).fill(-1);
  const currentPairs: Array<[number, number]> = [];
  const cur = input.currentAllocations ?? {};
  for (const pid of Object.keys(cur).sort(cmp)) {
    const p = prisonerIndex.get(pid);
    if (p === undefined) continue;
    const list = Array.from(new Set(cur[pid]))
      .map((sid) => sessionIndex.get(sid))
      .filter((s): s is number => s !== undefined)
      .sort((x, y) => x - y);
    for (const s of list) {
      currentPairs.push([p, s]);
      if (currentAt[p * H + sessionHd[s]] < 0) currentAt[p * H + sessionHd[s]] = s;
    }
  }

  // --- priorities
  const claims: ClaimModel[] = [];
  const actWeight: Array<Map<number, number> | undefined> = new Array(P);
  const dayWeight = new Float64Array(P);
  for (const c of input.priorities ?? []) {
    const p = prisonerIndex.get(c.prisonerId);
    if (p === undefined) continue;
    const w = Math.min(100, Math.max(0, c.weight ?? 1));
    if (!c.activityIds) {
      claims.push({ p, acts: null, weight: w });
      dayWeight[p] += w;
    } else {
      const acts = new Set(c.activityIds.map((a) => activityIndex.get(a)!));
      claims.push({ p, acts, weight: w });
      let m = actWeight[p];
      if (!m) actWeight[p] = m = new Map();
      for (const a of acts) m.set(a, (m.get(a) ?? 0) + w);
    }
  }

  const model: Model = {
    input,
    days,
    D,
    H,
    dayIndex,
    A,
    activityIds,
    activityIndex,
    activityClosed,
    S,
    sessionIds,
    sessionIndex,
    sessionAct,
    sessionHd,
    sessionCap,
    sessionOpen,
    openByHd: openLists.map((l) => Int32Array.from(l)),
    allByHd: allLists.map((l) => Int32Array.from(l)),
    offWeekSessionIds,
    P,
    prisonerIds,
    prisonerIndex,
    custodyMask,
    availMask,
    eligible,
    placeable,
    enemies,
    currentAt,
    currentPairs,
    claims,
    actWeight,
    dayWeight,
    fixedAt: new Int32Array(P * H).fill(-1),
    fixedLocks: [],
    fixedGroup: [],
    conflicts: [],
    closedMembers,
  };
  resolveFixed(model);
  return model;
}

/**
 * Decides which locks and closed-group memberships become fixed assignments. Locks first (in
 * prisoner/session order), then closed groups (activity, session, prisoner order). A fixed
 * assignment that would break another hard rule is not made and is reported as a conflict.
 */
function resolveFixed(m: Model): void {
  const { H, A } = m;
  const count = new Int32Array(m.S);
  const conflict = (
    source: 'LOCK' | 'CLOSED_GROUP',
    prisonerId: string,
    sessionId: string,
    code: InputConflictCode,
    detail: string,
  ): false => {
    m.conflicts.push({ source, prisonerId, sessionId, code, detail });
    return false;
  };

  // true: newly fixed; 'KEPT': already fixed there (a lock inside the member's own group); false: conflict.
  const tryFix = (source: 'LOCK' | 'CLOSED_GROUP', p: number, s: number): boolean | 'KEPT' => {
    const pid = m.prisonerIds[p];
    const sid = m.sessionIds[s];
    const hd = m.sessionHd[s];
    const a = m.sessionAct[s];
    if (!m.sessionOpen[s]) return conflict(source, pid, sid, 'SESSION_NOT_RUNNING', 'the session is cancelled or its staff is absent');
    if (!(m.custodyMask[p] & (1 << (hd >> 1))))
      return conflict(source, pid, sid, 'NOT_IN_CUSTODY', 'the prisoner is not in custody that day');
    if (!(m.availMask[p] & (1 << hd))) return conflict(source, pid, sid, 'UNAVAILABLE', 'the prisoner is unavailable that half-day');
    if (!m.eligible[p * A + a]) return conflict(source, pid, sid, 'NOT_ELIGIBLE', 'the prisoner is not eligible for the activity');
    if (m.activityClosed[a] && !m.closedMembers.get(a)!.has(p))
      return conflict(source, pid, sid, 'CLOSED_GROUP_NEWCOMER', 'the activity is a closed group and the prisoner is not a member');
    const prev = m.fixedAt[p * H + hd];
    if (prev === s) return 'KEPT';
    if (prev >= 0) return conflict(source, pid, sid, 'DOUBLE_BOOKED', `already fixed to session ${m.sessionIds[prev]} that half-day`);
    if (count[s] >= m.sessionCap[s])
      return conflict(source, pid, sid, 'CAPACITY_EXCEEDED', 'the session is already full with fixed participants');
    for (const e of m.enemies[p]) {
      if (m.fixedAt[e * H + hd] === s)
        return conflict(source, pid, sid, 'NON_ASSOCIATION', `non-associated with ${m.prisonerIds[e]}, already fixed to the session`);
    }
    m.fixedAt[p * H + hd] = s;
    count[s]++;
    return true;
  };

  const locks = (m.input.locks ?? []).slice().sort((x, y) => cmp(x.prisonerId, y.prisonerId) || cmp(x.sessionId, y.sessionId));
  const seen = new Set<string>();
  for (const l of locks) {
    const key = `${l.prisonerId}\u0000${l.sessionId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const p = m.prisonerIndex.get(l.prisonerId);
    const s = m.sessionIndex.get(l.sessionId);
    if (p === undefined) {
      conflict('LOCK', l.prisonerId, l.sessionId, 'UNKNOWN_PRISONER', 'unknown prisoner');
      continue;
    }
    if (s === undefined) {
      conflict('LOCK', l.prisonerId, l.sessionId, 'UNKNOWN_SESSION', 'unknown session or not on a counted day of the week');
      continue;
    }
    if (tryFix('LOCK', p, s) === true) m.fixedLocks.push([p, s]);
  }

  const closedActs = Array.from(m.closedMembers.keys()).sort((a, b) => a - b);
  for (const a of closedActs) {
    const members = Array.from(m.closedMembers.get(a)!).sort((x, y) => x - y);
    for (let s = 0; s < m.S; s++) {
      if (m.sessionAct[s] !== a || !m.sessionOpen[s]) continue;
      const hd = m.sessionHd[s];
      for (const p of members) {
        // A member who cannot attend that half-day (not in custody, unavailable) simply does not.
        if (!(m.availMask[p] & (1 << hd))) continue;
        if (tryFix('CLOSED_GROUP', p, s) === true) m.fixedGroup.push([p, s]);
      }
    }
  }
}

/** Sorted, public form of internal (prisoner, session) pairs. */
export function toAllocations(m: Model, pairs: Iterable<[number, number]>): Allocation[] {
  const arr = Array.from(pairs);
  arr.sort((x, y) => x[0] - y[0] || m.sessionHd[x[1]] - m.sessionHd[y[1]] || x[1] - y[1]);
  return arr.map(([p, s]) => ({ prisonerId: m.prisonerIds[p], sessionId: m.sessionIds[s] }));
}

export { cmp as compareStrings };
