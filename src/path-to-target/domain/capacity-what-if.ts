/**
 * The capacity what-if: the fewest added places (more places in a running session, or an existing
 * activity opened on a half-day where it has no session) that lift the week's ceiling — the most
 * active days any plan can reach — to the target, or as close as the candidates allow.
 *
 * Exact on the planner's flow relaxation (docs/planner.md, "Upper bound"): the network
 *   S → prisoner-day (1, −REWARD) → activity at a half-day the prisoner is free, available and
 *   eligible for → T (the places: free at cost 0, added at cost GROW or OPEN per place)
 * with a return arc T → S of capacity `target days − fixed days` is solved as a min-cost circulation
 * with the engine's network simplex. REWARD exceeds the cost of any one place, so the flow reaches
 * the target (or the most it can) first, with as few added places as possible, and among those it
 * prefers places in running sessions (GROW < OPEN). Each augmenting path ends in one place arc, so
 * one added place never gives more than one active day.
 *
 * Hard rules come with the input: eligibility (security level, age, referral), custody days,
 * unavailable half-days and cancelled sessions or absent staff (not running) are the planner's own
 * input; closed programme groups keep their members and take nobody else, locks are kept. Like the
 * planner's bound, non-associations are left out: `confirm` re-runs the planner on the changed week.
 *
 * Pure TypeScript, no Nest or database; see docs/path-to-target.md.
 */
import { MaxFlow } from '../../planning/engine/max-flow';
import { MinCostFlow } from '../../planning/engine/min-cost-flow';
import type { HalfDayPeriod, PlanningInput, PlanningSession } from '../../planning/engine';

export type ActivityKindCode = 'WORK' | 'EDUCATION' | 'PROGRAMME';

/** What the what-if needs to know of an activity beyond the planner's input. */
export interface WhatIfActivity {
  id: string;
  kind: ActivityKindCode;
  /** The activity's regular number of places: the size of a session opened on a new half-day. */
  capacity: number;
  /** Room or workshop size: a session may grow up to it; null = no growth (and new sessions of `capacity`). */
  maxCapacity: number | null;
}

export type OfferChangeKind = 'ADD_PLACES' | 'OPEN_SLOT';

export interface OfferChange {
  kind: OfferChangeKind;
  activityId: string;
  activityKind: ActivityKindCode;
  date: string;
  period: HalfDayPeriod;
  /** Running sessions of the activity at that half-day and the places each gets (ADD_PLACES; empty for OPEN_SLOT). */
  sessions: Array<{ sessionId: string; places: number }>;
  /** Places added (used by the optimum). */
  places: number;
  /** Active days lost on the relaxation if this change alone were left out (its marginal value). */
  marginalDays: number;
  /** marginalDays / places. */
  daysPerPlace: number;
}

export interface WhatIfResult {
  prisonerDays: number;
  targetDays: number;
  /** Days made active by locks and closed groups (counted before the flow). */
  fixedDays: number;
  /** Ceiling with today's offer (the planner's bound, on the same relaxation). */
  baseCeiling: number;
  /** Ceiling with the changes, on the relaxation. */
  predictedCeiling: number;
  /** The most the candidates can reach, up to the target: min(target, ceiling with every candidate at full size). */
  reachableCeiling: number;
  reachesTarget: boolean;
  placesAdded: number;
  /** Best value for money first: days per place, then marginal days, then activity, date, period. */
  changes: OfferChange[];
}

export interface WhatIfOptions {
  targetDays: number;
  activities: readonly WhatIfActivity[];
  /** Consider opening activities on half-days without a session (default true). */
  openSlots?: boolean;
}

const REWARD = 100_000_000;
const GROW = 10_000;
const OPEN = 10_001;

interface Hd {
  date: string;
  period: HalfDayPeriod;
}

/** A place node: an activity at a half-day (running sessions merged), or a candidate new session. */
interface PlaceNode {
  activityId: string;
  hd: Hd;
  sessionIds: string[];
  /** Places each running session may still grow by (parallel to sessionIds). */
  sessionGrowth: number[];
  freePlaces: number;
  growth: number;
  /** Candidate session on a half-day without one. */
  open: boolean;
}

interface Relaxation {
  prisonerDays: number;
  fixedDays: number;
  /** Per free prisoner-day: the place nodes it may use. */
  dayArcs: number[][];
  nodes: PlaceNode[];
}

const running = (s: PlanningSession, days: ReadonlySet<string>) => days.has(s.date) && !s.cancelled && s.staffPresent !== false;
const hdKey = (date: string, period: string) => `${date}|${period}`;

/** The relaxation of the week with the candidate place nodes. */
export function buildRelaxation(input: PlanningInput, activities: readonly WhatIfActivity[], openSlots = true): Relaxation {
  const days = [...new Set(input.days)].sort();
  const daySet = new Set(days);
  const act = new Map(activities.map((a) => [a.id, a]));
  const closed = new Set((input.closedGroups ?? []).map((g) => g.activityId));
  const sessions = input.sessions.filter((s) => running(s, daySet));
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const prisoners = [...input.prisoners].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const unavailable = new Map(prisoners.map((p) => [p.id, new Set((p.unavailable ?? []).map((u) => hdKey(u.date, u.period)))]));
  const custody = new Map(prisoners.map((p) => [p.id, new Set(p.custodyDays.filter((d) => daySet.has(d)))]));

  // Fixed assignments (closed-group members in every running session of their group they can attend; locks), as the planner keeps them.
  const fixedHalves = new Set<string>();
  const used = new Map<string, number>();
  const fix = (pid: string, s: PlanningSession) => {
    const k = `${pid}|${hdKey(s.date, s.period)}`;
    if (fixedHalves.has(k) || !custody.get(pid)?.has(s.date) || unavailable.get(pid)?.has(hdKey(s.date, s.period))) return;
    if ((used.get(s.id) ?? 0) >= Math.max(0, s.capacity)) return;
    fixedHalves.add(k);
    used.set(s.id, (used.get(s.id) ?? 0) + 1);
  };
  for (const g of input.closedGroups ?? [])
    for (const pid of [...g.memberIds].sort()) for (const s of sessions) if (s.activityId === g.activityId) fix(pid, s);
  const eligible = new Map(prisoners.map((p) => [p.id, new Set(p.eligibleActivityIds)]));
  for (const l of input.locks ?? []) {
    const s = sessionById.get(l.sessionId);
    if (s && !closed.has(s.activityId) && eligible.get(l.prisonerId)?.has(s.activityId)) fix(l.prisonerId, s);
  }

  // Place nodes: running, open activities merged per half-day; candidates for growth and new half-days.
  const nodes: PlaceNode[] = [];
  const nodeAt = new Map<string, number>();
  const hasSessionAt = new Set(input.sessions.filter((s) => daySet.has(s.date)).map((s) => `${s.activityId}|${hdKey(s.date, s.period)}`));
  for (const s of [...sessions].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (closed.has(s.activityId)) continue;
    const key = `${s.activityId}|${hdKey(s.date, s.period)}`;
    let i = nodeAt.get(key);
    if (i === undefined) {
      i = nodes.length;
      nodeAt.set(key, i);
      nodes.push({
        activityId: s.activityId,
        hd: { date: s.date, period: s.period },
        sessionIds: [],
        sessionGrowth: [],
        freePlaces: 0,
        growth: 0,
        open: false,
      });
    }
    const n = nodes[i];
    const cap = Math.max(0, s.capacity);
    n.sessionIds.push(s.id);
    n.freePlaces += Math.max(0, cap - (used.get(s.id) ?? 0));
    const a = act.get(s.activityId);
    const growth = a?.maxCapacity != null ? Math.max(0, a.maxCapacity - cap) : 0;
    n.sessionGrowth.push(growth);
    n.growth += growth;
  }
  if (openSlots) {
    const offered = [...new Set(sessions.map((s) => s.activityId))].filter((id) => !closed.has(id) && act.has(id)).sort();
    for (const id of offered) {
      const a = act.get(id)!;
      const size = Math.max(a.capacity, a.maxCapacity ?? 0);
      if (size <= 0) continue;
      for (const date of days)
        for (const period of ['AM', 'PM'] as const) {
          const key = `${id}|${hdKey(date, period)}`;
          if (hasSessionAt.has(key)) continue;
          nodeAt.set(key, nodes.length);
          nodes.push({ activityId: id, hd: { date, period }, sessionIds: [], sessionGrowth: [], freePlaces: 0, growth: size, open: true });
        }
    }
  }
  const nodesAtHd = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    const k = hdKey(n.hd.date, n.hd.period);
    const l = nodesAtHd.get(k);
    if (l) l.push(i);
    else nodesAtHd.set(k, [i]);
  });

  let prisonerDays = 0;
  let fixedDays = 0;
  const dayArcs: number[][] = [];
  for (const p of prisoners) {
    const elig = eligible.get(p.id)!;
    const unav = unavailable.get(p.id)!;
    for (const date of days) {
      if (!custody.get(p.id)!.has(date)) continue;
      prisonerDays++;
      if (fixedHalves.has(`${p.id}|${hdKey(date, 'AM')}`) || fixedHalves.has(`${p.id}|${hdKey(date, 'PM')}`)) {
        fixedDays++;
        continue;
      }
      const arcs: number[] = [];
      for (const period of ['AM', 'PM'] as const) {
        if (unav.has(hdKey(date, period))) continue;
        for (const i of nodesAtHd.get(hdKey(date, period)) ?? []) if (elig.has(nodes[i].activityId)) arcs.push(i);
      }
      if (arcs.length > 0) dayArcs.push(arcs);
    }
  }
  return { prisonerDays, fixedDays, dayArcs, nodes };
}

/** Max flow of the relaxation with the given added places per node (0 = today's offer), up to `cap` days. */
export function relaxedFlow(r: Relaxation, added: ReadonlyMap<number, number>, cap = Number.MAX_SAFE_INTEGER): number {
  const D = r.dayArcs.length;
  const N = r.nodes.length;
  const S = 0;
  const T = 1;
  const S0 = 2 + D + N;
  const mf = new MaxFlow(S0 + 1);
  mf.addArc(S0, S, Math.min(cap, D));
  for (let d = 0; d < D; d++) {
    mf.addArc(S, 2 + d, 1);
    for (const i of r.dayArcs[d]) mf.addArc(2 + d, 2 + D + i, 1);
  }
  for (let i = 0; i < N; i++) {
    const places = r.nodes[i].freePlaces + (added.get(i) ?? 0);
    if (places > 0) mf.addArc(2 + D + i, T, places);
  }
  return mf.maxflow(S0, T);
}

/** The fewest added places that lift the week's ceiling to `targetDays` (or as close as possible), with each change's marginal value. */
export function capacityWhatIf(input: PlanningInput, opts: WhatIfOptions): WhatIfResult {
  // Today's ceiling first, on the network without candidate half-days (far fewer arcs): when it reaches
  // the target there is nothing to add, and no min-cost flow to solve.
  const today = buildRelaxation(input, opts.activities, false);
  const ceiling = today.fixedDays + relaxedFlow(today, new Map());
  if (ceiling >= opts.targetDays) {
    return {
      prisonerDays: today.prisonerDays,
      targetDays: opts.targetDays,
      fixedDays: today.fixedDays,
      baseCeiling: ceiling,
      predictedCeiling: ceiling,
      reachableCeiling: ceiling,
      reachesTarget: true,
      placesAdded: 0,
      changes: [],
    };
  }

  const r = buildRelaxation(input, opts.activities, opts.openSlots ?? true);
  const D = r.dayArcs.length;
  const N = r.nodes.length;
  const need = Math.max(0, opts.targetDays - r.fixedDays);
  const base = relaxedFlow(r, new Map());

  // Min-cost circulation: T → S carries the days (at most `need`), each worth −REWARD on its S → day arc.
  const S = 0;
  const T = 1;
  const mcf = new MinCostFlow(2 + D + N);
  mcf.addArc(T, S, need, 0);
  for (let d = 0; d < D; d++) {
    mcf.addArc(S, 2 + d, 1, -REWARD);
    for (const i of r.dayArcs[d]) mcf.addArc(2 + d, 2 + D + i, 1, 0);
  }
  const growArc = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    const n = r.nodes[i];
    if (n.freePlaces > 0) mcf.addArc(2 + D + i, T, n.freePlaces, 0);
    if (n.growth > 0) growArc.set(i, mcf.addArc(2 + D + i, T, n.growth, n.open ? OPEN : GROW));
  }
  mcf.solve();
  const added = new Map<number, number>();
  for (const [i, arc] of growArc) if (mcf.flowOn(arc) > 0) added.set(i, mcf.flowOn(arc));
  // The ceiling of the changed week (uncapped: the places may serve more days than the target needs).
  const flow = relaxedFlow(r, added);
  const all = new Map([...growArc.keys()].map((i) => [i, r.nodes[i].growth] as const));
  const reachable = relaxedFlow(r, all, need);

  const act = new Map(opts.activities.map((a) => [a.id, a]));
  const changes: OfferChange[] = [];
  for (const [i, places] of added) {
    const without = new Map(added);
    without.delete(i);
    const n = r.nodes[i];
    const marginalDays = flow - relaxedFlow(r, without);
    changes.push({
      kind: n.open ? 'OPEN_SLOT' : 'ADD_PLACES',
      activityId: n.activityId,
      activityKind: act.get(n.activityId)?.kind ?? 'WORK',
      date: n.hd.date,
      period: n.hd.period,
      sessions: spread(n, places),
      places,
      marginalDays,
      daysPerPlace: marginalDays / places,
    });
  }
  changes.sort(
    (a, b) =>
      b.daysPerPlace - a.daysPerPlace ||
      b.marginalDays - a.marginalDays ||
      cmp(a.activityId, b.activityId) ||
      cmp(a.date, b.date) ||
      cmp(a.period, b.period),
  );
  const placesAdded = changes.reduce((s, c) => s + c.places, 0);
  return {
    prisonerDays: r.prisonerDays,
    targetDays: opts.targetDays,
    fixedDays: r.fixedDays,
    baseCeiling: r.fixedDays + base,
    predictedCeiling: r.fixedDays + flow,
    reachableCeiling: r.fixedDays + reachable,
    reachesTarget: r.fixedDays + flow >= opts.targetDays,
    placesAdded,
    changes,
  };
}

/** The week with the changes made: places added to running sessions, new sessions (ids `what-if:<activity>:<date>:<period>`). */
export function applyOfferChanges(input: PlanningInput, changes: readonly OfferChange[]): PlanningInput {
  const extra = new Map<string, number>();
  const sessions: PlanningSession[] = [];
  for (const c of changes) {
    if (c.kind === 'OPEN_SLOT') {
      sessions.push({ id: whatIfSessionId(c), activityId: c.activityId, date: c.date, period: c.period, capacity: c.places });
      continue;
    }
    for (const s of c.sessions) extra.set(s.sessionId, (extra.get(s.sessionId) ?? 0) + s.places);
  }
  return {
    ...input,
    sessions: [
      ...input.sessions.map((s) => (extra.has(s.id) ? { ...s, capacity: Math.max(0, s.capacity) + extra.get(s.id)! } : s)),
      ...sessions,
    ],
  };
}

export function whatIfSessionId(c: Pick<OfferChange, 'activityId' | 'date' | 'period'>): string {
  return `what-if:${c.activityId}:${c.date}:${c.period}`;
}

// The half-day's sessions are interchangeable in the relaxation: fill them in id order, each up to its maximum.
function spread(n: PlaceNode, places: number): Array<{ sessionId: string; places: number }> {
  const out: Array<{ sessionId: string; places: number }> = [];
  let left = places;
  n.sessionIds.forEach((id, k) => {
    const take = Math.min(left, n.sessionGrowth[k]);
    if (take > 0) out.push({ sessionId: id, places: take });
    left -= take;
  });
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
