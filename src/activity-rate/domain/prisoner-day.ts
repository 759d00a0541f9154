import { CountedDayRule, DEFAULT_COUNTED_DAY_RULE, isCountedDay } from '../../calendar/domain/counted-days';
import { eachDate, IsoDate } from '../../calendar/domain/oslo-time';
import { compareTimes, TimeOfDay } from '../../sessions/domain/time-of-day';
import { AbsenceReason } from '../../attendance/attendance.enums';
import { CancellationReason } from '../../sessions/session.enums';

// The database enums (session cancellation, attendance absence), re-exported for the specs and callers.
export { AbsenceReason, CancellationReason };

// The reference definition of the activity measure (DOMAIN.md, "The activity measure"). The SQL that
// computes the rate for real must agree with these functions; their specs are the worked examples.

/** The share of prisoner-days with activity that the strategy aims for. */
export const ACTIVITY_RATE_TARGET = 0.9;

export const AttendanceOutcome = { ATTENDED: 'ATTENDED', ABSENT: 'ABSENT', NOT_RECORDED: 'NOT_RECORDED' } as const;
export type AttendanceOutcome = (typeof AttendanceOutcome)[keyof typeof AttendanceOutcome];

/** Why a prisoner-day was not (realised) active. Every such day has exactly one. */
export const InactiveReasonCode = {
  NO_OFFER: 'NO_OFFER',
  SESSION_CANCELLED: 'SESSION_CANCELLED',
  ABSENT: 'ABSENT',
  NOT_RECORDED: 'NOT_RECORDED',
  EXCLUDED: 'EXCLUDED',
} as const;
export type InactiveReasonCode = (typeof InactiveReasonCode)[keyof typeof InactiveReasonCode];
export const INACTIVE_REASON_CODES: readonly InactiveReasonCode[] = Object.values(InactiveReasonCode);

export type InactiveReason =
  /** `allocated` tells "allocated, but nothing that day" from "not allocated at all". */
  | { code: typeof InactiveReasonCode.NO_OFFER; allocated: boolean }
  | { code: typeof InactiveReasonCode.SESSION_CANCELLED; cancellationReason: CancellationReason | null }
  | { code: typeof InactiveReasonCode.ABSENT; absenceReason: AbsenceReason | null }
  | { code: typeof InactiveReasonCode.NOT_RECORDED }
  | { code: typeof InactiveReasonCode.EXCLUDED };

/** One session the prisoner was scheduled for that day (through an allocation). */
export interface ScheduledSession {
  startTime: TimeOfDay;
  cancelled: boolean;
  cancellationReason?: CancellationReason | null;
  /** Ignored on a cancelled session: a cancelled session is never attended. */
  attendance: AttendanceOutcome;
  absenceReason?: AbsenceReason | null;
}

/** One prisoner on one counted day they were held. */
export interface PrisonerDayInput {
  sessions: readonly ScheduledSession[];
  /** Excluded from company by decision that day (segregation / isolation). */
  excluded: boolean;
  /** Whether the prisoner had any allocation covering the day. Only refines NO_OFFER. */
  allocated: boolean;
}

export interface PrisonerDayStatus {
  /** At least one non-cancelled session was scheduled. */
  plannedActive: boolean;
  /** At least one non-cancelled session was attended. */
  realisedActive: boolean;
  /** Null exactly when realisedActive. */
  reason: InactiveReason | null;
}

/**
 * Classifies a prisoner-day. An attended session makes the day active whatever else happened
 * (a split day with AM attended and PM refused is active; two attended halves are one active day).
 * Otherwise exactly one reason, the first that applies:
 *   1. EXCLUDED — excluded from company that day (the decision explains the rest of the day);
 *   2. NOT_RECORDED — a non-cancelled session has no attendance recorded (data to fix first);
 *   3. ABSENT — a non-cancelled session was missed; the reason of the earliest one by start time;
 *   4. SESSION_CANCELLED — every scheduled session was cancelled; the reason of the earliest one;
 *   5. NO_OFFER — nothing scheduled.
 */
export function classifyPrisonerDay(day: PrisonerDayInput): PrisonerDayStatus {
  const held = [...day.sessions].filter((s) => !s.cancelled).sort((a, b) => compareTimes(a.startTime, b.startTime));
  const plannedActive = held.length > 0;
  const realisedActive = held.some((s) => s.attendance === AttendanceOutcome.ATTENDED);
  if (realisedActive) return { plannedActive, realisedActive, reason: null };
  return { plannedActive, realisedActive, reason: inactiveReason(day, held) };
}

function inactiveReason(day: PrisonerDayInput, held: readonly ScheduledSession[]): InactiveReason {
  if (day.excluded) return { code: InactiveReasonCode.EXCLUDED };
  if (held.some((s) => s.attendance === AttendanceOutcome.NOT_RECORDED)) return { code: InactiveReasonCode.NOT_RECORDED };
  const absent = held.find((s) => s.attendance === AttendanceOutcome.ABSENT);
  if (absent) return { code: InactiveReasonCode.ABSENT, absenceReason: absent.absenceReason ?? null };
  if (day.sessions.length > 0) {
    const first = [...day.sessions].sort((a, b) => compareTimes(a.startTime, b.startTime))[0];
    return { code: InactiveReasonCode.SESSION_CANCELLED, cancellationReason: first.cancellationReason ?? null };
  }
  return { code: InactiveReasonCode.NO_OFFER, allocated: day.allocated };
}

/** A stay at one prison: from the arrival day up to but not including `toDate` (release or transfer day). */
export interface CustodySpan {
  prisonId: string;
  unitId?: string | null;
  fromDate: IsoDate;
  toDate: IsoDate | null;
}

export interface PrisonerDay {
  date: IsoDate;
  prisonId: string;
  unitId: string | null;
}

/**
 * The prisoner-days in [from, to] (both included): each counted day the prisoner is held, with the
 * prison holding them. Held from the arrival day to the day before release or transfer out; the transfer
 * day counts at the receiving prison. A day is counted once: should periods overlap (bad data), the
 * later arrival wins, as a transfer would.
 */
export function prisonerDaysInRange(
  custodyPeriods: readonly CustodySpan[],
  from: IsoDate,
  to: IsoDate,
  rule: CountedDayRule = DEFAULT_COUNTED_DAY_RULE,
): PrisonerDay[] {
  // Counted days once for the range, then plain string comparisons per stay (dates are ISO strings).
  const counted = from > to ? [] : eachDate(from, to).filter((d) => isCountedDay(d, rule));
  const byDate = new Map<IsoDate, PrisonerDay>();
  const ordered = [...custodyPeriods].sort((a, b) => a.fromDate.localeCompare(b.fromDate));
  for (const p of ordered) {
    for (const date of counted) {
      if (date >= p.fromDate && (p.toDate === null || date < p.toDate))
        byDate.set(date, { date, prisonId: p.prisonId, unitId: p.unitId ?? null });
    }
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** Counts for one group of prisoner-days (a prison, a unit, a week, …), as SQL would return them. */
export interface RateRow {
  prisonerDays: number;
  plannedActiveDays: number;
  realisedActiveDays: number;
  /** Non-active days by reason; must add up to prisonerDays − realisedActiveDays. */
  reasons: Partial<Record<InactiveReasonCode, number>>;
}

export interface RateSummary {
  prisonerDays: number;
  plannedActiveDays: number;
  realisedActiveDays: number;
  reasons: Record<InactiveReasonCode, number>;
  /** Planned active days / prisoner-days; null when there are no prisoner-days. */
  plannedRate: number | null;
  /** Realised active days / prisoner-days; null when there are no prisoner-days. */
  realisedRate: number | null;
}

/** Counts classified prisoner-days into one row. */
export function rateRowOf(statuses: readonly PrisonerDayStatus[]): RateRow {
  const reasons = emptyReasons();
  for (const s of statuses) if (s.reason) reasons[s.reason.code] += 1;
  return {
    prisonerDays: statuses.length,
    plannedActiveDays: statuses.filter((s) => s.plannedActive).length,
    realisedActiveDays: statuses.filter((s) => s.realisedActive).length,
    reasons,
  };
}

/**
 * Rolls rows up (prisons to a region or the nation, days to a year): sums of numerators over sums of
 * denominators — weighted by prisoner-days, never a mean of percentages. Rejects a row whose figures
 * do not add up, so a wrong query cannot hide behind a plausible rate.
 */
export function aggregateRate(rows: readonly RateRow[]): RateSummary {
  const reasons = emptyReasons();
  let prisonerDays = 0;
  let plannedActiveDays = 0;
  let realisedActiveDays = 0;
  rows.forEach((row, i) => {
    assertConsistent(row, i);
    prisonerDays += row.prisonerDays;
    plannedActiveDays += row.plannedActiveDays;
    realisedActiveDays += row.realisedActiveDays;
    for (const code of INACTIVE_REASON_CODES) reasons[code] += row.reasons[code] ?? 0;
  });
  return {
    prisonerDays,
    plannedActiveDays,
    realisedActiveDays,
    reasons,
    plannedRate: prisonerDays === 0 ? null : plannedActiveDays / prisonerDays,
    realisedRate: prisonerDays === 0 ? null : realisedActiveDays / prisonerDays,
  };
}

function assertConsistent(row: RateRow, index: number): void {
  const counts = [row.prisonerDays, row.plannedActiveDays, row.realisedActiveDays, ...Object.values(row.reasons)];
  if (counts.some((n) => n === undefined || !Number.isInteger(n) || n < 0))
    throw new RangeError(`Row ${index}: counts must be whole numbers ≥ 0`);
  if (row.realisedActiveDays > row.plannedActiveDays || row.plannedActiveDays > row.prisonerDays) {
    throw new RangeError(
      `Row ${index}: realised (${row.realisedActiveDays}) ≤ planned (${row.plannedActiveDays}) ≤ prisoner-days (${row.prisonerDays}) does not hold`,
    );
  }
  const explained = INACTIVE_REASON_CODES.reduce((sum, code) => sum + (row.reasons[code] ?? 0), 0);
  if (explained !== row.prisonerDays - row.realisedActiveDays) {
    throw new RangeError(`Row ${index}: reasons add up to ${explained}, not ${row.prisonerDays - row.realisedActiveDays} non-active days`);
  }
}

function emptyReasons(): Record<InactiveReasonCode, number> {
  return { NO_OFFER: 0, SESSION_CANCELLED: 0, ABSENT: 0, NOT_RECORDED: 0, EXCLUDED: 0 };
}
