import type { PlanningPrisoner, PlanningSession } from '../engine';
import { canonicalJson, DraftInput } from './week-input';

/** What differs between the input a draft was made from and the data now (ids only; small). */
export interface InputChanges {
  daysAdded: string[];
  daysRemoved: string[];
  sessionsAdded: string[];
  sessionsRemoved: string[];
  capacityChanged: Array<{ sessionId: string; before: number; after: number }>;
  cancelled: string[];
  reinstated: string[];
  prisonersArrived: string[];
  prisonersLeft: string[];
  /** Custody days, unavailability or eligibility changed. */
  prisonersChanged: Array<{ prisonerId: string; what: Array<'CUSTODY' | 'UNAVAILABILITY' | 'ELIGIBILITY'> }>;
  bookingsChanged: Array<{ prisonerId: string; added: string[]; removed: string[] }>;
  locksChanged: boolean;
  nonAssociationsChanged: boolean;
  closedGroupsChanged: boolean;
  prioritiesChanged: boolean;
  /** One line per kind of change, as a code (`change.<KIND>`) with its count, for the message. */
  summary: ChangeLine[];
}

export function describeInputChanges(before: DraftInput, after: DraftInput): InputChanges {
  const days = setDiff(before.days, after.days);
  const sb = new Map(before.sessions.map((s) => [s.id, s]));
  const sa = new Map(after.sessions.map((s) => [s.id, s]));
  const sessions = setDiff([...sb.keys()], [...sa.keys()]);
  const both = [...sb.keys()].filter((id) => sa.has(id)).sort();
  const capacityChanged = both
    .filter((id) => sb.get(id)!.capacity !== sa.get(id)!.capacity)
    .map((id) => ({ sessionId: id, before: sb.get(id)!.capacity, after: sa.get(id)!.capacity }));
  const cancelled = both.filter((id) => running(sb.get(id)!) && !running(sa.get(id)!));
  const reinstated = both.filter((id) => !running(sb.get(id)!) && running(sa.get(id)!));

  const pb = new Map(before.prisoners.map((p) => [p.id, p]));
  const pa = new Map(after.prisoners.map((p) => [p.id, p]));
  const prisoners = setDiff([...pb.keys()], [...pa.keys()]);
  const prisonersChanged = [...pb.keys()]
    .filter((id) => pa.has(id))
    .sort()
    .map((id) => ({ prisonerId: id, what: prisonerChanges(pb.get(id)!, pa.get(id)!) }))
    .filter((c) => c.what.length > 0);

  const cb = before.currentAllocations ?? {};
  const ca = after.currentAllocations ?? {};
  const bookingsChanged = [...new Set([...Object.keys(cb), ...Object.keys(ca)])]
    .sort()
    .map((id) => {
      const d = setDiff(cb[id] ?? [], ca[id] ?? []);
      return { prisonerId: id, added: d.added, removed: d.removed };
    })
    .filter((c) => c.added.length + c.removed.length > 0);

  const changes: InputChanges = {
    daysAdded: days.added,
    daysRemoved: days.removed,
    sessionsAdded: sessions.added,
    sessionsRemoved: sessions.removed,
    capacityChanged,
    cancelled,
    reinstated,
    prisonersArrived: prisoners.added,
    prisonersLeft: prisoners.removed,
    prisonersChanged,
    bookingsChanged,
    locksChanged: differs(before.locks, after.locks) || differs(before.lockedAllocations, after.lockedAllocations),
    nonAssociationsChanged: differs(before.nonAssociations, after.nonAssociations),
    closedGroupsChanged: differs(before.closedGroups, after.closedGroups),
    prioritiesChanged: differs(before.priorities, after.priorities),
    summary: [],
  };
  changes.summary = summarise(changes);
  return changes;
}

/** A kind of change and how many: rendered with the `change.<KIND>` text (english-rule.ts, messages/rules.ts). */
export interface ChangeLine {
  [name: string]: string | number;
  part: string;
  count: number;
}

function summarise(c: InputChanges): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const line = (kind: string, count = 0) => lines.push({ part: `change.${kind}`, count });
  if (c.daysAdded.length + c.daysRemoved.length > 0) line('DAYS');
  if (c.sessionsAdded.length > 0) line('SESSIONS_ADDED', c.sessionsAdded.length);
  if (c.sessionsRemoved.length > 0) line('SESSIONS_REMOVED', c.sessionsRemoved.length);
  if (c.capacityChanged.length > 0) line('CAPACITY', c.capacityChanged.length);
  if (c.cancelled.length > 0) line('CANCELLED', c.cancelled.length);
  if (c.reinstated.length > 0) line('REINSTATED', c.reinstated.length);
  if (c.prisonersArrived.length > 0) line('ARRIVED', c.prisonersArrived.length);
  if (c.prisonersLeft.length > 0) line('LEFT', c.prisonersLeft.length);
  for (const what of ['CUSTODY', 'UNAVAILABILITY', 'ELIGIBILITY'] as const) {
    const n = c.prisonersChanged.filter((p) => p.what.includes(what)).length;
    if (n > 0) line(what, n);
  }
  if (c.bookingsChanged.length > 0) line('BOOKINGS', c.bookingsChanged.length);
  if (c.locksChanged) line('LOCKS');
  if (c.nonAssociationsChanged) line('NON_ASSOCIATIONS');
  if (c.closedGroupsChanged) line('GROUPS');
  if (c.prioritiesChanged) line('PRIORITIES');
  return lines;
}

function prisonerChanges(a: PlanningPrisoner, b: PlanningPrisoner): Array<'CUSTODY' | 'UNAVAILABILITY' | 'ELIGIBILITY'> {
  const out: Array<'CUSTODY' | 'UNAVAILABILITY' | 'ELIGIBILITY'> = [];
  if (differs(a.custodyDays, b.custodyDays)) out.push('CUSTODY');
  if (differs(a.unavailable ?? [], b.unavailable ?? [])) out.push('UNAVAILABILITY');
  if (differs(a.eligibleActivityIds, b.eligibleActivityIds)) out.push('ELIGIBILITY');
  return out;
}

function running(s: PlanningSession): boolean {
  return !s.cancelled && s.staffPresent !== false;
}

function differs(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? []) !== canonicalJson(b ?? []);
}

function setDiff(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: [...a].filter((x) => !b.has(x)).sort(), removed: [...b].filter((x) => !a.has(x)).sort() };
}
