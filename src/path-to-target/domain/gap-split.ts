/**
 * The three parts of a coming week's gap to the target (docs/path-to-target.md): better planning,
 * beyond today's offer, and the realised loss to expect from history. Pure: plain data in and out.
 */
import { DateTime } from 'luxon';
import type { PlanningInput } from '../../planning/engine';
import type { ActivityKindCode, OfferChange } from './capacity-what-if';

export type LossReason = 'ABSENT' | 'SESSION_CANCELLED' | 'NOT_RECORDED' | 'EXCLUDED';
export const LOSS_REASONS: readonly LossReason[] = ['ABSENT', 'SESSION_CANCELLED', 'NOT_RECORDED', 'EXCLUDED'];

/** Active prisoner-days of the current bookings: a custody day with a booking on a running session (the planned rate's rule). */
export function currentPlanDays(input: PlanningInput): number {
  const running = new Map(
    input.sessions.filter((s) => !s.cancelled && s.staffPresent !== false && input.days.includes(s.date)).map((s) => [s.id, s.date]),
  );
  let days = 0;
  for (const p of input.prisoners) {
    const custody = new Set(p.custodyDays);
    const active = new Set<string>();
    for (const sid of input.currentAllocations?.[p.id] ?? []) {
      const date = running.get(sid);
      if (date !== undefined && custody.has(date)) active.add(date);
    }
    days += active.size;
  }
  return days;
}

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
  const byReason = {} as Record<LossReason, number>;
  for (const r of LOSS_REASONS)
    byReason[r] = history.bookedDays > 0 ? Math.round((f.plannerDays * history.byReason[r]) / history.bookedDays) : 0;
  return {
    betterPlanningDays: Math.max(0, f.plannerDays - f.currentDays),
    unreachableDays: Math.max(0, f.targetDays - f.ceilingDays),
    unprovenDays: Math.max(0, f.ceilingDays - f.plannerDays),
    lossRate,
    expectedLossDays: lossRate === null ? 0 : Math.round(f.plannerDays * lossRate),
    expectedLossByReason: byReason,
  };
}

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
