import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { statusForKind } from '../../common/errors/domain-exception.filter';
import { DomainError } from '../../common/errors/domain-errors';
import { UuidParam } from '../../common/http/uuid-param';
import { parseIsoWeek } from '../../calendar/domain/iso-week';
import { PlanDraftsService } from '../../planning/plan-drafts.service';
import { PlanDraftApplyService } from '../../planning/plan-draft-apply.service';
import { field } from '../shared/forms';
import { PrisonChoice } from '../shared/prison-choice';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { errorText } from '../shared/rule-text';
import { WebPageError } from '../shared/web-errors';
import { WebController } from '../shared/web-guards';
import { WEB_PREFIX } from '../shared/web-request';
import { draftPage } from './draft.page';
import { PlannerPagesService } from './planner-pages.service';

type RedirectTo = { url: string; statusCode: number };
const PLANNERS = [Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN];

/** The automatic planner: run a draft for the week, read its diff and predicted rate, apply it. */
@WebController('planner/drafts')
export class PlannerDraftsController {
  constructor(
    private readonly drafts: PlanDraftsService,
    private readonly draftApplier: PlanDraftApplyService,
    private readonly pages: PlannerPagesService,
    private readonly prisonChoice: PrisonChoice,
  ) {}

  @Post()
  @Allow(...PLANNERS)
  @Redirect(WEB_PREFIX, 303)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<RedirectTo> {
    const { prison } = await this.prisonChoice.choose(principal, field(body, 'prisonId'));
    const week = this.pages.weekOrNext(field(body, 'week'));
    const draft = await this.drafts.create(prison.id, week, principal);
    return { url: `${WEB_PREFIX}/planner/drafts/${draft.id}?prisonId=${prison.id}&week=${week}`, statusCode: 303 };
  }

  @Get(':id')
  @Allow(...PLANNERS)
  @Audited({ action: 'web.plan-draft.read', subjectType: 'plan-draft' })
  async show(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() q: Record<string, unknown>,
  ): Promise<string> {
    const { prison } = await this.prisonChoice.choose(principal, queryString(q, 'prisonId'));
    const week = this.pages.weekOrNext(queryString(q, 'week'));
    const draft = await this.drafts.get(prison.id, week, id, principal);
    const units = await this.unitsOf(principal, prison.id, week);
    const filter = { activityId: queryString(q, 'activity'), unit: queryString(q, 'unit'), q: queryString(q, 'q') };
    const flash = queryString(q, 'applied') ? ctx.t('planner.draft.applied') : undefined;
    return draftPage(ctx, { prison, week, draft, flash, filter, units, confirm: queryString(q, 'confirm') === '1' });
  }

  /** Each prisoner's unit on the Monday of the week (for the diff's unit filter). */
  private async unitsOf(principal: Principal, prisonId: string, week: string): Promise<Map<string, string | null>> {
    const held = await this.pages.heldOn(principal, prisonId, parseIsoWeek(week).monday);
    return new Map(held.map((p) => [p.id, p.unitName]));
  }

  @Post(':id/apply')
  @Allow(...PLANNERS)
  @Redirect(WEB_PREFIX, 303)
  async apply(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const { prison } = await this.prisonChoice.choose(principal, field(body, 'prisonId'));
    const week = this.pages.weekOrNext(field(body, 'week'));
    try {
      await this.draftApplier.apply(prison.id, week, id, principal);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      // Stale or refused: the draft again, with what the service said (it marks a stale draft STALE).
      const draft = await this.drafts.get(prison.id, week, id, principal);
      const units = await this.unitsOf(principal, prison.id, week);
      throw new WebPageError(draftPage(ctx, { prison, week, draft, error: errorText(ctx.lang, e), units }), statusForKind(e.kind));
    }
    return { url: `${WEB_PREFIX}/planner/drafts/${id}?prisonId=${prison.id}&week=${week}&applied=1#flash`, statusCode: 303 };
  }
}
