import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import { DeallocationReason } from '../../allocations/allocation.enums';
import { SuitabilityCheck } from '../../allocations/domain/suitability';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { isValidIsoDate } from '../../calendar/domain/oslo-time';
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
import { WEB_PREFIX } from '../shared/web-request';
import { PlannerPagesService, SessionContext } from './planner-pages.service';
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
  ) {}

  @Get()
  @Allow(...PLANNERS)
  @Audited({ action: 'web.week-plan.read', subjectType: 'prison' })
  async week(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const v = await this.pages.week(principal, queryString(q, 'prisonId'), queryString(q, 'week'));
    return weekGridPage(ctx, { ...v, drafts: await this.drafts.list(v.prison.id, v.week, principal) });
  }

  @Get('print')
  @Allow(...PLANNERS)
  @Audited({ action: 'web.day-rosters.read', subjectType: 'prison' })
  async print(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const date = queryString(q, 'date') ?? this.clock.today();
    checkedIsoDate(date);
    const { prison, plan } = await this.pages.day(principal, queryString(q, 'prisonId'), date);
    return printPage(ctx, prison, date, plan);
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
        ? ctx.t('session.removed', { name: names.get(removed) ?? '', date: formatDate(from) })
        : undefined;
    return sessionPage(ctx, this.view(c, { pattern: 'ONCE', flash }));
  }

  @Post('sessions/:id/check')
  @Allow(...PLANNERS)
  @Audited({ action: 'web.suitability.read', subjectType: 'session' })
  async check(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<string> {
    const c = await this.pages.sessionContext(principal, id);
    const prisonerId = field(body, 'prisonerId') ?? '';
    const pattern = asPattern(field(body, 'pattern'));
    try {
      const result = await this.pages.check(principal, this.pages.request(c.session, prisonerId, pattern));
      return sessionPage(
        ctx,
        this.view(c, { selected: prisonerId, pattern, checks: this.checksView(c, prisonerId, result.checks, false) }),
      );
    } catch (e) {
      throw this.formError(ctx, c, e, prisonerId, pattern);
    }
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
      throw this.formError(ctx, c, e, prisonerId, pattern);
    }
    return { url: `${WEB_PREFIX}/planner/sessions/${id}?added=${prisonerId}`, statusCode: 303 };
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
    let from: string;
    try {
      from = await this.pages.remove(principal, c, prisonerId, reason);
    } catch (e) {
      throw this.formError(ctx, c, e, undefined, 'ONCE');
    }
    return { url: `${WEB_PREFIX}/planner/sessions/${id}?removed=${prisonerId}&from=${from}`, statusCode: 303 };
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
      throw this.formError(ctx, c, e, undefined, 'ONCE');
    }
    return { url: `${WEB_PREFIX}/planner/sessions/${id}`, statusCode: 303 };
  }

  private view(c: SessionContext, extra: Partial<SessionView> & { pattern: PatternChoice }): SessionView {
    const locked = new Set([...c.allocations.values()].filter((a) => a.locked).map((a) => a.prisonerId));
    return { session: c.session, roster: this.pages.rosterOf(c), free: c.free, busy: c.busy, locked, ...extra };
  }

  private checksView(c: SessionContext, prisonerId: string, checks: SuitabilityCheck[], refused: boolean) {
    const names = this.pages.namesOf(c);
    return { prisonerName: names.get(prisonerId) ?? prisonerId, checks, refused, names };
  }

  /** A refused form: the session page again, with the failed checks or the service's message, and its status. */
  private formError(ctx: WebContext, c: SessionContext, e: unknown, prisonerId: string | undefined, pattern: PatternChoice): unknown {
    if (!(e instanceof DomainError)) return e;
    const status = statusForKind(e.kind);
    const failedChecks = (e.details as { failedChecks?: SuitabilityCheck[] } | undefined)?.failedChecks;
    const view =
      failedChecks && prisonerId
        ? this.view(c, { selected: prisonerId, pattern, checks: this.checksView(c, prisonerId, failedChecks, true) })
        : this.view(c, { selected: prisonerId, pattern, error: errorText(ctx.lang, e) });
    return new WebPageError(sessionPage(ctx, view), status);
  }
}
