import { AbsenceReason } from '../../attendance/attendance.enums';
import { CancellationReason } from '../../sessions/session.enums';

// The database enums (session cancellation, attendance absence), re-exported for the specs and callers.
export { AbsenceReason, CancellationReason };

// The activity measure's codes and its roll-up (DOMAIN.md, "The activity measure"). The reference
// classifier the SQL is checked against is test code: test/support/prisoner-day-oracle.ts.

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

export function emptyReasons(): Record<InactiveReasonCode, number> {
  return { NO_OFFER: 0, SESSION_CANCELLED: 0, ABSENT: 0, NOT_RECORDED: 0, EXCLUDED: 0 };
}
