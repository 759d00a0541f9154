export enum AttendanceOutcome {
  ATTENDED = 'ATTENDED',
  ABSENT = 'ABSENT',
}

export enum AbsenceReason {
  SICK = 'SICK',
  REFUSED = 'REFUSED',
  COURT = 'COURT',
  VISIT = 'VISIT',
  HEALTH_APPOINTMENT = 'HEALTH_APPOINTMENT',
  LAWYER = 'LAWYER',
  OTHER_CLASH = 'OTHER_CLASH',
  NOT_REQUIRED = 'NOT_REQUIRED',
  LEAVE = 'LEAVE',
  OTHER = 'OTHER',
}

/** What the roster shows for a booked prisoner: a recorded outcome, or explicitly nothing yet. */
export enum RosterStatus {
  ATTENDED = 'ATTENDED',
  ABSENT = 'ABSENT',
  NOT_RECORDED = 'NOT_RECORDED',
}
