import { CountedDayRule, DEFAULT_COUNTED_DAY_RULE, isCountedDay } from '../../src/calendar/domain/counted-days';
import { eachDate, IsoDate } from '../../src/calendar/domain/oslo-time';
import { compareTimes, TimeOfDay } from '../../src/sessions/domain/time-of-day';
import {
  AbsenceReason,
  AttendanceOutcome,
  CancellationReason,
  emptyReasons,
  InactiveReason,
  InactiveReasonCode,
  RateRow,
} from '../../src/activity-rate/domain/prisoner-day';

// The reference definition of the activity measure (DOMAIN.md, "The activity measure"), in plain
// TypeScript: the oracle the SQL (src/activity-rate/prisoner-days.sql.ts) is checked against on random
// histories (test/prisoner-days.e2e-spec.ts); its worked examples are src/activity-rate/domain/prisoner-day.spec.ts.
// Test code only: the app computes prisoner-days in SQL.

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
