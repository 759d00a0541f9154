import { DayPeriod } from '../../activities/activity.enums';
import { ageOn, addDays, IsoDate } from '../../calendar/domain/oslo-time';
import { SecurityLevel } from '../../organisation/organisation.enums';
import { CustodyEndReason } from '../../prisoners/prisoner.enums';
import { timeRangesOverlap, TimeOfDay } from '../../sessions/domain/time-of-day';
import { MessageItem, MessageParam, RuleCode } from '../../common/messages/rule-message';
import { humanise } from './officer-text';

export const SuitabilityCode = {
  SECURITY_LEVEL: 'SECURITY_LEVEL',
  AGE: 'AGE',
  REFERRAL: 'REFERRAL',
  IN_CUSTODY: 'IN_CUSTODY',
  RELEASE_BEFORE_END: 'RELEASE_BEFORE_END',
  CAPACITY: 'CAPACITY',
  UNAVAILABILITY_CLASH: 'UNAVAILABILITY_CLASH',
  ALLOCATION_CLASH: 'ALLOCATION_CLASH',
  NON_ASSOCIATION: 'NON_ASSOCIATION',
} as const;
export type SuitabilityCode = (typeof SuitabilityCode)[keyof typeof SuitabilityCode];

/** A session a failed (or noted) check is about. */
export interface AffectedSession {
  sessionId: string;
  date: IsoDate;
  period: DayPeriod;
  /** For NON_ASSOCIATION: the prisoner to be kept apart from. */
  otherPrisonerId?: string;
  /** What clashes, in words ('Court hearing', 'Carpentry'): the unavailability's description or kind, or the other activity. */
  note?: string;
  /** For UNAVAILABILITY_CLASH: the kind of unavailability (COURT, VISIT, …). */
  reason?: string;
}

/** One check: which rule, whether it passed, and why as a code with parameters (never a sentence). */
export interface SuitabilityCheck {
  code: SuitabilityCode;
  passed: boolean;
  rule: RuleCode;
  params: Record<string, MessageParam>;
  affected?: AffectedSession[];
}

/** A stay at one prison: held from `fromDate` up to but not including `toDate` (release or transfer day). */
export interface CustodySpan {
  prisonId: string;
  fromDate: IsoDate;
  toDate: IsoDate | null;
  endReason?: CustodyEndReason | null;
}

/** A session the allocation would cover (already filtered with `sessionsCoveredBy`, within the planning horizon). */
export interface CoveredSession {
  id: string;
  date: IsoDate;
  period: DayPeriod;
  startTime: TimeOfDay;
  endTime: TimeOfDay;
  capacity: number;
  /** Prisoners allocated to it now (this prisoner may be among them when an allocation is re-checked). */
  allocatedPrisonerIds: readonly string[];
  cancelled?: boolean;
}

/**
 * A time the prisoner cannot attend: court, visit, health appointment, … On `date` (to `endDate`,
 * inclusive, if given), during `startTime`–`endTime` if given, else the `period` if given, else all day.
 */
export interface Unavailability {
  date: IsoDate;
  endDate?: IsoDate | null;
  period?: DayPeriod | null;
  startTime?: TimeOfDay | null;
  endTime?: TimeOfDay | null;
  reason: string;
  description?: string | null;
}

/** One of the prisoner's sessions through another allocation. */
export interface OtherSession {
  sessionId: string;
  date: IsoDate;
  period: DayPeriod;
  activityName: string;
}

/** Two prisoners who must be kept apart (either order). */
export interface NonAssociation {
  prisonerId: string;
  otherPrisonerId: string;
  active: boolean;
}

export interface Referral {
  activityId: string;
  /** Only 'APPROVED' satisfies the check. */
  status: string;
}

export interface SuitabilityInput {
  prisoner: {
    id: string;
    dateOfBirth: IsoDate;
    /** Security level of the prisoner's unit; null if not placed in a unit. */
    unitSecurityLevel: SecurityLevel | null;
    custodyPeriods: readonly CustodySpan[];
    /** A known future release day (not held that day), if the open custody period does not say it. */
    expectedReleaseDate?: IsoDate | null;
  };
  activity: {
    id: string;
    prisonId: string;
    securityLevels: readonly SecurityLevel[];
    minAge: number | null;
    maxAge: number | null;
    requiresReferral: boolean;
  };
  /** First and last day allocated (end inclusive; null = open-ended). */
  allocation: { startDate: IsoDate; endDate: IsoDate | null };
  coveredSessions: readonly CoveredSession[];
  unavailability: readonly Unavailability[];
  otherSessions: readonly OtherSession[];
  nonAssociations: readonly NonAssociation[];
  referrals: readonly Referral[];
}

/**
 * Every check, always in the same order, each with a reason (code and parameters) an officer can act on.
 * Session checks (capacity and clashes) look at the covered sessions that are not cancelled and fall
 * before the prisoner leaves the prison, since the allocation ends on release.
 */
export function checkSuitability(input: SuitabilityInput): SuitabilityCheck[] {
  const stay = stayAtStart(input);
  const leaves = stay ? leavingDay(stay, input.prisoner.expectedReleaseDate ?? null) : null;
  const sessions = input.coveredSessions.filter((s) => !s.cancelled && (leaves === null || s.date < leaves));
  return [
    securityLevel(input),
    age(input),
    referral(input),
    inCustody(input, stay),
    releaseBeforeEnd(input, stay, leaves),
    capacity(input, sessions),
    unavailabilityClash(input, sessions),
    allocationClash(input, sessions),
    nonAssociation(input, sessions),
  ];
}

export function suitabilityPassed(checks: readonly SuitabilityCheck[]): boolean {
  return checks.every((c) => c.passed);
}

function securityLevel({ prisoner, activity }: SuitabilityInput): SuitabilityCheck {
  const code = SuitabilityCode.SECURITY_LEVEL;
  const level = prisoner.unitSecurityLevel;
  if (level === null) return result(code, false, RuleCode.SECURITY_NO_UNIT);
  return activity.securityLevels.includes(level)
    ? result(code, true, RuleCode.SECURITY_ALLOWED, { level })
    : result(code, false, RuleCode.SECURITY_NOT_ALLOWED, { level, levels: [...activity.securityLevels] });
}

function age({ prisoner, activity, allocation }: SuitabilityInput): SuitabilityCheck {
  const code = SuitabilityCode.AGE;
  const { minAge: min, maxAge: max } = activity;
  if (min === null && max === null) return result(code, true, RuleCode.AGE_NO_LIMITS);
  const years = ageOn(prisoner.dateOfBirth, allocation.startDate);
  const rule = min !== null && max !== null ? RuleCode.AGE_BETWEEN : min !== null ? RuleCode.AGE_MIN : RuleCode.AGE_MAX;
  const passed = (min === null || years >= min) && (max === null || years <= max);
  return result(code, passed, rule, { age: years, date: allocation.startDate, min, max });
}

function referral({ activity, referrals }: SuitabilityInput): SuitabilityCheck {
  const code = SuitabilityCode.REFERRAL;
  if (!activity.requiresReferral) return result(code, true, RuleCode.REFERRAL_NOT_NEEDED);
  const mine = referrals.filter((r) => r.activityId === activity.id);
  if (mine.some((r) => r.status === 'APPROVED')) return result(code, true, RuleCode.REFERRAL_APPROVED);
  const statuses = [...new Set(mine.map((r) => r.status))];
  return statuses.length === 0
    ? result(code, false, RuleCode.REFERRAL_MISSING)
    : result(code, false, RuleCode.REFERRAL_NOT_APPROVED, { statuses });
}

function inCustody({ prisoner, activity, allocation }: SuitabilityInput, stay: CustodySpan | undefined): SuitabilityCheck {
  const code = SuitabilityCode.IN_CUSTODY;
  const date = allocation.startDate;
  if (stay) return result(code, true, RuleCode.CUSTODY_HELD, { date });
  const arrival = prisoner.custodyPeriods
    .filter((p) => p.prisonId === activity.prisonId && p.fromDate > allocation.startDate)
    .sort((a, b) => a.fromDate.localeCompare(b.fromDate))[0];
  if (arrival) return result(code, false, RuleCode.CUSTODY_ARRIVES_LATER, { date, arrival: arrival.fromDate });
  const elsewhere = prisoner.custodyPeriods.some((p) => covers(p, allocation.startDate));
  return result(code, false, elsewhere ? RuleCode.CUSTODY_ELSEWHERE : RuleCode.CUSTODY_NONE, { date });
}

function releaseBeforeEnd(
  { prisoner, activity, allocation }: SuitabilityInput,
  stay: CustodySpan | undefined,
  leaves: IsoDate | null,
): SuitabilityCheck {
  const code = SuitabilityCode.RELEASE_BEFORE_END;
  const start = allocation.startDate;
  if (!stay) {
    const left = prisoner.custodyPeriods
      .filter((p) => p.prisonId === activity.prisonId && p.toDate !== null && p.toDate <= start)
      .sort((a, b) => (b.toDate as string).localeCompare(a.toDate as string))[0];
    return left
      ? result(code, false, RuleCode.RELEASE_BEFORE_START, { leaving: leftWord(left), leaves: left.toDate, start })
      : result(code, true, RuleCode.RELEASE_NONE_BEFORE_START);
  }
  if (leaves === null) return result(code, true, RuleCode.RELEASE_UNKNOWN);
  const leaving = leaves === stay.toDate ? leftWord(stay) : 'EXPECTED';
  if (leaves <= start) return result(code, false, RuleCode.RELEASE_BEFORE_START, { leaving, leaves, start });
  if (allocation.endDate !== null && leaves > allocation.endDate)
    return result(code, true, RuleCode.RELEASE_AFTER_END, { leaving, leaves });
  return result(code, true, RuleCode.RELEASE_ENDS_ALLOCATION, { leaving, leaves, lastDay: addDays(leaves, -1) });
}

function capacity({ prisoner }: SuitabilityInput, sessions: readonly CoveredSession[]): SuitabilityCheck {
  const code = SuitabilityCode.CAPACITY;
  if (sessions.length === 0) return result(code, true, RuleCode.CAPACITY_NO_SESSIONS);
  const full = sessions
    .map((s) => ({ s, taken: s.allocatedPrisonerIds.filter((id) => id !== prisoner.id).length }))
    .filter(({ s, taken }) => taken >= s.capacity);
  if (full.length === 0) {
    return sessions.length === 1
      ? result(code, true, RuleCode.CAPACITY_FREE_ONE)
      : result(code, true, RuleCode.CAPACITY_FREE_ALL, { count: sessions.length });
  }
  return {
    ...result(code, false, RuleCode.CAPACITY_FULL, {
      full: full.map(({ s, taken }) => ({ date: s.date, period: s.period, taken, capacity: s.capacity })),
    }),
    affected: full.map(({ s }) => affected(s)),
  };
}

function unavailabilityClash({ unavailability }: SuitabilityInput, sessions: readonly CoveredSession[]): SuitabilityCheck {
  const code = SuitabilityCode.UNAVAILABILITY_CLASH;
  const hits: AffectedSession[] = [];
  const items: MessageItem[] = [];
  for (const s of sessions) {
    for (const u of unavailability) {
      if (!unavailableDuring(u, s)) continue;
      hits.push(affected(s, { note: u.description || humanise(u.reason), reason: u.reason }));
      items.push({ kind: u.reason, description: u.description || null, date: s.date, period: s.period });
    }
  }
  if (hits.length === 0) return result(code, true, RuleCode.UNAVAILABILITY_NONE);
  return { ...result(code, false, RuleCode.UNAVAILABILITY_CLASH, { unavailable: items }), affected: hits };
}

function allocationClash({ otherSessions }: SuitabilityInput, sessions: readonly CoveredSession[]): SuitabilityCheck {
  const code = SuitabilityCode.ALLOCATION_CLASH;
  const hits: AffectedSession[] = [];
  for (const s of sessions) {
    for (const o of otherSessions) {
      if (o.sessionId !== s.id && o.date === s.date && o.period === s.period) hits.push(affected(s, { note: o.activityName }));
    }
  }
  if (hits.length === 0) return result(code, true, RuleCode.ALLOCATION_CLASH_NONE);
  const allocated = hits.map((h) => ({ activity: h.note ?? '', date: h.date, period: h.period }));
  return { ...result(code, false, RuleCode.ALLOCATION_CLASH, { allocated }), affected: hits };
}

function nonAssociation({ prisoner, nonAssociations }: SuitabilityInput, sessions: readonly CoveredSession[]): SuitabilityCheck {
  const code = SuitabilityCode.NON_ASSOCIATION;
  const apart = new Set<string>();
  for (const n of nonAssociations) {
    if (!n.active) continue;
    if (n.prisonerId === prisoner.id) apart.add(n.otherPrisonerId);
    else if (n.otherPrisonerId === prisoner.id) apart.add(n.prisonerId);
  }
  const hits = sessions.flatMap((s) =>
    s.allocatedPrisonerIds.filter((id) => apart.has(id)).map((id) => affected(s, { otherPrisonerId: id })),
  );
  if (hits.length === 0) return result(code, true, RuleCode.NON_ASSOCIATION_NONE);
  const days = [...new Map(hits.map((h) => [`${h.date} ${h.period}`, { date: h.date, period: h.period }])).values()];
  return { ...result(code, false, RuleCode.NON_ASSOCIATION, { days }), affected: hits };
}

function result(code: SuitabilityCode, passed: boolean, rule: RuleCode, params: Record<string, MessageParam> = {}): SuitabilityCheck {
  return { code, passed, rule, params };
}

/** The stay at the activity's prison on the allocation's start date. */
function stayAtStart({ prisoner, activity, allocation }: SuitabilityInput): CustodySpan | undefined {
  return prisoner.custodyPeriods.find((p) => p.prisonId === activity.prisonId && covers(p, allocation.startDate));
}

/** The first day the prisoner is no longer held there: the period's end, or an earlier expected release. */
function leavingDay(stay: CustodySpan, expectedRelease: IsoDate | null): IsoDate | null {
  const candidates = [stay.toDate, expectedRelease && expectedRelease > stay.fromDate ? expectedRelease : null].filter(
    (d): d is IsoDate => d !== null,
  );
  return candidates.length === 0 ? null : candidates.sort()[0];
}

function covers(p: CustodySpan, date: IsoDate): boolean {
  return p.fromDate <= date && (p.toDate === null || date < p.toDate);
}

function leftWord(p: CustodySpan): 'TRANSFERRED' | 'RELEASED' | 'LEAVES' {
  if (p.endReason === CustodyEndReason.TRANSFERRED) return 'TRANSFERRED';
  return p.endReason === CustodyEndReason.RELEASED ? 'RELEASED' : 'LEAVES';
}

/** Whether the unavailability takes (part of) the session's half-day. */
export function unavailableDuring(u: Unavailability, s: Pick<CoveredSession, 'date' | 'period' | 'startTime' | 'endTime'>): boolean {
  if (s.date < u.date || s.date > (u.endDate ?? u.date)) return false;
  if (u.startTime && u.endTime) return timeRangesOverlap(u.startTime, u.endTime, s.startTime, s.endTime);
  return !u.period || u.period === s.period;
}

function affected(s: CoveredSession, extra: Partial<AffectedSession> = {}): AffectedSession {
  return { sessionId: s.id, date: s.date, period: s.period, ...extra };
}
