import { UnavailabilityKind } from '../../availability/availability.enums';
import { AbsenceReason, AttendanceOutcome } from '../attendance.enums';
import type { AttendanceValues } from './attendance-rules';

// What a teacher (imported, county-employed) may know of attendance: a neutral vocabulary, never
// court, lawyer, visit, health or leave, nor the free text prison staff wrote. This file is the one
// place where stored reasons are mapped into it; every teacher-facing read and write goes through it.

/** Attendance as a teacher sees it. */
export enum TeacherAttendanceStatus {
  ATTENDED = 'ATTENDED',
  ABSENT_EXCUSED = 'ABSENT_EXCUSED',
  ABSENT_REFUSED = 'ABSENT_REFUSED',
  NOT_RECORDED = 'NOT_RECORDED',
}

/** What a teacher may record (a record cannot be turned back into "not recorded"). */
export type TeacherRecordStatus = Exclude<TeacherAttendanceStatus, TeacherAttendanceStatus.NOT_RECORDED>;
export const TEACHER_RECORD_STATUSES: readonly TeacherRecordStatus[] = [
  TeacherAttendanceStatus.ATTENDED,
  TeacherAttendanceStatus.ABSENT_EXCUSED,
  TeacherAttendanceStatus.ABSENT_REFUSED,
];

export const isTeacherRecordStatus = (v: unknown): v is TeacherRecordStatus => TEACHER_RECORD_STATUSES.includes(v as TeacherRecordStatus);

// Exhaustive: a new absence reason does not compile until someone decides what a teacher sees of it.
// Only refusing (or not turning up) is unexcused; any reason staff recorded is excused to the teacher.
const TEACHER_ABSENCE: Record<AbsenceReason, TeacherAttendanceStatus.ABSENT_EXCUSED | TeacherAttendanceStatus.ABSENT_REFUSED> = {
  [AbsenceReason.REFUSED]: TeacherAttendanceStatus.ABSENT_REFUSED,
  [AbsenceReason.SICK]: TeacherAttendanceStatus.ABSENT_EXCUSED,
  [AbsenceReason.COURT]: TeacherAttendanceStatus.ABSENT_EXCUSED,
  [AbsenceReason.VISIT]: TeacherAttendanceStatus.ABSENT_EXCUSED,
  [AbsenceReason.HEALTH_APPOINTMENT]: TeacherAttendanceStatus.ABSENT_EXCUSED,
  [AbsenceReason.LAWYER]: TeacherAttendanceStatus.ABSENT_EXCUSED,
  [AbsenceReason.OTHER_CLASH]: TeacherAttendanceStatus.ABSENT_EXCUSED,
  [AbsenceReason.NOT_REQUIRED]: TeacherAttendanceStatus.ABSENT_EXCUSED,
  [AbsenceReason.LEAVE]: TeacherAttendanceStatus.ABSENT_EXCUSED,
  [AbsenceReason.OTHER]: TeacherAttendanceStatus.ABSENT_EXCUSED,
};

/** A stored record (or none) in the teacher's vocabulary. */
export function teacherStatusOf(outcome: AttendanceOutcome | null, reason: AbsenceReason | null): TeacherAttendanceStatus {
  if (outcome === null) return TeacherAttendanceStatus.NOT_RECORDED;
  if (outcome === AttendanceOutcome.ATTENDED) return TeacherAttendanceStatus.ATTENDED;
  // An absence stored without a reason cannot be written (validation); treat it as excused rather than blame anyone.
  return reason === null ? TeacherAttendanceStatus.ABSENT_EXCUSED : TEACHER_ABSENCE[reason];
}

/** A known unavailability in the half-day tells a teacher only that the prisoner is excused. */
export const teacherSuggestionOf = (kind: UnavailabilityKind | null): TeacherAttendanceStatus.ABSENT_EXCUSED | null =>
  kind === null ? null : TeacherAttendanceStatus.ABSENT_EXCUSED;

/**
 * The values to store when a teacher records `status`, without destroying what staff recorded:
 * - the same status as shown to the teacher keeps the stored record exactly (a COURT absence saved
 *   again as "absent — excused" stays COURT, with its note);
 * - "absent — excused" over anything else takes `knownReason` (the reason of a known unavailability
 *   in the half-day: court, visit…), else NOT_REQUIRED ("excused");
 * - "absent — refused" stores REFUSED; "attended" stores ATTENDED (a reason and note belong to an
 *   absence only; the history keeps what was there);
 * - the comment, which a teacher does not see, is always kept.
 */
export function valuesForTeacherStatus(
  status: TeacherRecordStatus,
  existing: AttendanceValues | null,
  knownReason: AbsenceReason | null,
): AttendanceValues {
  if (existing !== null && teacherStatusOf(existing.outcome, existing.absenceReason) === status) return { ...existing };
  const comment = existing?.comment ?? '';
  switch (status) {
    case TeacherAttendanceStatus.ATTENDED:
      return { outcome: AttendanceOutcome.ATTENDED, absenceReason: null, absenceNote: null, comment };
    case TeacherAttendanceStatus.ABSENT_REFUSED:
      return { outcome: AttendanceOutcome.ABSENT, absenceReason: AbsenceReason.REFUSED, absenceNote: null, comment };
    case TeacherAttendanceStatus.ABSENT_EXCUSED:
      return {
        outcome: AttendanceOutcome.ABSENT,
        absenceReason: knownReason ?? AbsenceReason.NOT_REQUIRED,
        absenceNote: null,
        comment,
      };
  }
}

/** A session's cancellation as a teacher sees it: the reason category, never the note staff wrote. */
export function teacherCancellation<T extends { note: string | null }>(c: T): T;
export function teacherCancellation<T extends { note: string | null }>(c: T | null): T | null;
export function teacherCancellation<T extends { note: string | null }>(c: T | null): T | null {
  return c === null ? null : { ...c, note: null };
}
