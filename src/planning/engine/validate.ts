/**
 * Independent check of the hard rules of a plan. Used by the tests and the benchmark; written
 * directly against the input (only the fixed-assignment resolution is shared with the engine).
 */
import { buildModel, compareStrings, halfDayOf } from './model';
import { Allocation, PlanningInput, Violation } from './types';

export function validatePlan(input: PlanningInput, assignments: readonly Allocation[]): Violation[] {
  const v: Violation[] = [];
  const model = buildModel(input);
  const days = new Map(Array.from(new Set(input.days)).map((d, i) => [d, i]));
  const prisoners = new Map(input.prisoners.map((p) => [p.id, p]));
  const sessions = new Map(input.sessions.map((s) => [s.id, s]));
  const closed = new Map<string, Set<string>>();
  for (const g of input.closedGroups ?? []) {
    const set = closed.get(g.activityId) ?? new Set<string>();
    for (const id of g.memberIds) set.add(id);
    closed.set(g.activityId, set);
  }

  const seen = new Set<string>();
  const bySession = new Map<string, string[]>();
  const byHalfDay = new Map<string, string>();
  for (const a of assignments) {
    const key = `${a.prisonerId}\u0000${a.sessionId}`;
    if (seen.has(key)) {
      v.push({
        code: 'DUPLICATE_ASSIGNMENT',
        prisonerId: a.prisonerId,
        sessionId: a.sessionId,
        detail: 'assigned twice to the same session',
      });
      continue;
    }
    seen.add(key);
    const p = prisoners.get(a.prisonerId);
    const s = sessions.get(a.sessionId);
    if (!p) {
      v.push({ code: 'UNKNOWN_PRISONER', prisonerId: a.prisonerId, sessionId: a.sessionId, detail: 'unknown prisoner' });
      continue;
    }
    if (!s) {
      v.push({ code: 'UNKNOWN_SESSION', prisonerId: a.prisonerId, sessionId: a.sessionId, detail: 'unknown session' });
      continue;
    }
    const d = days.get(s.date);
    if (d === undefined || s.cancelled || s.staffPresent === false) {
      v.push({
        code: 'SESSION_NOT_RUNNING',
        prisonerId: a.prisonerId,
        sessionId: a.sessionId,
        detail: 'cancelled, without staff or not on a counted day',
      });
      continue;
    }
    if (!p.custodyDays.includes(s.date))
      v.push({ code: 'NOT_IN_CUSTODY', prisonerId: p.id, sessionId: s.id, detail: `not in custody on ${s.date}` });
    if ((p.unavailable ?? []).some((u) => u.date === s.date && u.period === s.period))
      v.push({ code: 'UNAVAILABLE', prisonerId: p.id, sessionId: s.id, detail: `unavailable ${s.date} ${s.period}` });
    const members = closed.get(s.activityId);
    if (members) {
      if (!members.has(p.id))
        v.push({
          code: 'CLOSED_GROUP_NEWCOMER',
          prisonerId: p.id,
          sessionId: s.id,
          detail: `not a member of the closed group ${s.activityId}`,
        });
    } else if (!p.eligibleActivityIds.includes(s.activityId)) {
      v.push({ code: 'NOT_ELIGIBLE', prisonerId: p.id, sessionId: s.id, detail: `not eligible for ${s.activityId}` });
    }
    const hdKey = `${p.id}\u0000${halfDayOf(d, s.period)}`;
    const other = byHalfDay.get(hdKey);
    if (other !== undefined)
      v.push({ code: 'DOUBLE_BOOKED', prisonerId: p.id, sessionId: s.id, detail: `also in ${other} on ${s.date} ${s.period}` });
    else byHalfDay.set(hdKey, s.id);
    const list = bySession.get(s.id) ?? [];
    list.push(p.id);
    bySession.set(s.id, list);
  }

  const enemies = keptApart(input);
  for (const sid of Array.from(bySession.keys()).sort(compareStrings)) {
    const list = bySession.get(sid)!;
    const s = sessions.get(sid)!;
    if (list.length > Math.max(0, Math.floor(s.capacity))) {
      v.push({ code: 'CAPACITY_EXCEEDED', sessionId: sid, detail: `${list.length} assigned, capacity ${s.capacity}` });
    }
    const inSession = new Set(list);
    for (const pid of list.slice().sort(compareStrings)) {
      for (const e of enemies.get(pid) ?? []) {
        if (pid < e && inSession.has(e))
          v.push({ code: 'NON_ASSOCIATION', prisonerId: pid, sessionId: sid, detail: `${pid} and ${e} in the same session` });
      }
    }
  }

  for (const [p, s] of model.fixedLocks) {
    const pid = model.prisonerIds[p];
    const sid = model.sessionIds[s];
    if (!seen.has(`${pid}\u0000${sid}`))
      v.push({ code: 'LOCK_NOT_KEPT', prisonerId: pid, sessionId: sid, detail: 'a manual lock was not kept' });
  }
  for (const [p, s] of model.fixedGroup) {
    const pid = model.prisonerIds[p];
    const sid = model.sessionIds[s];
    if (!seen.has(`${pid}\u0000${sid}`))
      v.push({
        code: 'CLOSED_GROUP_MEMBER_MISSING',
        prisonerId: pid,
        sessionId: sid,
        detail: 'a closed-group member is missing from a session they can attend',
      });
  }
  return v;
}

/** Who must be kept apart from whom, both ways, by prisoner id (a pair of one prisoner with themself is ignored). */
export function keptApart(input: Pick<PlanningInput, 'nonAssociations'>): Map<string, Set<string>> {
  const apart = new Map<string, Set<string>>();
  for (const [a, b] of input.nonAssociations ?? []) {
    if (a === b) continue;
    if (!apart.has(a)) apart.set(a, new Set());
    if (!apart.has(b)) apart.set(b, new Set());
    apart.get(a)!.add(b);
    apart.get(b)!.add(a);
  }
  return apart;
}
