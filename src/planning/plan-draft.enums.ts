// DRAFT → APPLIED (once per prison and week) | STALE (the data moved before apply) | SUPERSEDED (a newer draft).
export enum PlanDraftStatus {
  DRAFT = 'DRAFT',
  APPLIED = 'APPLIED',
  STALE = 'STALE',
  SUPERSEDED = 'SUPERSEDED',
}
