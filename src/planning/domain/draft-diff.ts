import { AllocationPatternKind, WeekdayPeriod } from '../../allocations/domain/allocation-pattern';
import { IsoDate, parseIsoDate } from '../../calendar/domain/oslo-time';
import type { Allocation, PlanningInput, PlanningSession } from '../engine';
import { keptApart } from '../engine/validate';
import { halfDayKey, plannedDates } from './planned-now';
import { compareText, DraftInput } from './week-input';

/** prisonerId → the sessions of the week they attend (sorted ids). */
export type WeekPlan = ReadonlyMap<string, readonly string[]>;

export interface SessionMove {
  fromSessionId: string;
  toSessionId: string;
}

/** What changes for one prisoner in the week: sessions added, removed, and moved (a removal and an addition on the same half-day). */
export interface PrisonerSessionDiff {
  prisonerId: string;
  added: string[];
  removed: string[];
  moved: SessionMove[];
}

/** A prisoner's allocation to an activity whose weekday/half-day set in the week changes. */
export interface AllocationChange {
  prisonerId: string;
  activityId: string;
  /** First day the change takes effect: the prisoner's first planned day in custody. */
  fromDate: IsoDate;
  currentSessionIds: string[];
  proposedSessionIds: string[];
  /** The new allocation's pattern; null when the prisoner leaves the activity. */
  pattern: AllocationPatternKind | null;
  chosenSlots: WeekdayPeriod[] | null;
}

/**
 * The plan apply will write: the engine's assignments, except that
 * - an allocation locked by an officer is never changed: if the engine could not keep a lock (a
 *   conflict), the locked allocation's sessions stay, proposals on the same half-days are dropped,
 *   and so are proposals of more sessions of a locked allocation's activity;
 * - a booking the engine let go only for a one-off reason of this week — the prisoner is unavailable
 *   that half-day (court, visit...), or the session is cancelled — stays when nothing else is planned
 *   for the prisoner that half-day and the place was not given to someone else: ending the allocation
 *   for it would take the slot away in the weeks after too. The views flag such bookings as clashes
 *   or cancellations, as before.
 */
export function effectivePlan(input: DraftInput, assignments: readonly Allocation[]): WeekPlan {
  const session = sessionIndex(input);
  const activityOf = (sid: string) => session.get(sid)!.activityId;
  const lockedPairs = new Set([
    ...(input.locks ?? []).map((l) => `${l.prisonerId}|${session.get(l.sessionId)?.activityId}`),
    ...input.lockedAllocations.map((l) => `${l.prisonerId}|${l.activityId}`),
  ]);
  const unavailable = new Map(input.prisoners.map((p) => [p.id, new Set((p.unavailable ?? []).map(halfDayKey))]));
  const byPrisoner = new Map<string, string[]>();
  for (const a of assignments) (byPrisoner.get(a.prisonerId) ?? byPrisoner.set(a.prisonerId, []).get(a.prisonerId)!).push(a.sessionId);
  const ids = [...new Set([...byPrisoner.keys(), ...Object.keys(input.currentAllocations ?? {})])].sort();

  // First what the plan and the locks say, then the one-off bookings where places are left.
  const plan = new Map<string, string[]>();
  const load = new Map<string, number>();
  for (const pid of ids) {
    const current = input.currentAllocations?.[pid] ?? [];
    const kept = current.filter((sid) => lockedPairs.has(`${pid}|${activityOf(sid)}`));
    const keptHalfDays = new Set(kept.map((sid) => halfDayKey(session.get(sid)!)));
    const proposed = (byPrisoner.get(pid) ?? []).filter(
      (sid) => !lockedPairs.has(`${pid}|${activityOf(sid)}`) && !keptHalfDays.has(halfDayKey(session.get(sid)!)),
    );
    plan.set(pid, [...kept, ...proposed]);
    for (const sid of [...kept, ...proposed]) load.set(sid, (load.get(sid) ?? 0) + 1);
  }
  const out = new Map<string, string[]>();
  for (const pid of ids) {
    const current = input.currentAllocations?.[pid] ?? [];
    const planned = plan.get(pid)!;
    const busy = new Set(planned.map((sid) => halfDayKey(session.get(sid)!)));
    const oneOff = new Set(
      current.filter((sid) => {
        const s = session.get(sid)!;
        return !busy.has(halfDayKey(s)) && (!isRunning(s) || (unavailable.get(pid)?.has(halfDayKey(s)) ?? false));
      }),
    );
    // Held while the prisoner stays in the activity (or only one-off reasons take them out of it this
    // week), and while the place was not given to someone else.
    const stays = new Set(planned.map(activityOf));
    const onlyOneOff = (aid: string) => current.filter((sid) => activityOf(sid) === aid).every((sid) => oneOff.has(sid));
    const held = [...oneOff]
      .sort()
      .filter((sid) => (stays.has(activityOf(sid)) || onlyOneOff(activityOf(sid))) && (load.get(sid) ?? 0) < session.get(sid)!.capacity);
    for (const sid of held) load.set(sid, (load.get(sid) ?? 0) + 1);
    const all = [...new Set([...planned, ...held])].sort();
    if (all.length > 0) out.set(pid, all);
  }
  return out;
}

/** The current bookings of the week as a plan. */
export function currentPlan(input: PlanningInput): WeekPlan {
  return new Map(Object.entries(input.currentAllocations ?? {}).map(([pid, sids]) => [pid, [...sids].sort()]));
}

/** Per prisoner with any change: sessions added, removed, and moved within a half-day. Sorted by prisoner. */
export function sessionDiff(input: PlanningInput, before: WeekPlan, after: WeekPlan): PrisonerSessionDiff[] {
  const session = sessionIndex(input);
  const out: PrisonerSessionDiff[] = [];
  for (const pid of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const was = new Set(before.get(pid) ?? []);
    const will = new Set(after.get(pid) ?? []);
    let added = [...will].filter((s) => !was.has(s));
    let removed = [...was].filter((s) => !will.has(s));
    if (added.length === 0 && removed.length === 0) continue;
    const moved: SessionMove[] = [];
    for (const r of removed) {
      const key = halfDayKey(session.get(r)!);
      const a = added.find((x) => halfDayKey(session.get(x)!) === key);
      if (a) {
        moved.push({ fromSessionId: r, toSessionId: a });
        added = added.filter((x) => x !== a);
      }
    }
    removed = removed.filter((r) => !moved.some((m) => m.fromSessionId === r));
    const order = (x: string, y: string) => compareHalfDays(session.get(x)!, session.get(y)!) || compareText(x, y);
    out.push({
      prisonerId: pid,
      added: added.sort(order),
      removed: removed.sort(order),
      moved: moved.sort((x, y) => order(x.fromSessionId, y.fromSessionId)),
    });
  }
  return out;
}

/**
 * The allocations apply replaces: every (prisoner, activity) whose set of sessions in the week changes,
 * with the new pattern (see patternFor) and the first day it applies: the prisoner's first planned day.
 */
export function allocationChanges(input: PlanningInput, before: WeekPlan, after: WeekPlan): AllocationChange[] {
  const session = sessionIndex(input);
  const custody = new Map(input.prisoners.map((p) => [p.id, [...p.custodyDays].sort()]));
  const sessionsOf = new Map<string, PlanningSession[]>();
  for (const s of input.sessions) (sessionsOf.get(s.activityId) ?? sessionsOf.set(s.activityId, []).get(s.activityId)!).push(s);
  const out: AllocationChange[] = [];
  for (const pid of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const byActivity = new Map<string, { current: string[]; proposed: string[] }>();
    const entry = (aid: string) => byActivity.get(aid) ?? byActivity.set(aid, { current: [], proposed: [] }).get(aid)!;
    for (const sid of before.get(pid) ?? []) entry(session.get(sid)!.activityId).current.push(sid);
    for (const sid of after.get(pid) ?? []) entry(session.get(sid)!.activityId).proposed.push(sid);
    const days = custody.get(pid) ?? [];
    for (const activityId of [...byActivity.keys()].sort()) {
      const { current, proposed } = byActivity.get(activityId)!;
      if (sameSet(current, proposed)) continue;
      const fromDate = days[0] ?? [...input.days].sort()[0];
      const change: AllocationChange = {
        prisonerId: pid,
        activityId,
        fromDate,
        currentSessionIds: current.sort(),
        proposedSessionIds: proposed.sort(),
        pattern: null,
        chosenSlots: null,
      };
      if (proposed.length > 0) {
        const offered = (sessionsOf.get(activityId) ?? []).filter((s) => days.includes(s.date) && s.date >= fromDate);
        Object.assign(
          change,
          patternFor(
            proposed.map((sid) => session.get(sid)!),
            offered,
          ),
        );
      }
      out.push(change);
    }
  }
  return out;
}

/**
 * The pattern for the proposed sessions, given the activity's sessions on the prisoner's days. Only
 * running sessions decide ALL / AM_ONLY / PM_ONLY (a cancellation is a one-off, not a reason for
 * another pattern); CHOSEN takes every proposed session's weekday and half-day.
 */
export function patternFor(
  proposed: readonly PlanningSession[],
  offered: readonly PlanningSession[],
): { pattern: AllocationPatternKind; chosenSlots: WeekdayPeriod[] | null } {
  const keys = (list: readonly PlanningSession[]) => new Set(list.map(slotKey));
  const running = offered.filter(isRunning);
  const want = keys(proposed.filter(isRunning));
  const all = keys(running);
  const am = keys(running.filter((s) => s.period === 'AM'));
  const pm = keys(running.filter((s) => s.period === 'PM'));
  if (all.size > 0 && equalSets(want, all)) return { pattern: AllocationPatternKind.ALL, chosenSlots: null };
  if (am.size > 0 && equalSets(want, am)) return { pattern: AllocationPatternKind.AM_ONLY, chosenSlots: null };
  if (pm.size > 0 && equalSets(want, pm)) return { pattern: AllocationPatternKind.PM_ONLY, chosenSlots: null };
  const chosenSlots = [...keys(proposed)]
    .sort()
    .map((k) => ({ weekday: Number(k.slice(0, 1)), period: k.slice(2) as WeekdayPeriod['period'] }));
  return { pattern: AllocationPatternKind.CHOSEN, chosenSlots };
}

/**
 * Prisoner-days of the planned days that are "planned now" (plannedDates, the one definition) with this
 * plan: booked on a running session in a half-day the prisoner is not unavailable, on a day held. For the
 * current bookings this is what the engine's active days mean for its plan, so before and after compare
 * like with like. The days covered are the draft's: the counted days of the week from the day it was made.
 */
export function plannedActiveDays(input: PlanningInput, plan: WeekPlan): number {
  const session = sessionIndex(input);
  let n = 0;
  for (const p of input.prisoners) {
    const custody = new Set(p.custodyDays);
    const away = new Set((p.unavailable ?? []).map(halfDayKey));
    const booked = (plan.get(p.id) ?? [])
      .map((sid) => session.get(sid))
      .filter((s): s is PlanningSession => s !== undefined && custody.has(s.date))
      .map((s) => ({ date: s.date, period: s.period, running: isRunning(s) }));
    n += plannedDates(booked, away).size;
  }
  return n;
}

function isRunning(s: PlanningSession): boolean {
  return !s.cancelled && s.staffPresent !== false;
}

function sessionIndex(input: PlanningInput): Map<string, PlanningSession> {
  return new Map(input.sessions.map((s) => [s.id, s]));
}

const weekdays = new Map<IsoDate, number>();

/** '2-AM': ISO weekday and half-day. */
function slotKey(s: Pick<PlanningSession, 'date' | 'period'>): string {
  let weekday = weekdays.get(s.date);
  if (weekday === undefined) {
    weekday = parseIsoDate(s.date).weekday;
    if (weekdays.size > 1000) weekdays.clear();
    weekdays.set(s.date, weekday);
  }
  return `${weekday}-${s.period}`;
}

function compareHalfDays(a: Pick<PlanningSession, 'date' | 'period'>, b: Pick<PlanningSession, 'date' | 'period'>): number {
  return compareText(a.date, b.date) || compareText(a.period, b.period);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return equalSets(new Set(a), new Set(b));
}

function equalSets(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** "prisonerId|activityId": an allocation change's key (what an apply records as applied). */
export function changeKey(c: Pick<AllocationChange, 'prisonerId' | 'activityId'>): string {
  return `${c.prisonerId}|${c.activityId}`;
}

/** A part of a draft: the changes of these activities and/or of prisoners in these units (unset: any). */
export interface PartChoice {
  activityIds?: readonly string[];
  unitIds?: readonly string[];
}

/**
 * The changes a part applies: those not applied yet that match the choice, and with them whatever they
 * cannot be made without (to a fixed point):
 * - every other change of the same prisoner that frees or takes one of their half-days (a move from one
 *   workshop to another is one step: applying only its arrival would double-book the prisoner);
 * - where the part fills a session beyond its places, changes that take someone else out of that session
 *   (the draft made room there by moving them), as few as needed, in key order;
 * - where the part puts a prisoner in a session with someone they must be kept apart from, that prisoner's
 *   change out of the session (the draft moved them away).
 * Without the last two a part needing places or company another part frees could never be applied on its
 * own: on a realistic week almost every part is such. `unitOf` gives a prisoner's unit on the change's first day.
 */
export function choosePart(
  input: PlanningInput,
  changes: readonly AllocationChange[],
  choice: PartChoice | null,
  unitOf: (prisonerId: string) => string | null | undefined,
  done: ReadonlySet<string>,
): AllocationChange[] {
  const open = changes.filter((c) => !done.has(changeKey(c)));
  if (!choice) return open;
  const session = sessionIndex(input);
  const halfDays = (c: AllocationChange) =>
    new Set(
      [...c.currentSessionIds, ...c.proposedSessionIds]
        .map((sid) => session.get(sid))
        .filter((s): s is PlanningSession => s !== undefined)
        .map(halfDayKey),
    );
  const chosen = new Set(open.filter((c) => matchesPart(c, choice, unitOf)));
  const byPrisoner = new Map<string, AllocationChange[]>();
  for (const c of open) (byPrisoner.get(c.prisonerId) ?? byPrisoner.set(c.prisonerId, []).get(c.prisonerId)!).push(c);
  // The changes that take a prisoner out of a session, per session.
  const leaving = new Map<string, AllocationChange[]>();
  for (const c of open) {
    const stays = new Set(c.proposedSessionIds);
    for (const sid of c.currentSessionIds) if (!stays.has(sid)) (leaving.get(sid) ?? leaving.set(sid, []).get(sid)!).push(c);
  }
  const apart = keptApart(input);
  const before = currentPlan(input);
  const byKey = (x: AllocationChange, y: AllocationChange) => compareText(changeKey(x), changeKey(y));
  /** The next change the part cannot do without for places or company (the first in key order), if any. */
  const nextNeeded = (): AllocationChange | undefined => {
    const plan = planWith(input, before, [...chosen]);
    const members = new Map<string, Set<string>>();
    for (const [pid, sids] of plan) for (const sid of sids) (members.get(sid) ?? members.set(sid, new Set()).get(sid)!).add(pid);
    for (const c of [...chosen].sort(byKey)) {
      const had = new Set(before.get(c.prisonerId) ?? []);
      for (const sid of c.proposedSessionIds) {
        if (had.has(sid)) continue;
        const inSession = members.get(sid) ?? new Set<string>();
        const out = (leaving.get(sid) ?? []).filter((x) => !chosen.has(x) && inSession.has(x.prisonerId)).sort(byKey);
        const enemy = out.find((x) => apart.get(c.prisonerId)?.has(x.prisonerId));
        if (enemy) return enemy;
        if (out.length > 0 && inSession.size > Math.max(0, session.get(sid)?.capacity ?? 0)) return out[0];
      }
    }
    return undefined;
  };
  for (;;) {
    // The same prisoner's linked changes, to a fixed point.
    for (let grew = true; grew;) {
      grew = false;
      for (const c of [...chosen]) {
        const mine = halfDays(c);
        for (const other of byPrisoner.get(c.prisonerId) ?? []) {
          if (chosen.has(other) || ![...halfDays(other)].some((k) => mine.has(k))) continue;
          chosen.add(other);
          grew = true;
        }
      }
    }
    const needed = nextNeeded();
    if (!needed) break;
    chosen.add(needed);
  }
  return open.filter((c) => chosen.has(c));
}

/** The week's plan once these changes are made on top of `before`. */
export function planWith(input: PlanningInput, before: WeekPlan, changes: readonly AllocationChange[]): WeekPlan {
  const session = sessionIndex(input);
  const out = new Map<string, string[]>([...before].map(([pid, sids]) => [pid, [...sids]]));
  for (const c of changes) {
    const kept = (out.get(c.prisonerId) ?? []).filter((sid) => session.get(sid)?.activityId !== c.activityId);
    out.set(c.prisonerId, [...kept, ...c.proposedSessionIds].sort());
  }
  for (const [pid, sids] of out) if (sids.length === 0) out.delete(pid);
  return out;
}

/** Whether the change itself is of the part chosen (not only linked to it). */
export function matchesPart(
  c: AllocationChange,
  choice: PartChoice | null,
  unitOf: (prisonerId: string) => string | null | undefined,
): boolean {
  if (!choice) return true;
  return (
    (!choice.activityIds?.length || choice.activityIds.includes(c.activityId)) &&
    (!choice.unitIds?.length || choice.unitIds.includes(unitOf(c.prisonerId) ?? ''))
  );
}
