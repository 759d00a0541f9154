/**
 * The distance to the activity target in prisoner-days, and the colour band it falls in.
 * Pure: no Nest, no database. See docs/path-to-target.md.
 */

/** ≥ target; within `NEAR_POINTS` of it; further. */
export type TargetBand = 'AT_TARGET' | 'NEAR' | 'FAR';

/** "Within 5 points": a rate at most 0.05 below the target is NEAR. */
export const NEAR_POINTS = 0.05;

// Rates are ratios of integers; a product like 0.9 × 10 must not become 9.000000000000002 days.
const EPS = 1e-9;

/** Active days a scope needs at least to reach `target` over `prisonerDays`: ⌈target · prisonerDays⌉. */
export function targetDays(prisonerDays: number, target: number): number {
  return Math.max(0, Math.ceil(target * prisonerDays - EPS));
}

/** Additional active days needed to reach the target (0 when reached). */
export function gapDays(prisonerDays: number, activeDays: number, target: number): number {
  return Math.max(0, targetDays(prisonerDays, target) - activeDays);
}

/** The band of a rate; null when there is no rate (no prisoner-days). */
export function targetBand(rate: number | null, target: number): TargetBand | null {
  if (rate === null) return null;
  if (rate >= target - EPS) return 'AT_TARGET';
  if (rate >= target - NEAR_POINTS - EPS) return 'NEAR';
  return 'FAR';
}
