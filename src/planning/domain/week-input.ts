import { createHash } from 'node:crypto';
import { DayPeriod } from '../../activities/activity.enums';
import { checkSuitability, SuitabilityCode, unavailableDuring } from '../../allocations/domain/suitability';
import { humanise } from '../../allocations/domain/officer-text';
import { ageOn, IsoDate } from '../../calendar/domain/oslo-time';
import { SecurityLevel } from '../../organisation/organisation.enums';
import { TimeOfDay } from '../../sessions/domain/time-of-day';
import type { HalfDayPeriod, PlanningInput, PlanningPrisoner, PlanningSession, PriorityClaim, UnavailableHalfDay } from '../engine';
import { groupBy } from '../../common/collections/group-by';

/** The prison's day regime: the AM and PM half-days ('HH:MM'). */
export interface DayRegime {
  amStart: TimeOfDay;
  amEnd: TimeOfDay;
  pmStart: TimeOfDay;
  pmEnd: TimeOfDay;
}

export interface WeekActivity {
  id: string;
  kind: 'WORK' | 'EDUCATION' | 'PROGRAMME';
  securityLevels: readonly SecurityLevel[];
  minAge: number | null;
  maxAge: number | null;
  requiresReferral: boolean;
}

export interface WeekSession {
  id: string;
  activityId: string;
  date: IsoDate;
  period: HalfDayPeriod;
  startTime: TimeOfDay;
  endTime: TimeOfDay;
  capacity: number;
  cancellationReason: string | null;
}

export interface WeekPrisoner {
  id: string;
  dateOfBirth: IsoDate;
  legalStatus: string;
  educationRight: string;
}

/** A stay at the prison: held from `fromDate` up to but not including `toDate`. */
export interface WeekCustody {
  prisonerId: string;
  fromDate: IsoDate;
  toDate: IsoDate | null;
  unitSecurityLevel: SecurityLevel;
}

export interface WeekUnavailability {
  prisonerId: string;
  fromDate: IsoDate;
  toDate: IsoDate;
  period: HalfDayPeriod | null;
  startTime: TimeOfDay | null;
  endTime: TimeOfDay | null;
  kind: string;
  note: string;
}

export interface WeekReferral {
  prisonerId: string;
  activityId: string;
  status: string;
}

export interface WeekBooking {
  prisonerId: string;
  sessionId: string;
  /** The booking's allocation is locked by an officer. */
  locked: boolean;
}

/** Everything read from the database for one prison and week, as plain rows. */
export interface WeekData {
  prisonId: string;
  week: string;
  /** The days to plan: counted days of the week from today on. */
  days: readonly IsoDate[];
  regime: DayRegime;
  activities: readonly WeekActivity[];
  /** The prison's sessions on `days`. */
  sessions: readonly WeekSession[];
  prisoners: readonly WeekPrisoner[];
  custody: readonly WeekCustody[];
  unavailability: readonly WeekUnavailability[];
  /** Referrals of the prisoners to the prison's activities (any status). */
  referrals: readonly WeekReferral[];
  nonAssociations: readonly (readonly [string, string])[];
  /** Bookings on the sessions, of anyone. */
  bookings: readonly WeekBooking[];
  /** Allocations to the prison's activities locked by an officer and in force during the week. */
  lockedAllocations: readonly LockedAllocation[];
}

export interface LockedAllocation {
  prisonerId: string;
  activityId: string;
}

/**
 * The engine's input plus what apply needs to stay within it: the locked allocations of the planned
 * prisoners (also those with no booking in the week), which apply never changes. Part of the fingerprint.
 */
export interface DraftInput extends PlanningInput {
  lockedAllocations: LockedAllocation[];
}

// Cancellations that mean the officer or teacher is not there (the engine explains those days as STAFF_ABSENT).
const STAFF_REASONS = new Set(['STAFF_UNAVAILABLE', 'STAFF_TRAINING']);
// Referral statuses that let a prisoner attend an activity that needs one.
const REFERRAL_OK = new Set(['APPROVED', 'ALLOCATED']);
const YOUTH_AGE_LIMIT = 25;

/**
 * The engine's input for one prison and week, in a canonical order (so the same data always gives
 * the same input and fingerprint):
 * - prisoners held at the prison on some planned day, with those days, their unavailable half-days
 *   and the activities whose static rules they pass (the allocation suitability checks for security
 *   level, age and referral, on their first planned day — where an allocation from the draft would
 *   start —, with an ALLOCATED referral counting as approved);
 * - the bookings as current allocations, bookings of locked allocations as locks, programmes that
 *   need a referral as closed groups of their current members, and the priorities of DOMAIN.md.
 */
export function buildPlanningInput(data: WeekData): DraftInput {
  const days = [...new Set(data.days)].sort();
  const daySet = new Set(days);
  const sessions = data.sessions.filter((s) => daySet.has(s.date)).sort(byId);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const activityIds = new Set(sessions.map((s) => s.activityId));
  const activities = data.activities.filter((a) => activityIds.has(a.id)).sort(byId);

  const custodyOf = groupBy(data.custody, (c) => c.prisonerId);
  const unavailableOf = groupBy(data.unavailability, (u) => u.prisonerId);
  const referralsOf = groupBy(data.referrals, (r) => r.prisonerId);
  const bookingsOf = groupBy(
    data.bookings.filter((b) => sessionById.has(b.sessionId)),
    (b) => b.prisonerId,
  );
  const spans = halfDaySpans(data.regime, sessions);
  const eligibility = new EligibilityCache();

  const prisoners: PlanningPrisoner[] = [];
  const priorities: PriorityClaim[] = [];
  for (const p of [...data.prisoners].sort(byId)) {
    const stays = custodyOf.get(p.id) ?? [];
    const custodyDays = days.filter((d) => stays.some((c) => c.fromDate <= d && (c.toDate === null || d < c.toDate)));
    if (custodyDays.length === 0) continue;
    const unit = stays.find((c) => c.fromDate <= custodyDays[0] && (c.toDate === null || custodyDays[0] < c.toDate))!.unitSecurityLevel;
    // Age on the first day planned for them, the day an allocation made from the draft starts.
    const age = ageOn(p.dateOfBirth, custodyDays[0]);
    const who = { dateOfBirth: p.dateOfBirth, day: custodyDays[0], age, unitLevel: unit };
    const referrals = referralsOf.get(p.id) ?? [];
    const eligible = activities.filter((a) =>
      eligibility.passes(
        a,
        who,
        referrals.some((r) => r.activityId === a.id && REFERRAL_OK.has(r.status)),
      ),
    );
    const unavailability = unavailableOf.get(p.id) ?? [];
    prisoners.push({
      id: p.id,
      custodyDays,
      unavailable: unavailableHalfDays(unavailability, custodyDays, spans),
      eligibleActivityIds: eligible.map((a) => a.id),
    });

    if (age < YOUTH_AGE_LIMIT && p.educationRight !== 'NONE') {
      const classes = eligible.filter((a) => a.kind === 'EDUCATION').map((a) => a.id);
      if (classes.length > 0) priorities.push({ prisonerId: p.id, reason: 'YOUTH_EDUCATION_RIGHT', activityIds: classes });
    }
    for (const a of eligible) {
      if (a.requiresReferral && referrals.some((r) => r.activityId === a.id && r.status === 'APPROVED')) {
        priorities.push({ prisonerId: p.id, reason: 'PROGRAMME_REFERRAL', activityIds: [a.id] });
      }
    }
    if (p.legalStatus === 'REMAND') priorities.push({ prisonerId: p.id, reason: 'REMAND' });
    if (unavailability.some((u) => u.kind === 'EXCLUDED_FROM_COMPANY'))
      priorities.push({ prisonerId: p.id, reason: 'EXCLUDED_FROM_COMPANY' });
  }

  const planned = new Set(prisoners.map((p) => p.id));
  // Places taken by bookings of anyone the week does not plan (should not happen) are not offered.
  const takenByOthers = new Map<string, number>();
  for (const b of data.bookings) {
    if (!planned.has(b.prisonerId) && sessionById.has(b.sessionId))
      takenByOthers.set(b.sessionId, (takenByOthers.get(b.sessionId) ?? 0) + 1);
  }
  const currentAllocations: Record<string, string[]> = {};
  const locks: Array<{ prisonerId: string; sessionId: string }> = [];
  for (const id of [...planned].sort()) {
    const own = (bookingsOf.get(id) ?? []).slice().sort((a, b) => compareText(a.sessionId, b.sessionId));
    if (own.length > 0) currentAllocations[id] = own.map((b) => b.sessionId);
    for (const b of own) if (b.locked) locks.push({ prisonerId: id, sessionId: b.sessionId });
  }

  const closedGroups = activities
    .filter((a) => a.kind === 'PROGRAMME' && a.requiresReferral)
    .map((a) => ({
      activityId: a.id,
      memberIds: Object.keys(currentAllocations).filter((pid) =>
        currentAllocations[pid].some((sid) => sessionById.get(sid)!.activityId === a.id),
      ),
    }))
    .filter((g) => g.memberIds.length > 0);

  const nonAssociations = [
    ...new Set(
      data.nonAssociations
        .filter(([a, b]) => a !== b && planned.has(a) && planned.has(b))
        .map(([a, b]) => (a < b ? `${a}|${b}` : `${b}|${a}`)),
    ),
  ]
    .sort()
    .map((k) => k.split('|') as [string, string]);

  return {
    prisonId: data.prisonId,
    isoWeek: data.week,
    days,
    sessions: sessions.map((s): PlanningSession => ({
      id: s.id,
      activityId: s.activityId,
      date: s.date,
      period: s.period,
      capacity: Math.max(0, s.capacity - (takenByOthers.get(s.id) ?? 0)),
      cancelled: s.cancellationReason !== null,
      staffPresent: s.cancellationReason === null || !STAFF_REASONS.has(s.cancellationReason),
    })),
    prisoners,
    nonAssociations,
    currentAllocations,
    locks,
    closedGroups,
    priorities,
    lockedAllocations: [
      ...new Set(
        data.lockedAllocations
          .filter((l) => planned.has(l.prisonerId) && activityIds.has(l.activityId))
          .map((l) => `${l.prisonerId}|${l.activityId}`),
      ),
    ]
      .sort()
      .map((k) => {
        const [prisonerId, activityId] = k.split('|');
        return { prisonerId, activityId };
      }),
  };
}

/** sha256 of the canonical JSON (object keys sorted) of the input: equal data, equal fingerprint. */
export function fingerprintOf(input: PlanningInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

type Span = { start: TimeOfDay; end: TimeOfDay };

/** The times each half-day covers: the regime's half, widened to any session of the prison that half-day. */
export function halfDaySpans(
  regime: DayRegime,
  sessions: ReadonlyArray<Pick<WeekSession, 'date' | 'period' | 'startTime' | 'endTime'>>,
): (date: IsoDate, period: HalfDayPeriod) => Span {
  const widened = new Map<string, Span>();
  for (const s of sessions) {
    const key = `${s.date}|${s.period}`;
    const span = widened.get(key) ?? base(s.period);
    widened.set(key, { start: s.startTime < span.start ? s.startTime : span.start, end: s.endTime > span.end ? s.endTime : span.end });
  }
  function base(period: HalfDayPeriod): Span {
    return period === 'AM' ? { start: regime.amStart, end: regime.amEnd } : { start: regime.pmStart, end: regime.pmEnd };
  }
  return (date, period) => widened.get(`${date}|${period}`) ?? base(period);
}

/**
 * Half-days the prisoner cannot attend: a whole-day record takes both halves, a period record that
 * half, a time range every half-day it overlaps. The reason is the kind in words, with the note.
 */
export function unavailableHalfDays(
  rows: readonly WeekUnavailability[],
  custodyDays: readonly IsoDate[],
  span: (date: IsoDate, period: HalfDayPeriod) => Span,
): UnavailableHalfDay[] {
  const out = new Map<string, UnavailableHalfDay>();
  const ordered = [...rows].sort(
    (a, b) => compareText(a.kind, b.kind) || compareText(a.note, b.note) || compareText(a.fromDate, b.fromDate),
  );
  for (const u of ordered) {
    for (const date of custodyDays) {
      if (date < u.fromDate || date > u.toDate) continue;
      for (const period of ['AM', 'PM'] as const) {
        const { start, end } = span(date, period);
        // The same rule as the suitability check's clash with unavailability.
        const hit = unavailableDuring(
          {
            date: u.fromDate,
            endDate: u.toDate,
            period: u.period === null ? null : DayPeriod[u.period],
            startTime: u.startTime,
            endTime: u.endTime,
            reason: u.kind,
          },
          { date, period: DayPeriod[period], startTime: start, endTime: end },
        );
        const key = `${date}|${period}`;
        if (hit && !out.has(key)) out.set(key, { date, period, reason: humanise(u.kind) + (u.note ? `: ${u.note}` : '') });
      }
    }
  }
  return [...out.values()].sort((a, b) => compareText(a.date, b.date) || compareText(a.period, b.period));
}

/**
 * The static suitability rules (security level, age, referral) through the allocation checks
 * themselves, remembered per activity and combination of the inputs they read.
 */
class EligibilityCache {
  private readonly known = new Map<string, boolean>();

  passes(
    activity: WeekActivity,
    who: { dateOfBirth: IsoDate; day: IsoDate; age: number; unitLevel: SecurityLevel },
    referralOk: boolean,
  ): boolean {
    const { dateOfBirth, day, age, unitLevel } = who;
    // The three rules read nothing else, so the answer holds for every prisoner with the same key.
    const key = `${activity.id}|${unitLevel}|${age}|${referralOk}`;
    const hit = this.known.get(key);
    if (hit !== undefined) return hit;
    const checks = checkSuitability({
      prisoner: { id: 'p', dateOfBirth, unitSecurityLevel: unitLevel, custodyPeriods: [] },
      activity: { ...activity, prisonId: 'x' },
      allocation: { startDate: day, endDate: day },
      coveredSessions: [],
      unavailability: [],
      otherSessions: [],
      nonAssociations: [],
      referrals: referralOk ? [{ activityId: activity.id, status: 'APPROVED' }] : [],
    });
    const STATIC: string[] = [SuitabilityCode.SECURITY_LEVEL, SuitabilityCode.AGE, SuitabilityCode.REFERRAL];
    const ok = checks.filter((c) => STATIC.includes(c.code)).every((c) => c.passed);
    this.known.set(key, ok);
    return ok;
  }
}

/** Code-point order (ids and ISO dates), independent of the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return compareText(a.id, b.id);
}
