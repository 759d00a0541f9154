import { Injectable } from '@nestjs/common';
import { DayPeriod } from '../../activities/activity.enums';
import { CandidateSuitability, HalfDaySession } from '../../allocations/candidate-suitability';
import type { SuitabilityCheck } from '../../allocations/domain/suitability';
import type { Principal } from '../../auth/principal';
import type { WeekPlanDto } from '../../week-plan/dto/week-plan.dto';
import { WeekPlanService } from '../../week-plan/week-plan.service';
import { PlannerPagesService } from './planner-pages.service';
import type { PrisonerOption } from './session.page';

/** A prisoner offered for a session or a half-day, with how active their week is. */
export interface Candidate extends PrisonerOption {
  /** Days this week with at least one session that is not cancelled. */
  activeDays: number;
  /** Booked on a session (not cancelled) in the half-day in question. */
  busy: boolean;
}

export interface CandidatePage<T> {
  items: T[];
  /** Matches before the limit. */
  total: number;
  limit: number;
}

export const PAGE_STEP = 25;

/** Name or prisoner number contains the search (case-insensitive); no search: everyone. */
export function matches(p: PrisonerOption, q: string | undefined): boolean {
  if (!q) return true;
  const needle = q.trim().toLocaleLowerCase('nb');
  return p.name.toLocaleLowerCase('nb').includes(needle) || p.prisonerNumber.toLocaleLowerCase('nb').includes(needle);
}

/** No activity this week first, then fewest active days, then name. */
export function byNeed(a: Candidate, b: Candidate): number {
  return a.activeDays - b.activeDays || a.name.localeCompare(b.name, 'nb');
}

export function limitOf(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(Math.ceil(n / PAGE_STEP) * PAGE_STEP, 1000) : PAGE_STEP;
}

/**
 * The candidate lists of the session page (the add-prisoner picker) and the half-day view: held
 * prisoners ranked by need, searched, and checked in bulk with the allocation's suitability rules.
 * Only the shown page of candidates is checked, so a search over ~390 prisoners stays fast.
 */
@Injectable()
export class PlannerCandidatesService {
  constructor(
    private readonly pages: PlannerPagesService,
    private readonly weekPlan: WeekPlanService,
    private readonly suitability: CandidateSuitability,
  ) {}

  async ranked(
    principal: Principal,
    prisonId: string,
    date: string,
    period: DayPeriod,
    plan: WeekPlanDto,
    heldAlready?: PrisonerOption[],
  ): Promise<Candidate[]> {
    const held = heldAlready ?? (await this.pages.heldOn(principal, prisonId, date));
    // Days "planned now" this week, the one definition the week's no-activity list and the planner use.
    const active = await this.weekPlan.plannedDaysByPrisoner(prisonId, plan.week, principal);
    const busy = new Set(
      plan.activities.flatMap((a) =>
        a.sessions
          .filter((s) => s.date === date && s.period === period && !s.cancelled)
          .flatMap((s) => s.prisoners.map((p) => p.prisonerId)),
      ),
    );
    return held.map((p) => ({ ...p, activeDays: active.get(p.id) ?? 0, busy: busy.has(p.id) })).sort(byNeed);
  }

  /** The session page's picker: matches of the search, ranked, the first `limit` checked for this session. */
  async forSession(
    principal: Principal,
    session: { id: string; prisonId: string; date: string; period: DayPeriod },
    plan: WeekPlanDto,
    q: string | undefined,
    limit: number,
    alsoShow: string | undefined,
    held: PrisonerOption[],
  ): Promise<CandidatePage<Candidate & { checks: SuitabilityCheck[] }>> {
    const all = (await this.ranked(principal, session.prisonId, session.date, session.period, plan, held)).filter((c) => matches(c, q));
    const shown = all.slice(0, limit);
    const extra = alsoShow && !shown.some((c) => c.id === alsoShow) ? all.find((c) => c.id === alsoShow) : undefined;
    if (extra) shown.unshift(extra);
    const result = await this.suitability.forHalfDay(
      session.prisonId,
      session.date,
      session.period,
      shown.map((c) => c.id),
      principal,
      [session.id],
    );
    return {
      items: shown.map((c) => ({ ...c, checks: result.checks.get(c.id)?.get(session.id) ?? [] })),
      total: all.length,
      limit,
    };
  }

  /** The half-day view: free prisoners (no session that half-day), ranked, each checked against every session shown. */
  async forHalfDay(
    principal: Principal,
    prisonId: string,
    date: string,
    period: DayPeriod,
    plan: WeekPlanDto,
    q: string | undefined,
    limit: number,
    activityIds: readonly string[] | undefined,
  ): Promise<CandidatePage<Candidate & { checks: Map<string, SuitabilityCheck[]> }> & { sessions: HalfDaySession[] }> {
    const free = (await this.ranked(principal, prisonId, date, period, plan)).filter((c) => !c.busy && matches(c, q));
    const shown = free.slice(0, limit);
    const sessionIds = plan.activities
      .filter((a) => !activityIds || activityIds.includes(a.activityId))
      .flatMap((a) => a.sessions.filter((s) => s.date === date && s.period === period && !s.cancelled).map((s) => s.sessionId));
    const result = await this.suitability.forHalfDay(
      prisonId,
      date,
      period,
      shown.map((c) => c.id),
      principal,
      sessionIds,
    );
    return {
      items: shown.map((c) => ({ ...c, checks: result.checks.get(c.id) ?? new Map<string, SuitabilityCheck[]>() })),
      total: free.length,
      limit,
      sessions: result.sessions,
    };
  }
}
