import { Body, Get, Param, Post, Query, Redirect, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DayPeriod } from '../../activities/activity.enums';
import { readCookie } from '../../auth/web-session';
import { DeallocationReason } from '../../allocations/allocation.enums';
import { SuitabilityCheck } from '../../allocations/domain/suitability';
import type { RemovedFrom } from '../../allocations/allocations.service';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { addDays, isValidIsoDate } from '../../calendar/domain/oslo-time';
import { Clock } from '../../common/clock';
import { statusForKind } from '../../common/errors/domain-exception.filter';
import { DomainError } from '../../common/errors/domain-errors';
import { checkedIsoDate } from '../../common/http/date-window';
import { UuidParam } from '../../common/http/uuid-param';
import { PlanDraftsService } from '../../planning/plan-drafts.service';
import { formatDate } from '../shared/format';
import { field } from '../shared/forms';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { errorText } from '../shared/rule-text';
import { WebPageError } from '../shared/web-errors';
import { WebController } from '../shared/web-guards';
import { rememberPlannerPrefs, WEB_PREFIX } from '../shared/web-request';
import { PlannerPagesService, SessionContext } from './planner-pages.service';
import { limitOf, PlannerCandidatesService } from './candidates.service';
import { halfDayPage } from './half-day.page';
import { filteredActivities, myActivityIds, PLANNER_PREFS_COOKIE, plannerFilterOf, rememberedPrefs, unitsOf } from './planner-filter';
import { printPage } from './print.page';
import { PATTERN_CHOICES, PatternChoice, sessionPage, SessionView } from './session.page';
import { weekGridPage } from './week-grid.page';

type RedirectTo = { url: string; statusCode: number };
const PLANNERS = [Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN];

const asPattern = (v: string | undefined): PatternChoice => PATTERN_CHOICES.find((c) => c === v) ?? 'ONCE';

/** The officers' week planner: the grid, a session with add/remove and suitability, the day's print view. */
@WebController('planner')
export class PlannerController {
  constructor(
    private readonly pages: PlannerPagesService,
    private readonly drafts: PlanDraftsService,
    private readonly clock: Clock,
    private readonly candidates: PlannerCandidatesService,
  ) {}

  @Get()
  @Allow(...PLANNERS)
  @Audited({ action: 'web.week-plan.read', subjectType: 'prison' })
  async week(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Query() q: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const v = await this.pages.week(principal, queryString(q, 'prisonId'), queryString(q, 'week'));
    const filter = plannerFilterOf(q, readCookie(req, PLANNER_PREFS_COOKIE), v.plan, principal);
    // The officer's choice of "my/all activities" and counts/names is remembered for the next visit.
    if (queryString(q, 'scope') || queryString(q, 'mode')) rememberPlannerPrefs(req, res, PLANNER_PREFS_COOKIE, rememberedPrefs(filter));
    return weekGridPage(ctx, {
      ...v,
      drafts: await this.drafts.list(v.prison.id, v.week, principal),
      filter,
      shown: filteredActivities(v.plan, filter, principal),
      units: unitsOf(v.plan, v.noActivity.days),
      hasMine: myActivityIds(v.plan, principal).size > 0,
    });
  }

  @Get('half-day')
  @Allow(...PLANNERS)
  @Audited({ action: 'web.half-day.read', subjectType: 'prison' })
  async halfDay(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const date = queryString(q, 'date') ?? addDays(this.clock.today(), 7);
    checkedIsoDate(date);
    const period = queryString(q, 'period') === DayPeriod.PM ? DayPeriod.PM : DayPeriod.AM;
    const { prison, plan } = await this.pages.day(principal, queryString(q, 'prisonId'), date);
    const activityId = plan.activities.find((a) => a.activityId === queryString(q, 'activity'))?.activityId;
    const search = queryString(q, 'q');
    const page = await this.candidates.forHalfDay(
      principal,
      prison.id,
      date,
      period,
      plan,
      search,
      limitOf(queryString(q, 'limit')),
      activityId ? [activityId] : undefined,
    );
    return halfDayPage(ctx, { prison, date, period, plan, q: search, activityId, page });
  }

  @Get('print')
  @Allow(...PLANNERS)
  @Audited({ action: 'web.day-rosters.read', subjectType: 'prison' })
  async print(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const date = queryString(q, 'date') ?? this.clock.today();
    checkedIsoDate(date);
    const { prison, plan } = await this.pages.day(principal, queryString(q, 'prisonId'), date);
    // One activity's rosters (a workshop prints its own), or the whole day without a choice.
    return printPage(ctx, prison, date, plan, queryString(q, 'activity') || undefined);
  }

  @Get('sessions/:id')
  @Allow(...PLANNERS)
  @Audited({ action: 'web.session-roster.read', subjectType: 'session' })
  async session(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() q: Record<string, unknown>,
  ): Promise<string> {
    const c = await this.pages.sessionContext(principal, id);
    const names = this.pages.namesOf(c);
    const added = queryString(q, 'added');
    const removed = queryString(q, 'removed');
    const from = queryString(q, 'from');
    const flash = added
      ? ctx.t('session.added', { name: names.get(added) ?? '' })
      : removed && from && isValidIsoDate(from)
        ? ctx.t(queryString(q, 'kept') === '1' ? 'session.removedKeptToday' : 'session.removed', {
            name: names.get(removed) ?? '',
            date: formatDate(from),
          })
        : undefined;
    const search = { q: queryString(q, 'q'), limit: limitOf(queryString(q, 'limit')) };
    const checkFor = queryString(q, 'check');
    if (checkFor) {
      // The result of "check suitability" (post/redirect/get: a reload only reads again).
      const pattern = asPattern(queryString(q, 'pattern'));
      try {
        const result = await this.pages.check(principal, this.pages.request(c.session, checkFor, pattern));
        const checks = this.checksView(c, checkFor, result.checks, false);
        return sessionPage(ctx, await this.view(principal, c, { selected: checkFor, pattern, checks }, search));
      } catch (e) {
        throw await this.formError(ctx, principal, c, e, checkFor, pattern, search);
      }
    }
    return sessionPage(ctx, await this.view(principal, c, { pattern: 'ONCE', flash }, search));
  }

  @Post('sessions/:id/check')
  @Allow(...PLANNERS)
  @Redirect(WEB_PREFIX, 303)
  async check(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const c = await this.pages.sessionContext(principal, id);
    const prisonerId = field(body, 'prisonerId') ?? '';
    const pattern = asPattern(field(body, 'pattern'));
    const q = field(body, 'q');
    try {
      // Checked here too, so an unknown or another prison's prisoner is answered as before (404), not redirected.
      await this.pages.check(principal, this.pages.request(c.session, prisonerId, pattern));
    } catch (e) {
      throw await this.formError(ctx, principal, c, e, prisonerId, pattern, { q, limit: limitOf(undefined) });
    }
    // Post/redirect/get: the result is a page of its own, so a reload only reads again.
    const params = new URLSearchParams({ check: prisonerId, pattern });
    if (q) params.set('q', q);
    return { url: `${WEB_PREFIX}/planner/sessions/${id}?${params.toString()}#checks`, statusCode: 303 };
  }

  @Post('sessions/:id/allocations')
  @Allow(...PLANNERS)
  @Redirect(WEB_PREFIX, 303)
  async allocate(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const c = await this.pages.sessionContext(principal, id);
    const prisonerId = field(body, 'prisonerId') ?? '';
    const pattern = asPattern(field(body, 'pattern'));
    try {
      await this.pages.allocate(principal, this.pages.request(c.session, prisonerId, pattern));
    } catch (e) {
      throw await this.formError(ctx, principal, c, e, prisonerId, pattern, { q: field(body, 'q'), limit: limitOf(undefined) });
    }
    return { url: `${WEB_PREFIX}/planner/sessions/${id}?added=${prisonerId}#flash`, statusCode: 303 };
  }

  @Post('sessions/:id/remove')
  @Allow(...PLANNERS)
  @Redirect(WEB_PREFIX, 303)
  async remove(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const c = await this.pages.sessionContext(principal, id);
    const prisonerId = field(body, 'prisonerId') ?? '';
    const reason =
      Object.values(DeallocationReason).find((r) => r === field(body, 'reason') && r !== DeallocationReason.OTHER) ??
      DeallocationReason.WITHDRAWN_BY_STAFF;
    let removed: RemovedFrom;
    try {
      removed = await this.pages.remove(principal, c, prisonerId, reason);
    } catch (e) {
      throw await this.formError(ctx, principal, c, e, undefined, 'ONCE');
    }
    const kept = removed.keptToday ? '&kept=1' : '';
    return { url: `${WEB_PREFIX}/planner/sessions/${id}?removed=${prisonerId}&from=${removed.from}${kept}#flash`, statusCode: 303 };
  }

  @Post('sessions/:id/lock')
  @Allow(...PLANNERS)
  @Redirect(WEB_PREFIX, 303)
  async lock(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const c = await this.pages.sessionContext(principal, id);
    try {
      await this.pages.setLocked(principal, c, field(body, 'prisonerId') ?? '', field(body, 'locked') === 'true');
    } catch (e) {
      throw await this.formError(ctx, principal, c, e, undefined, 'ONCE');
    }
    return { url: `${WEB_PREFIX}/planner/sessions/${id}`, statusCode: 303 };
  }

  private async view(
    principal: Principal,
    c: SessionContext,
    extra: Partial<SessionView> & { pattern: PatternChoice },
    search: { q?: string; limit: number } = { limit: limitOf(undefined) },
  ): Promise<SessionView> {
    const locked = new Set([...c.allocations.values()].filter((a) => a.locked).map((a) => a.prisonerId));
    const held = [...c.free, ...c.busy];
    const page = await this.candidates.forSession(principal, c.session, c.plan, search.q, search.limit, extra.selected, held);
    const picker = { ...page, q: search.q };
    return { session: c.session, roster: this.pages.rosterOf(c), free: c.free, busy: c.busy, locked, picker, ...extra };
  }

  private checksView(c: SessionContext, prisonerId: string, checks: SuitabilityCheck[], refused: boolean) {
    const names = this.pages.namesOf(c);
    return { prisonerName: names.get(prisonerId) ?? prisonerId, checks, refused, names };
  }

  /** A refused form: the session page again, with the failed checks or the service's message, and its status. */
  private async formError(
    ctx: WebContext,
    principal: Principal,
    c: SessionContext,
    e: unknown,
    prisonerId: string | undefined,
    pattern: PatternChoice,
    search?: { q?: string; limit: number },
  ): Promise<unknown> {
    if (!(e instanceof DomainError)) return e;
    const status = statusForKind(e.kind);
    const failedChecks = (e.details as { failedChecks?: SuitabilityCheck[] } | undefined)?.failedChecks;
    const view =
      failedChecks && prisonerId
        ? await this.view(
            principal,
            c,
            { selected: prisonerId, pattern, checks: this.checksView(c, prisonerId, failedChecks, true) },
            search,
          )
        : await this.view(principal, c, { selected: prisonerId, pattern, error: errorText(ctx.lang, e) }, search);
    return new WebPageError(sessionPage(ctx, view), status);
  }
}
