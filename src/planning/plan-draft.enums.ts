// DRAFT → PARTIAL (some parts applied) → APPLIED (all of it) | STALE (the data moved before apply) | SUPERSEDED (a newer
// draft). PARTIAL or APPLIED → UNDONE once every applied part has been undone (a new draft is needed then).
export enum PlanDraftStatus {
  DRAFT = 'DRAFT',
  PARTIAL = 'PARTIAL',
  APPLIED = 'APPLIED',
  UNDONE = 'UNDONE',
  STALE = 'STALE',
  SUPERSEDED = 'SUPERSEDED',
}
