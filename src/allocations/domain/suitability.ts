import { DayPeriod } from '../../activities/activity.enums';
import { ageOn, addDays, IsoDate } from '../../calendar/domain/oslo-time';
import { SecurityLevel } from '../../organisation/organisation.enums';
import { CustodyEndReason } from '../../prisoners/prisoner.enums';
import { timeRangesOverlap, TimeOfDay } from '../../sessions/domain/time-of-day';
import { formatDate, formatDay, humanise, listWithMore } from './officer-text';

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
  /** What clashes, in words ('Court hearing', 'Carpentry'). */
  note?: string;
}

export interface SuitabilityCheck {
  code: SuitabilityCode;
  passed: boolean;
  message: string;
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
 * Every check, always in the same order, each with a message an officer can act on.
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
  const allowed = activity.securityLevels.map((l) => l.toLowerCase()).join(' or ');
  if (prisoner.unitSecurityLevel === null)
    return { code, passed: false, message: 'The prisoner is not placed in a unit, so the security level is unknown' };
  const level = prisoner.unitSecurityLevel.toLowerCase();
  return activity.securityLevels.includes(prisoner.unitSecurityLevel)
    ? { code, passed: true, message: `The prisoner's unit is ${level} security, which this activity allows` }
    : { code, passed: false, message: `The prisoner's unit is ${level} security; this activity is for ${allowed} security only` };
}

function age({ prisoner, activity, allocation }: SuitabilityInput): SuitabilityCheck {
  const code = SuitabilityCode.AGE;
  const { minAge, maxAge } = activity;
  if (minAge === null && maxAge === null) return { code, passed: true, message: 'This activity has no age limits' };
  const years = ageOn(prisoner.dateOfBirth, allocation.startDate);
  const limits =
    minAge !== null && maxAge !== null ? `${minAge} to ${maxAge}` : minAge !== null ? `${minAge} or over` : `${maxAge} or under`;
  const passed = (minAge === null || years >= minAge) && (maxAge === null || years <= maxAge);
  return { code, passed, message: `Aged ${years} on ${formatDate(allocation.startDate)}; this activity is for ages ${limits}` };
}

function referral({ activity, referrals }: SuitabilityInput): SuitabilityCheck {
  const code = SuitabilityCode.REFERRAL;
  if (!activity.requiresReferral) return { code, passed: true, message: 'No referral needed' };
  const mine = referrals.filter((r) => r.activityId === activity.id);
  if (mine.some((r) => r.status === 'APPROVED')) return { code, passed: true, message: 'An approved referral is on file' };
  const statuses = [...new Set(mine.map((r) => humanise(r.status).toLowerCase()))];
  const why = statuses.length === 0 ? 'there is no referral on file' : `the referral is ${statuses.join(' / ')}`;
  return { code, passed: false, message: `This activity needs an approved referral; ${why}` };
}

function inCustody({ prisoner, activity, allocation }: SuitabilityInput, stay: CustodySpan | undefined): SuitabilityCheck {
  const code = SuitabilityCode.IN_CUSTODY;
  const start = formatDate(allocation.startDate);
  if (stay) return { code, passed: true, message: `Held at this prison on ${start}` };
  const arrival = prisoner.custodyPeriods
    .filter((p) => p.prisonId === activity.prisonId && p.fromDate > allocation.startDate)
    .sort((a, b) => a.fromDate.localeCompare(b.fromDate))[0];
  if (arrival) return { code, passed: false, message: `Not held at this prison on ${start}; arrives on ${formatDate(arrival.fromDate)}` };
  const elsewhere = prisoner.custodyPeriods.some((p) => covers(p, allocation.startDate));
  return { code, passed: false, message: elsewhere ? `Held at another prison on ${start}` : `Not in custody on ${start}` };
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
      ? {
          code,
          passed: false,
          message: `${leftWord(left)} on ${formatDate(left.toDate as string)}, before the allocation starts on ${formatDate(start)}`,
        }
      : { code, passed: true, message: 'No release from this prison before the allocation starts' };
  }
  if (leaves === null) return { code, passed: true, message: 'No release or transfer date is known' };
  const what = leaves === stay.toDate ? leftWord(stay) : 'Expected release';
  if (leaves <= start)
    return { code, passed: false, message: `${what} on ${formatDate(leaves)}, before the allocation starts on ${formatDate(start)}` };
  if (allocation.endDate !== null && leaves > allocation.endDate) {
    return { code, passed: true, message: `${what} on ${formatDate(leaves)}, after the allocation ends` };
  }
  return {
    code,
    passed: true,
    message: `${what} on ${formatDate(leaves)}: the allocation will end then (last day ${formatDate(addDays(leaves, -1))})`,
  };
}

function capacity({ prisoner }: SuitabilityInput, sessions: readonly CoveredSession[]): SuitabilityCheck {
  const code = SuitabilityCode.CAPACITY;
  if (sessions.length === 0) return { code, passed: true, message: 'No sessions to check in the planning period' };
  const full = sessions
    .map((s) => ({ s, taken: s.allocatedPrisonerIds.filter((id) => id !== prisoner.id).length }))
    .filter(({ s, taken }) => taken >= s.capacity);
  if (full.length === 0) {
    return {
      code,
      passed: true,
      message: sessions.length === 1 ? 'A place is free in the session' : `A place is free in all ${sessions.length} sessions`,
    };
  }
  return {
    code,
    passed: false,
    message: `Full on ${listWithMore(full.map(({ s, taken }) => `${label(s)} (${taken} of ${s.capacity} places)`))}`,
    affected: full.map(({ s }) => affected(s)),
  };
}

function unavailabilityClash({ unavailability }: SuitabilityInput, sessions: readonly CoveredSession[]): SuitabilityCheck {
  const code = SuitabilityCode.UNAVAILABILITY_CLASH;
  const hits: AffectedSession[] = [];
  for (const s of sessions) {
    for (const u of unavailability) {
      if (unavailableDuring(u, s)) hits.push(affected(s, { note: u.description || humanise(u.reason) }));
    }
  }
  if (hits.length === 0)
    return { code, passed: true, message: 'No court dates, visits, appointments or other unavailability in these sessions' };
  return { code, passed: false, message: `Unavailable: ${listWithMore(hits.map((h) => `${h.note} on ${label(h)}`))}`, affected: hits };
}

function allocationClash({ otherSessions }: SuitabilityInput, sessions: readonly CoveredSession[]): SuitabilityCheck {
  const code = SuitabilityCode.ALLOCATION_CLASH;
  const hits: AffectedSession[] = [];
  for (const s of sessions) {
    for (const o of otherSessions) {
      if (o.sessionId !== s.id && o.date === s.date && o.period === s.period) hits.push(affected(s, { note: o.activityName }));
    }
  }
  if (hits.length === 0) return { code, passed: true, message: 'Not allocated to anything else at these times' };
  return {
    code,
    passed: false,
    message: `Already allocated: ${listWithMore(hits.map((h) => `${h.note} on ${label(h)}`))}`,
    affected: hits,
  };
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
  if (hits.length === 0) return { code, passed: true, message: 'No one to be kept apart from is in these sessions' };
  const days = [...new Set(hits.map(label))];
  return {
    code,
    passed: false,
    message: `Must be kept apart from someone already in the session on ${listWithMore(days)}`,
    affected: hits,
  };
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

function leftWord(p: CustodySpan): string {
  if (p.endReason === CustodyEndReason.TRANSFERRED) return 'Transferred out';
  return p.endReason === CustodyEndReason.RELEASED ? 'Released' : 'Leaves this prison';
}

/** Whether the unavailability takes (part of) the session's half-day. */
export function unavailableDuring(u: Unavailability, s: Pick<CoveredSession, 'date' | 'period' | 'startTime' | 'endTime'>): boolean {
  if (s.date < u.date || s.date > (u.endDate ?? u.date)) return false;
  if (u.startTime && u.endTime) return timeRangesOverlap(u.startTime, u.endTime, s.startTime, s.endTime);
  return !u.period || u.period === s.period;
}

function label(s: { date: IsoDate; period: DayPeriod }): string {
  return `${formatDay(s.date)} ${s.period}`;
}

function affected(s: CoveredSession, extra: Partial<AffectedSession> = {}): AffectedSession {
  return { sessionId: s.id, date: s.date, period: s.period, ...extra };
}
