/**
 * The three parts of a coming week's gap to the target (docs/path-to-target.md): better planning,
 * beyond today's offer, and the realised loss to expect from history. Pure: plain data in and out.
 */
import { DateTime } from 'luxon';
import type { ActivityKindCode, OfferChange } from './capacity-what-if';

export type LossReason = 'ABSENT' | 'SESSION_CANCELLED' | 'NOT_RECORDED' | 'EXCLUDED';
export const LOSS_REASONS: readonly LossReason[] = ['ABSENT', 'SESSION_CANCELLED', 'NOT_RECORDED', 'EXCLUDED'];

export interface LossHistory {
  bookedDays: number;
  realisedActiveDays: number;
  byReason: Record<LossReason, number>;
}

export interface GapSplit {
  betterPlanningDays: number;
  unreachableDays: number;
  unprovenDays: number;
  lossRate: number | null;
  expectedLossDays: number;
  expectedLossByReason: Record<LossReason, number>;
}

/**
 * current plan → planner (better planning) → ceiling (not proven reachable when the bound is not tight)
 * → target (no plan reaches it with today's offer); and the days the plan would lose on average,
 * at the history's rate of booked days not realised, split by reason.
 */
export function splitGap(
  f: { currentDays: number; plannerDays: number; ceilingDays: number; targetDays: number },
  history: LossHistory,
): GapSplit {
  const lossRate = history.bookedDays > 0 ? Math.max(0, history.bookedDays - history.realisedActiveDays) / history.bookedDays : null;
  const expectedLossDays = lossRate === null ? 0 : Math.round(f.plannerDays * lossRate);
  const quotas = {} as Record<LossReason, number>;
  for (const r of LOSS_REASONS) quotas[r] = history.bookedDays > 0 ? (f.plannerDays * history.byReason[r]) / history.bookedDays : 0;
  return {
    betterPlanningDays: Math.max(0, f.plannerDays - f.currentDays),
    unreachableDays: Math.max(0, f.targetDays - f.ceilingDays),
    unprovenDays: Math.max(0, f.ceilingDays - f.plannerDays),
    lossRate,
    expectedLossDays,
    expectedLossByReason: apportion(expectedLossDays, quotas),
  };
}

/**
 * Whole days per reason that add up to `total`, in proportion to the quotas (largest remainder: each reason
 * gets the whole part of its quota, the days left go to the largest fractions, ties in LOSS_REASONS order).
 * Rounding each reason on its own could give parts that add up to more or less than the loss they split.
 */
function apportion(total: number, quotas: Record<LossReason, number>): Record<LossReason, number> {
  const out = {} as Record<LossReason, number>;
  for (const r of LOSS_REASONS) out[r] = Math.floor(quotas[r] + EPS);
  const byRemainder = [...LOSS_REASONS].sort((a, b) => quotas[b] - out[b] - (quotas[a] - out[a]));
  let left = total - LOSS_REASONS.reduce((s, r) => s + out[r], 0);
  for (let i = 0; left > 0 && i < byRemainder.length; i++, left--) out[byRemainder[i]]++;
  return out;
}

// Quotas are ratios of whole numbers: 2.9999999999 is 3 days.
const EPS = 1e-9;

export interface PlacesAtHalfDay {
  kind: ActivityKindCode;
  weekday: number;
  period: 'AM' | 'PM';
  places: number;
}

/** The changes' places summed by activity kind, ISO weekday and half-day (the national view). */
export function placesByHalfDay(changes: readonly OfferChange[]): PlacesAtHalfDay[] {
  const sums = new Map<string, PlacesAtHalfDay>();
  for (const c of changes) {
    const weekday = DateTime.fromISO(c.date).weekday;
    const key = `${c.activityKind}|${weekday}|${c.period}`;
    const cur = sums.get(key);
    if (cur) cur.places += c.places;
    else sums.set(key, { kind: c.activityKind, weekday, period: c.period, places: c.places });
  }
  return [...sums.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.weekday - b.weekday || a.period.localeCompare(b.period));
}
