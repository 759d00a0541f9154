// Which of the activity's slots the prisoner takes.
export enum AllocationPatternKind {
  ALL = 'ALL',
  AM_ONLY = 'AM_ONLY',
  PM_ONLY = 'PM_ONLY',
  CHOSEN = 'CHOSEN',
}

export enum DeallocationReason {
  COMPLETED = 'COMPLETED',
  TRANSFERRED = 'TRANSFERRED',
  RELEASED = 'RELEASED',
  WITHDRAWN_BY_STAFF = 'WITHDRAWN_BY_STAFF',
  WITHDRAWN_BY_PRISONER = 'WITHDRAWN_BY_PRISONER',
  HEALTH = 'HEALTH',
  SECURITY = 'SECURITY',
  OTHER = 'OTHER',
}
