import { DayPeriod } from '../../activities/activity.enums';
import { IsoDate, parseIsoDate } from '../../calendar/domain/oslo-time';

/** Which of an activity's weekly slots an allocation takes. Values match a string enum column of the same name. */
export const AllocationPatternKind = {
  /** Every slot of the activity. */
  ALL: 'ALL',
  /** Morning slots only (a split working day: school or another activity in the afternoon). */
  AM_ONLY: 'AM_ONLY',
  /** Afternoon slots only. */
  PM_ONLY: 'PM_ONLY',
  /** Only the listed weekday + period pairs. */
  CHOSEN: 'CHOSEN',
} as const;
export type AllocationPatternKind = (typeof AllocationPatternKind)[keyof typeof AllocationPatternKind];

/** A weekday (1 = Monday … 5 = Friday) and half-day. */
export interface WeekdayPeriod {
  weekday: number;
  period: DayPeriod;
}

/** `chosen` is read only for CHOSEN (and must then be non-empty: see `allocationPatternProblems`). */
export interface AllocationPattern {
  kind: AllocationPatternKind;
  chosen?: readonly WeekdayPeriod[] | null;
}

/**
 * A prisoner's allocation to an activity. `startDate` is the first day allocated and `endDate` the
 * last day allocated, both included; null means open-ended (until ended, or release).
 */
export interface AllocationSpan {
  activityId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  pattern: AllocationPattern;
}

/** The least a session must say to be matched against an allocation. */
export interface SessionRef {
  activityId: string;
  date: IsoDate;
  period: DayPeriod;
}

/** Plain-English problems with a pattern; empty when it is usable. */
export function allocationPatternProblems(pattern: AllocationPattern): string[] {
  if (pattern.kind !== AllocationPatternKind.CHOSEN) {
    return pattern.chosen && pattern.chosen.length > 0 ? [`Chosen slots are only used with the CHOSEN pattern, not ${pattern.kind}`] : [];
  }
  const chosen = pattern.chosen ?? [];
  if (chosen.length === 0) return ['Choose at least one weekday morning or afternoon'];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of chosen) {
    if (!Number.isInteger(c.weekday) || c.weekday < 1 || c.weekday > 5)
      problems.push(`Weekday ${c.weekday} is not Monday (1) to Friday (5)`);
    const key = `${c.weekday}|${c.period}`;
    if (seen.has(key)) problems.push(`Weekday ${c.weekday} ${c.period} is chosen twice`);
    seen.add(key);
  }
  return problems;
}

/** Whether the pattern takes the given weekday + half-day. */
export function patternCovers(pattern: AllocationPattern, weekday: number, period: DayPeriod): boolean {
  switch (pattern.kind) {
    case AllocationPatternKind.ALL:
      return true;
    case AllocationPatternKind.AM_ONLY:
      return period === DayPeriod.AM;
    case AllocationPatternKind.PM_ONLY:
      return period === DayPeriod.PM;
    case AllocationPatternKind.CHOSEN:
      return (pattern.chosen ?? []).some((c) => c.weekday === weekday && c.period === period);
    default: {
      const unknown: never = pattern.kind;
      throw new RangeError(`Unknown allocation pattern: ${String(unknown)}`);
    }
  }
}

/** The activity slots an allocation pattern takes, in the order given. */
export function slotsCoveredBy<T extends WeekdayPeriod>(pattern: AllocationPattern, activitySlots: readonly T[]): T[] {
  return activitySlots.filter((s) => patternCovers(pattern, s.weekday, s.period));
}

/** Whether `date` lies within the allocation: start ≤ date ≤ end (end inclusive; open-ended if null). */
export function isAllocatedOn(allocation: Pick<AllocationSpan, 'startDate' | 'endDate'>, date: IsoDate): boolean {
  return date >= allocation.startDate && (allocation.endDate === null || date <= allocation.endDate);
}

/**
 * The sessions an allocation covers: sessions of the same activity dated within [startDate, endDate]
 * (both included) whose weekday and half-day the pattern takes. The weekday comes from the session's
 * date, so a CHOSEN Tuesday AM covers every Tuesday-morning session however it was made. Cancelled
 * sessions are covered too; a caller that wants only running sessions filters them.
 */
export function sessionsCoveredBy<S extends SessionRef>(allocation: AllocationSpan, sessions: readonly S[]): S[] {
  return sessions.filter(
    (s) =>
      s.activityId === allocation.activityId &&
      isAllocatedOn(allocation, s.date) &&
      patternCovers(allocation.pattern, parseIsoDate(s.date).weekday, s.period),
  );
}
