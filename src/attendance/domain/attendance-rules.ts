import { UnavailabilityKind } from '../../availability/availability.enums';
import { addDays, IsoDate } from '../../calendar/domain/oslo-time';
import { RuleCode, RuleMessage, ruleMessage } from '../../common/messages/rule-message';
import { AbsenceReason, AttendanceOutcome } from '../attendance.enums';
import { TeacherAttendanceStatus, TEACHER_RECORD_STATUSES, valuesForTeacherStatus } from './teacher-vocabulary';
import type { TeacherRecordStatus } from './teacher-vocabulary';

// Pure rules for recording a session's attendance: no Nest, no TypeORM.

/** The absence reason to pre-fill when the prisoner has a known unavailability in the half-day. */
export const REASON_FOR_UNAVAILABILITY: Record<UnavailabilityKind, AbsenceReason> = {
  [UnavailabilityKind.COURT]: AbsenceReason.COURT,
  [UnavailabilityKind.VISIT]: AbsenceReason.VISIT,
  [UnavailabilityKind.HEALTH_APPOINTMENT]: AbsenceReason.HEALTH_APPOINTMENT,
  [UnavailabilityKind.LAWYER]: AbsenceReason.LAWYER,
  [UnavailabilityKind.LEAVE]: AbsenceReason.LEAVE,
  // Kept apart from company by decision: the clash is with the decision, not with another appointment.
  [UnavailabilityKind.EXCLUDED_FROM_COMPANY]: AbsenceReason.OTHER_CLASH,
  [UnavailabilityKind.OTHER]: AbsenceReason.OTHER_CLASH,
};

/** A recorded outcome, as stored (note null unless absent; comment '' when none). */
export interface AttendanceValues {
  outcome: AttendanceOutcome;
  absenceReason: AbsenceReason | null;
  absenceNote: string | null;
  comment: string;
}

/** A row with its stored outcome decided (a status row resolved by resolveRows). */
export interface AttendanceInput {
  prisonerId: string;
  outcome: AttendanceOutcome;
  absenceReason?: AbsenceReason | null;
  absenceNote?: string | null;
  comment?: string | null;
}

/** A row as sent: either the staff's detail (outcome, reason, note, comment) or a teacher-vocabulary status. */
export interface AttendanceRowInput extends Omit<AttendanceInput, 'outcome'> {
  outcome?: AttendanceOutcome;
  status?: TeacherRecordStatus;
  /** The record's version when the sender read the roster (null: not recorded then); undefined: no check. */
  expectedVersion?: number | null;
}

/** What is wrong with one row, as codes (the API adds English `messages`, the pages translate). */
export interface RowError {
  index: number;
  prisonerId: string;
  rules: RuleMessage[];
}

/** What the database knows about a prisoner named in the batch. */
export interface RosterFacts {
  /** Booked on the session, or already has a record on it (kept after the booking went). */
  onRoster: boolean;
  existing: AttendanceValues | null;
  /** The stored record's version (null: none). */
  version?: number | null;
  /** A known unavailability in the session's half-day (what a status row's "excused" stores). */
  unavailabilityKind?: UnavailabilityKind | null;
}

const blankToNull = (s: string | null | undefined): string | null => (s === undefined || s === null || s.trim() === '' ? null : s.trim());

/** The values to store for one input row (assumes the row is valid). */
export function normaliseRow(row: AttendanceInput): AttendanceValues {
  const absent = row.outcome === AttendanceOutcome.ABSENT;
  return {
    outcome: row.outcome,
    absenceReason: absent ? (row.absenceReason ?? null) : null,
    absenceNote: absent ? blankToNull(row.absenceNote) : null,
    comment: row.comment?.trim() ?? '',
  };
}

const TEACHER_ROW = ruleMessage(RuleCode.ROW_TEACHER_STATUS_ONLY, { statusList: TEACHER_RECORD_STATUSES.join(', ') });

/**
 * Input errors of each row on its own and of the batch as a whole (duplicates). Empty = valid.
 * `teacherOnly`: the caller sees the teacher vocabulary only, so may send status rows (or a plain
 * ATTENDED) but no absence detail it could not read back.
 */
export function inputErrors(rows: readonly AttendanceRowInput[], teacherOnly = false): RowError[] {
  const seen = new Map<string, number>();
  const out: RowError[] = [];
  rows.forEach((row, index) => {
    const messages: RuleMessage[] = [];
    const first = seen.get(row.prisonerId);
    if (first !== undefined) messages.push(ruleMessage(RuleCode.ROW_DUPLICATE, { first }));
    else seen.set(row.prisonerId, index);
    const detail = !!row.absenceReason || blankToNull(row.absenceNote) !== null || blankToNull(row.comment) !== null;
    if (row.status !== undefined) {
      if (row.outcome !== undefined) messages.push(ruleMessage(RuleCode.ROW_OUTCOME_AND_STATUS));
      if (detail) messages.push(ruleMessage(RuleCode.ROW_STATUS_TAKES_NO_DETAIL));
    } else if (row.outcome === undefined) {
      messages.push(ruleMessage(RuleCode.ROW_OUTCOME_NEEDED));
    } else if (teacherOnly && row.outcome === AttendanceOutcome.ABSENT && !detail) {
      messages.push(ruleMessage(RuleCode.ROW_ABSENCE_STATUS_NEEDED));
    } else if (teacherOnly && (row.outcome !== AttendanceOutcome.ATTENDED || detail)) {
      messages.push(TEACHER_ROW);
    } else if (row.outcome === AttendanceOutcome.ABSENT) {
      if (!row.absenceReason) messages.push(ruleMessage(RuleCode.ROW_ABSENCE_REASON_NEEDED));
      else if (row.absenceReason === AbsenceReason.OTHER && blankToNull(row.absenceNote) === null)
        messages.push(ruleMessage(RuleCode.ROW_ABSENCE_NOTE_NEEDED));
    } else {
      if (row.absenceReason) messages.push(ruleMessage(RuleCode.ROW_ATTENDED_NO_REASON));
      if (blankToNull(row.absenceNote) !== null) messages.push(ruleMessage(RuleCode.ROW_ATTENDED_NO_NOTE));
    }
    if (messages.length > 0) out.push({ index, prisonerId: row.prisonerId, rules: messages });
  });
  return out;
}

/**
 * Decides the stored values of each (valid) row: status rows, and a teacher's plain ATTENDED, go
 * through the teacher vocabulary so that they keep what staff recorded; staff rows are taken as sent.
 */
export function resolveRows(
  rows: readonly AttendanceRowInput[],
  facts: ReadonlyMap<string, RosterFacts>,
  teacherOnly = false,
): AttendanceInput[] {
  return rows.map((row) => {
    // inputErrors let a teacher's outcome row through only as a plain ATTENDED.
    const status = row.status ?? (teacherOnly ? TeacherAttendanceStatus.ATTENDED : undefined);
    if (status === undefined) return { ...row, outcome: row.outcome as AttendanceOutcome };
    const f = facts.get(row.prisonerId);
    const known = f?.unavailabilityKind ? REASON_FOR_UNAVAILABILITY[f.unavailabilityKind] : null;
    return { prisonerId: row.prisonerId, ...valuesForTeacherStatus(status, f?.existing ?? null, known) };
  });
}

/** Rows naming prisoners who are not on the session's roster. */
export function rosterErrors(rows: readonly AttendanceRowInput[], facts: ReadonlyMap<string, RosterFacts>): RowError[] {
  const out: RowError[] = [];
  rows.forEach((row, index) => {
    if (!facts.get(row.prisonerId)?.onRoster)
      out.push({ index, prisonerId: row.prisonerId, rules: [ruleMessage(RuleCode.ROW_NOT_BOOKED)] });
  });
  return out;
}

/**
 * Rows whose record someone else wrote after the sender read the roster (their version differs from the
 * expectedVersion sent) and that this batch would change: a lost update unless refused. A row that would
 * store what is already stored is no conflict (two officers marking the same prisoner attended).
 * `resolved` is `rows` after resolveRows (same order).
 */
export function staleRows(
  rows: readonly AttendanceRowInput[],
  resolved: readonly AttendanceInput[],
  facts: ReadonlyMap<string, RosterFacts>,
): RowError[] {
  const out: RowError[] = [];
  rows.forEach((row, index) => {
    if (row.expectedVersion === undefined) return;
    const fact = facts.get(row.prisonerId);
    if ((fact?.version ?? null) === row.expectedVersion) return;
    const existing = fact?.existing ?? null;
    if (existing !== null && sameValues(existing, normaliseRow(resolved[index]))) return;
    out.push({ index, prisonerId: row.prisonerId, rules: [ruleMessage(RuleCode.ROW_CHANGED_SINCE_READ)] });
  });
  return out;
}

export function sameValues(a: AttendanceValues, b: AttendanceValues): boolean {
  return a.outcome === b.outcome && a.absenceReason === b.absenceReason && a.absenceNote === b.absenceNote && a.comment === b.comment;
}

export interface BatchPlan {
  created: number;
  /** Existing records whose values change (each gets a history row). */
  changed: number;
  unchanged: number;
}

export function planBatch(rows: readonly AttendanceInput[], facts: ReadonlyMap<string, RosterFacts>): BatchPlan {
  let created = 0;
  let changed = 0;
  for (const row of rows) {
    const existing = facts.get(row.prisonerId)?.existing ?? null;
    if (existing === null) created++;
    else if (!sameValues(existing, normaliseRow(row))) changed++;
  }
  return { created, changed, unchanged: rows.length - created - changed };
}

/**
 * Whether a session's records are outside the edit window: the session date is more than
 * `windowDays` before today (with 7, a session 8 days ago is outside; 7 days ago is inside).
 */
export function isOutsideEditWindow(sessionDate: IsoDate, today: IsoDate, windowDays: number): boolean {
  return sessionDate < addDays(today, -windowDays);
}
