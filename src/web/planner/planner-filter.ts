import { ActivityKind } from '../../activities/activity.enums';
import type { Principal } from '../../auth/principal';
import type { PlanActivityDto, WeekPlanDto } from '../../week-plan/dto/week-plan.dto';

/** Which activities the week plan shows and how: the officer's own or all, filters, counts or names. */
export interface PlannerFilter {
  scope: 'mine' | 'all';
  mode: 'counts' | 'names';
  activityId?: string;
  kind?: ActivityKind;
  unit?: string;
}

export const PLANNER_PREFS_COOKIE = 'ka_planner';
const KINDS = Object.values(ActivityKind);

/** Only the values the page offers; anything else is ignored. */
export function plannerFilterOf(
  q: Record<string, unknown>,
  remembered: string | undefined,
  plan: WeekPlanDto,
  p: Principal,
): PlannerFilter {
  const prefs = new URLSearchParams(remembered ?? '');
  const str = (name: string) => (typeof q[name] === 'string' && q[name] !== '' ? (q[name] as string) : undefined);
  const scopeAsked = str('scope') ?? prefs.get('scope') ?? undefined;
  const modeAsked = str('mode') ?? prefs.get('mode') ?? undefined;
  const mine = myActivityIds(plan, p);
  const scope = scopeAsked === 'all' || scopeAsked === 'mine' ? scopeAsked : mine.size > 0 ? 'mine' : 'all';
  return {
    scope,
    mode: modeAsked === 'names' ? 'names' : 'counts',
    activityId: plan.activities.find((a) => a.activityId === str('activity'))?.activityId,
    kind: KINDS.find((k) => k === str('kind')),
    unit: str('unit'),
  };
}

/** The remembered part of the choice (scope and mode), as a cookie value. */
export function rememberedPrefs(f: PlannerFilter): string {
  return new URLSearchParams({ scope: f.scope, mode: f.mode }).toString();
}

/** Activities the user staffs in this week (any session with them as staff). */
export function myActivityIds(plan: WeekPlanDto, p: Principal): Set<string> {
  if (!p.staffMemberId) return new Set();
  return new Set(plan.activities.filter((a) => a.sessions.some((s) => s.staff?.id === p.staffMemberId)).map((a) => a.activityId));
}

export function unitsOf(plan: WeekPlanDto, more: Array<{ unitName: string | null }> = []): string[] {
  const names = new Set<string>();
  for (const a of plan.activities) for (const s of a.sessions) for (const p of s.prisoners) if (p.unitName) names.add(p.unitName);
  for (const m of more) if (m.unitName) names.add(m.unitName);
  return [...names].sort((a, b) => a.localeCompare(b, 'nb'));
}

/** The activities the filter keeps (sorted by name), and, with a unit, only that unit's prisoners in each session. */
export function filteredActivities(plan: WeekPlanDto, f: PlannerFilter, p: Principal): PlanActivityDto[] {
  const mine = myActivityIds(plan, p);
  return plan.activities
    .filter((a) => (f.activityId ? a.activityId === f.activityId : f.scope === 'all' || mine.has(a.activityId)))
    .filter((a) => !f.kind || a.kind === f.kind)
    .filter((a) => !f.unit || a.sessions.some((s) => s.prisoners.some((x) => x.unitName === f.unit)))
    .map((a) =>
      f.unit ? { ...a, sessions: a.sessions.map((s) => ({ ...s, prisoners: s.prisoners.filter((x) => x.unitName === f.unit) })) } : a,
    );
}

export const PLANNER_KINDS = KINDS;
