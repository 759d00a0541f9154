/**
 * Plain-data types of the automatic week planner (pure TypeScript, no framework imports).
 *
 * One call plans one prison for one week: the caller passes the counted days of the week
 * (Monday–Friday minus Norwegian public holidays, computed by the calendar domain), the AM/PM
 * sessions with their capacity and state, and the prisoners with custody days, unavailability,
 * eligibility, non-associations, current allocations, locks, closed groups and priorities.
 */

export type HalfDayPeriod = 'AM' | 'PM';

/** An ISO date, `YYYY-MM-DD`. */
export type IsoDateString = string;

export interface PlanningSession {
  id: string;
  activityId: string;
  /** One of `PlanningInput.days`; sessions on other dates are ignored. */
  date: IsoDateString;
  period: HalfDayPeriod;
  /** Places; negative values are treated as 0. */
  capacity: number;
  /** Cancelled sessions take nobody (reason STAFF_ABSENT for those who would only fit there). */
  cancelled?: boolean;
  /** `false` when the supervising officer/teacher is absent; default true. */
  staffPresent?: boolean;
}

export interface HalfDayRef {
  date: IsoDateString;
  period: HalfDayPeriod;
}

export interface UnavailableHalfDay extends HalfDayRef {
  /** Why, in words (court hearing, visit, health appointment...), repeated in the explanation. */
  reason?: string;
}

export interface PlanningPrisoner {
  id: string;
  /** Counted days of the week on which the prisoner is held at this prison. */
  custodyDays: readonly IsoDateString[];
  /** Half-days the prisoner cannot attend (court, visit, health appointment, sickness...). */
  unavailable?: readonly UnavailableHalfDay[];
  /**
   * Activities the prisoner may attend, already computed by the caller from security level,
   * age, referral, education right, etc. Membership of a closed group also makes the member
   * eligible for that group's activity.
   */
  eligibleActivityIds: readonly string[];
}

export type PriorityReason = 'YOUTH_EDUCATION_RIGHT' | 'PROGRAMME_REFERRAL' | 'REMAND' | 'EXCLUDED_FROM_COMPANY' | 'OTHER';

/**
 * A priority of one prisoner. With `activityIds` (e.g. the education right of someone under 25,
 * an approved programme referral) each half-day the prisoner attends one of those activities
 * scores `weight`. Without `activityIds` (remand, excluded from company) each active day of the
 * prisoner scores `weight`. The claim is "met" when it scores at least once in the week.
 */
export interface PriorityClaim {
  prisonerId: string;
  reason: PriorityReason;
  activityIds?: readonly string[];
  /** Default 1; clamped to [0, 100]. */
  weight?: number;
}

export interface Allocation {
  prisonerId: string;
  sessionId: string;
}

/**
 * A closed programme group: its members attend every running session of the activity in the
 * week that they can attend (in custody, available), and nobody else may join.
 */
export interface ClosedGroup {
  activityId: string;
  memberIds: readonly string[];
}

export interface PlanningInput {
  prisonId?: string;
  /** Label only, e.g. `2025-W10`. */
  isoWeek?: string;
  /** Counted days of the week, in any order (at most 15). */
  days: readonly IsoDateString[];
  sessions: readonly PlanningSession[];
  prisoners: readonly PlanningPrisoner[];
  /** Pairs that must never be in the same session. */
  nonAssociations?: readonly (readonly [string, string])[];
  /** Current allocations for the week: prisonerId → sessionIds. */
  currentAllocations?: Readonly<Record<string, readonly string[]>>;
  /** Manual locks made by officers: kept as they are. */
  locks?: readonly Allocation[];
  closedGroups?: readonly ClosedGroup[];
  priorities?: readonly PriorityClaim[];
}

export interface PlanningOptions {
  /**
   * Wall-clock budget for the optimisation after the (always completed) greedy plan and upper
   * bound. When it runs out, the best plan found so far is returned (`solver.timedOut`). Only
   * this cut-off depends on the machine; below it the result is deterministic. Default 20 000.
   */
  timeLimitMs?: number;
  /**
   * Use the exact per-day step (HiGHS) when the plan is below the bound; default true. Only
   * planWeekExact / the worker pool load HiGHS; plain planWeek runs without it.
   */
  exact?: boolean;
}

/** The exact step's account of one day (see exact-step.ts). */
export interface ExactDayStatus {
  date: IsoDateString;
  active: number;
  bound: number;
  proven: boolean;
  solves: number;
  ms: number;
}

/**
 * Why a prisoner-day has no activity; the activity rate's vocabulary plus `NOT_FOUND_IN_TIME`
 * (the engine neither found a plan giving the day an activity nor proved there is none).
 */
export type UnplacedReason =
  | 'NOT_IN_CUSTODY'
  | 'UNAVAILABLE'
  | 'NO_ELIGIBLE_ACTIVITY'
  | 'STAFF_ABSENT'
  | 'NON_ASSOCIATION'
  | 'ALL_ELIGIBLE_FULL'
  | 'NOT_FOUND_IN_TIME';

/** The parameters of an explanation (codes and ids; the pages word them). */
export interface ExplanationParams {
  /** The half-days the prisoner was available that day. */
  periods: HalfDayPeriod[];
  /** UNAVAILABLE: the reasons given per half-day (as passed in the input). */
  unavailable?: Array<{ period: HalfDayPeriod; reason: string }>;
  /** Sessions of eligible activities on those half-days (STAFF_ABSENT: all of them cancelled). */
  sessions?: number;
  /** Running eligible sessions with a free place in the plan. */
  freeSessions?: number;
  /**
   * Only when a non-associated prisoner is the cause: the sessions with a free place the prisoner
   * could join but for that prisoner, and who sits there.
   */
  blockedBy?: Array<{ prisonerId: string; sessionId: string }>;
}

export interface DayExplanation {
  prisonerId: string;
  date: IsoDateString;
  reason: UnplacedReason;
  /**
   * True when proved: no plan keeping the hard rules gives this prisoner-day an activity without
   * leaving another prisoner-day of that day without (the day's plan meets its proven bound), or
   * the day cannot be active at all (custody, unavailability, no eligible or running session).
   * False: `NOT_FOUND_IN_TIME`.
   */
  proven: boolean;
  params: ExplanationParams;
}

export interface PlanMetrics {
  /** Prisoner-days with at least one session (objective 1). */
  activeDays: number;
  /** Counted days on which the prisoners are in custody (the rate's denominator). */
  prisonerDays: number;
  /** Prisoners in custody at least one counted day of the week. */
  prisonersInCustody: number;
  /** Prisoners in custody with no session at all in the week (objective 2, lower is better). */
  prisonersWithoutActivity: number;
  /** Weighted priority score (objective 3, see PriorityClaim). */
  priorityScore: number;
  /** Priority claims that scored at least once. */
  prioritiesMet: number;
  priorityClaims: number;
  /** Current allocations (valid ones) not kept in the plan (objective 4, lower is better). */
  changesFromCurrent: number;
  /** Prisoner-days with both an AM and a PM session (objective 5). */
  fullDays: number;
  assignments: number;
}

export interface UpperBound {
  /** No plan that keeps the hard rules has more active days than this. */
  activeDays: number;
  /** Of which made active by locks and closed-group sessions. */
  fixedActiveDays: number;
  /** Counted days on which the prisoners are in custody (the rate's denominator). */
  prisonerDays: number;
}

export interface PlanQuality extends PlanMetrics {
  /** Proven upper bound on active days for this input (max-flow relaxation, see plan-week.ts). */
  upperBound: number;
  /** upperBound - activeDays. */
  gap: number;
  /** activeDays / upperBound (1 when the bound is 0). */
  shareOfBound: number;
  /** True when activeDays equals the upper bound, i.e. objective 1 is proven optimal. */
  provenOptimalActiveDays: boolean;
}

export type InputConflictCode =
  | 'UNKNOWN_PRISONER'
  | 'UNKNOWN_SESSION'
  | 'UNKNOWN_ACTIVITY'
  | 'SESSION_NOT_RUNNING'
  | 'NOT_IN_CUSTODY'
  | 'UNAVAILABLE'
  | 'NOT_ELIGIBLE'
  | 'DOUBLE_BOOKED'
  | 'CAPACITY_EXCEEDED'
  | 'NON_ASSOCIATION'
  | 'CLOSED_GROUP_NEWCOMER';

/** A lock or closed-group membership that cannot be honoured because it breaks another hard rule. */
export interface InputConflict {
  source: 'LOCK' | 'CLOSED_GROUP';
  prisonerId: string;
  sessionId: string;
  code: InputConflictCode;
  detail: string;
}

export type ViolationCode =
  | 'UNKNOWN_PRISONER'
  | 'UNKNOWN_SESSION'
  | 'DUPLICATE_ASSIGNMENT'
  | 'SESSION_NOT_RUNNING'
  | 'CAPACITY_EXCEEDED'
  | 'DOUBLE_BOOKED'
  | 'NOT_IN_CUSTODY'
  | 'UNAVAILABLE'
  | 'NOT_ELIGIBLE'
  | 'NON_ASSOCIATION'
  | 'CLOSED_GROUP_NEWCOMER'
  | 'CLOSED_GROUP_MEMBER_MISSING'
  | 'LOCK_NOT_KEPT';

export interface Violation {
  code: ViolationCode;
  prisonerId?: string;
  sessionId?: string;
  detail: string;
}

export interface SolverPhase {
  name: string;
  ms: number;
}

export interface PlanningResult {
  /** Sorted by prisoner id, then date, then period. */
  assignments: Allocation[];
  metrics: PlanQuality;
  /** The plain greedy allocator on the same input (the baseline the engine never falls below). */
  greedy: PlanMetrics;
  /** One per prisoner and counted day without activity, sorted by prisoner id then date. */
  explanations: DayExplanation[];
  /** Locks/closed-group memberships that could not be honoured (inconsistent input). */
  conflicts: InputConflict[];
  solver: {
    method: string;
    /** Which plan was returned: the engine's, or the greedy plan when the engine did not beat it. */
    chosen: 'ENGINE' | 'GREEDY';
    timedOut: boolean;
    timeLimitMs: number;
    /** Wall-clock timings (the only non-deterministic part of the result). */
    elapsedMs: number;
    phases: SolverPhase[];
    /** Active days of the relaxed (flow) optimum before the side rules were repaired. */
    relaxedActiveDays: number;
    /** The flow (relaxation) bound before the exact step tightened it; metrics.upperBound is the best. */
    flowUpperBound: number;
    /** The exact per-day step, when it ran (the plan was below the flow bound and HiGHS was loaded). */
    exact: { solves: number; cliques: number; days: ExactDayStatus[] } | null;
  };
}
