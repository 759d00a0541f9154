/**
 * Engine inputs for one ISO week of every prison of the national demo data, built in memory from
 * seeds/demo/generate-demo-data.ts (no database).
 *
 * From the demo data: the counted days of the week, custody (periods at the prison), each
 * unit's security level, the activities and their weekly slots (one session per slot and day,
 * capacity = the activity's), eligibility as in the allocation suitability check (security
 * level, age on Monday, an approved referral for programmes), education rights and legal status.
 * The demo data has no referrals, non-associations, unavailability, current allocations or locks;
 * they are added here with a seeded generator (Random from the demo seeds) at the rates of the
 * synthetic benchmark weeks:
 * - referrals: about 1.4 × the group size per programme, among the prisoners who may attend it;
 *   half of the programmes run as closed groups (members: the first referred, up to size - 1);
 * - ~1 non-associated pair per 4 prisoners;
 * - 4% of half-days unavailable (court, visit, health appointment), 2% of days sick;
 * - 1% of sessions cancelled, 1.5% with the officer/teacher absent;
 * - current allocations: "last week's plan" (a home activity per prisoner, in random order within
 *   capacity), ~2% of prisoners with one of them locked by an officer;
 * - priorities: the youth education right (under 25) on the school classes they may attend,
 *   programme referrals, remand prisoners.
 */
import { ActivityKind } from '../../src/activities/activity.enums';
import { countedDaysBetween } from '../../src/calendar/domain/counted-days';
import { parseIsoWeek } from '../../src/calendar/domain/iso-week';
import { addDays, ageOn } from '../../src/calendar/domain/oslo-time';
import { Allocation, ClosedGroup, PlanningInput, PlanningPrisoner, PlanningSession, PriorityClaim } from '../../src/planning/engine';
import { EducationRight, LegalStatus } from '../../src/prisoners/prisoner.enums';
import { DemoActivity, DemoData } from '../../seeds/demo/generate-demo-data';
import { Random } from '../../seeds/demo/random';

const UNAVAILABLE_REASONS = ['Court hearing', 'Visit', 'Health appointment', 'Lawyer'];

export function demoWeekInputs(data: DemoData, isoWeek: string, seed = 1): PlanningInput[] {
  const { monday } = parseIsoWeek(isoWeek);
  const days = countedDaysBetween(monday, addDays(monday, 4));
  const weekdayOf = new Map(days.map((d) => [d, (Math.round((Date.parse(d) - Date.parse(monday)) / 86_400_000) % 7) + 1]));
  const unitLevel = new Map(data.units.map((u) => [u.id, u.securityLevel]));
  const prisonerById = new Map(data.prisoners.map((p) => [p.id, p]));
  const slotsOf = new Map<string, typeof data.activitySlots>();
  for (const s of data.activitySlots) slotsOf.set(s.activityId, [...(slotsOf.get(s.activityId) ?? []), s]);
  const root = new Random(seed);

  return data.prisons.map((prison) => {
    const rng = root.fork(prison.code);
    // --- prisoners held at least one counted day, with their unit on the first such day
    const held = new Map<string, { custody: Set<string>; unitId: string }>();
    for (const c of data.custodyPeriods) {
      if (c.prisonId !== prison.id) continue;
      for (const d of days) {
        if (c.fromDate > d || (c.toDate !== null && c.toDate <= d)) continue;
        const h = held.get(c.prisonerId) ?? { custody: new Set<string>(), unitId: c.unitId };
        h.custody.add(d);
        held.set(c.prisonerId, h);
      }
    }
    const ids = Array.from(held.keys()).sort();

    // --- sessions
    const activities = data.activities.filter(
      (a) => a.prisonId === prison.id && a.startDate <= days[days.length - 1] && (a.endDate === null || a.endDate >= days[0]),
    );
    const sessions: PlanningSession[] = [];
    const sessionsOf = new Map<string, PlanningSession[]>();
    for (const a of activities) {
      for (const d of days) {
        if (a.startDate > d || (a.endDate !== null && a.endDate < d)) continue;
        for (const slot of slotsOf.get(a.id) ?? []) {
          if (slot.weekday !== weekdayOf.get(d)) continue;
          const r = rng.next();
          const s: PlanningSession = {
            id: `${slot.id}:${d}`,
            activityId: a.id,
            date: d,
            period: slot.period,
            capacity: a.capacity,
            ...(r < 0.01 ? { cancelled: true } : r < 0.025 ? { staffPresent: false } : {}),
          };
          sessions.push(s);
          sessionsOf.set(a.id, [...(sessionsOf.get(a.id) ?? []), s]);
        }
      }
    }

    // --- eligibility (suitability: security level, age, approved referral)
    const mayAttend = (pid: string, a: DemoActivity): boolean => {
      const level = unitLevel.get(held.get(pid)!.unitId);
      if (!level || !a.securityLevels.includes(level)) return false;
      const age = ageOn(prisonerById.get(pid)!.dateOfBirth, days[0]);
      return (a.minAge === null || age >= a.minAge) && (a.maxAge === null || age <= a.maxAge);
    };
    const referred = new Map<string, string[]>();
    const closedGroups: ClosedGroup[] = [];
    for (const a of activities.filter((x) => x.requiresReferral)) {
      const pool = rng.shuffle(ids.filter((pid) => mayAttend(pid, a)));
      referred.set(a.id, pool.slice(0, Math.round(a.capacity * 1.4)).sort());
    }

    // --- non-associations: ~1 pair per 4 prisoners
    const pairs = new Set<string>();
    const nonAssociations: Array<[string, string]> = [];
    const enemies = new Map<string, Set<string>>();
    const wanted = Math.round(ids.length / 4);
    for (let guard = 0; nonAssociations.length < wanted && ids.length > 1 && guard < wanted * 20; guard++) {
      const a = rng.pick(ids);
      const b = rng.pick(ids);
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      if (a === b || pairs.has(key)) continue;
      pairs.add(key);
      nonAssociations.push(a < b ? [a, b] : [b, a]);
      for (const [x, y] of [
        [a, b],
        [b, a],
      ]) {
        enemies.set(x, (enemies.get(x) ?? new Set()).add(y));
      }
    }

    for (const a of activities.filter((x) => x.requiresReferral)) {
      if (!rng.chance(0.5)) continue;
      const members: string[] = [];
      for (const pid of referred.get(a.id)!) {
        if (members.length >= a.capacity - 1) break;
        if (members.some((m) => enemies.get(pid)?.has(m))) continue;
        members.push(pid);
      }
      closedGroups.push({ activityId: a.id, memberIds: members });
    }
    const closed = new Set(closedGroups.map((g) => g.activityId));

    // --- prisoners
    const prisoners: PlanningPrisoner[] = ids.map((pid) => {
      const custodyDays = days.filter((d) => held.get(pid)!.custody.has(d));
      const unavailable: Array<{ date: string; period: 'AM' | 'PM'; reason: string }> = [];
      for (const d of custodyDays) {
        if (rng.chance(0.02)) {
          unavailable.push({ date: d, period: 'AM', reason: 'Sick' }, { date: d, period: 'PM', reason: 'Sick' });
          continue;
        }
        for (const period of ['AM', 'PM'] as const)
          if (rng.chance(0.04)) unavailable.push({ date: d, period, reason: rng.pick(UNAVAILABLE_REASONS) });
      }
      const eligibleActivityIds = activities
        .filter((a) => mayAttend(pid, a) && (!a.requiresReferral || referred.get(a.id)!.includes(pid)))
        .map((a) => a.id)
        .sort();
      return { id: pid, custodyDays, unavailable, eligibleActivityIds };
    });

    // --- last week's plan as the current allocations, and a few locks
    const used = new Map<string, number>();
    const currentAllocations: Record<string, string[]> = {};
    const locks: Allocation[] = [];
    const lockedIn = new Map<string, string[]>();
    for (const p of rng.shuffle(prisoners)) {
      const options = activities.filter((a) => p.eligibleActivityIds.includes(a.id) && !closed.has(a.id));
      if (!options.length || rng.chance(0.1)) continue;
      const home = rng.pick(options);
      const list: string[] = [];
      for (const s of sessionsOf.get(home.id) ?? []) {
        if (!p.custodyDays.includes(s.date) || (used.get(s.id) ?? 0) >= s.capacity) continue;
        used.set(s.id, (used.get(s.id) ?? 0) + 1);
        list.push(s.id);
      }
      if (!list.length) continue;
      currentAllocations[p.id] = list;
      const s = sessions.find((x) => x.id === list[0])!;
      const free =
        !s.cancelled && s.staffPresent !== false && !(p.unavailable ?? []).some((u) => u.date === s.date && u.period === s.period);
      if (free && rng.chance(0.02) && !(lockedIn.get(s.id) ?? []).some((q) => enemies.get(p.id)?.has(q))) {
        locks.push({ prisonerId: p.id, sessionId: s.id });
        lockedIn.set(s.id, [...(lockedIn.get(s.id) ?? []), p.id]);
      }
    }

    // --- priorities
    const priorities: PriorityClaim[] = [];
    for (const p of prisoners) {
      const demo = prisonerById.get(p.id)!;
      if (demo.educationRight === EducationRight.YOUTH && ageOn(demo.dateOfBirth, days[0]) < 25) {
        const school = activities.filter((a) => a.kind === ActivityKind.EDUCATION && p.eligibleActivityIds.includes(a.id)).map((a) => a.id);
        if (school.length) priorities.push({ prisonerId: p.id, reason: 'YOUTH_EDUCATION_RIGHT', activityIds: school, weight: 2 });
      }
      for (const [activityId, list] of referred)
        if (list.includes(p.id)) priorities.push({ prisonerId: p.id, reason: 'PROGRAMME_REFERRAL', activityIds: [activityId], weight: 3 });
      if (demo.legalStatus === LegalStatus.REMAND) priorities.push({ prisonerId: p.id, reason: 'REMAND', weight: 1 });
    }

    return {
      prisonId: prison.code,
      isoWeek,
      days,
      sessions,
      prisoners,
      nonAssociations,
      currentAllocations,
      locks,
      closedGroups,
      priorities,
    };
  });
}
