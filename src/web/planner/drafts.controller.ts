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
import { PlanDraftUndoService } from '../../planning/plan-draft-undo.service';
import type { PartChoice } from '../../planning/domain/draft-diff';
import type { PlanDraftDto } from '../../planning/dto/plan-draft.dto';
import { OrganisationService } from '../../organisation/organisation.service';
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
    private readonly draftUndoer: PlanDraftUndoService,
    private readonly organisation: OrganisationService,
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
    const filter = { activityId: queryString(q, 'activity'), unit: queryString(q, 'unit'), q: queryString(q, 'q') };
    const applied = queryString(q, 'applied');
    const flash = applied
      ? ctx.t(applied === 'part' ? 'plan.draft.partApplied' : 'planner.draft.applied')
      : queryString(q, 'undone')
        ? // Undoing the latest of several applies leaves the earlier parts in force: say so.
          ctx.t(draft.status === 'PARTIAL' ? 'plan.draft.undoneLatest' : 'plan.draft.undone')
        : undefined;
    const c = queryString(q, 'confirm');
    const confirm = c === '1' ? 'all' : c === 'part' || c === 'undo' ? c : undefined;
    const units = await this.unitsOf(principal, prison.id, week);
    const unitNames = await this.unitNames(prison.id);
    // The confirmation of a part (or of the rest of a draft applied in part) shows what it would change.
    const preview =
      confirm === 'part' || (confirm === 'all' && draft.status === 'PARTIAL')
        ? await this.draftApplier.preview(
            prison.id,
            week,
            id,
            principal,
            confirm === 'part' ? partOf(filter.activityId, filter.unit, unitNames) : null,
          )
        : undefined;
    return draftPage(ctx, { prison, week, draft, flash, filter, units, unitNames, confirm, preview });
  }

  /** Each prisoner's unit on the Monday of the week (for the diff's unit filter). */
  private async unitsOf(principal: Principal, prisonId: string, week: string): Promise<Map<string, string | null>> {
    const held = await this.pages.heldOn(principal, prisonId, parseIsoWeek(week).monday);
    return new Map(held.map((p) => [p.id, p.unitName]));
  }

  private async unitNames(prisonId: string): Promise<Map<string, string>> {
    return new Map((await this.organisation.listUnits(prisonId)).map((u) => [u.id, u.name]));
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
    const unitNames = await this.unitNames(prison.id);
    const part = partOf(field(body, 'activity'), field(body, 'unit'), unitNames);
    try {
      await this.draftApplier.apply(prison.id, week, id, principal, part);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      throw await this.refused(ctx, principal, prison, week, id, e);
    }
    return {
      url: `${WEB_PREFIX}/planner/drafts/${id}?prisonId=${prison.id}&week=${week}&applied=${part ? 'part' : '1'}#flash`,
      statusCode: 303,
    };
  }

  @Post(':id/undo')
  @Allow(...PLANNERS)
  @Redirect(WEB_PREFIX, 303)
  async undo(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const { prison } = await this.prisonChoice.choose(principal, field(body, 'prisonId'));
    const week = this.pages.weekOrNext(field(body, 'week'));
    try {
      await this.draftUndoer.undo(prison.id, week, id, principal);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      throw await this.refused(ctx, principal, prison, week, id, e);
    }
    return { url: `${WEB_PREFIX}/planner/drafts/${id}?prisonId=${prison.id}&week=${week}&undone=1#flash`, statusCode: 303 };
  }

  /** Stale or refused: the draft again, with what the service said (it marks a stale draft STALE). */
  private async refused(
    ctx: WebContext,
    principal: Principal,
    prison: { id: string; name: string },
    week: string,
    id: string,
    e: DomainError,
  ): Promise<WebPageError> {
    const draft: PlanDraftDto = await this.drafts.get(prison.id, week, id, principal);
    const units = await this.unitsOf(principal, prison.id, week);
    const unitNames = await this.unitNames(prison.id);
    return new WebPageError(
      draftPage(ctx, { prison, week, draft, error: errorText(ctx.lang, e), units, unitNames }),
      statusForKind(e.kind),
    );
  }
}

/** The page's part: the filter's activity and/or unit (by name, as the filter shows it); none for the whole rest. */
function partOf(activityId: string | undefined, unitName: string | undefined, unitNames: Map<string, string>): PartChoice | null {
  const unitId = unitName ? [...unitNames].find(([, name]) => name === unitName)?.[0] : undefined;
  if (!activityId && !unitName) return null;
  // A unit name that is not the prison's chooses nothing (the service answers that nothing is left to apply).
  return { activityIds: activityId ? [activityId] : [], unitIds: unitName ? [unitId ?? '00000000-0000-0000-0000-000000000000'] : [] };
}
