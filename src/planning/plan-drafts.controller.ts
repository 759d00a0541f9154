import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { IsoWeekParam } from '../common/http/iso-week-param';
import { UuidParam } from '../common/http/uuid-param';
import { ApplyDraftDto, PartPreviewDto, PlanDraftDto, PlanDraftSummaryDto } from './dto/plan-draft.dto';
import type { PartChoice } from './domain/draft-diff';
import { PlanDraftApplyService } from './plan-draft-apply.service';
import { PlanDraftUndoService } from './plan-draft-undo.service';
import { PlanDraftsService } from './plan-drafts.service';

@ApiTags('planner')
@Controller('prisons/:prisonId/weeks/:week/plan-drafts')
@Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class PlanDraftsController {
  constructor(
    private readonly drafts: PlanDraftsService,
    private readonly applier: PlanDraftApplyService,
    private readonly undoer: PlanDraftUndoService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Run the automatic planner on the current data of the week and store the proposal as a draft',
    description:
      'Plans the counted days of the week from today on. The draft holds the proposed sessions per prisoner, the diff against the current bookings ' +
      '(added, removed, moved), the predicted planned activity rate before and after, the proven upper bound, and why each prisoner-day left without ' +
      'activity could not be filled. Older unapplied drafts of the week are superseded.',
  })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiCreatedResponse({ type: PlanDraftDto })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({ description: 'The week has no counted days left to plan' })
  create(
    @Param('prisonId', UuidParam) prisonId: string,
    @Param('week', IsoWeekParam) week: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlanDraftDto> {
    return this.drafts.create(prisonId, week, principal);
  }

  @Get()
  @Audited({ action: 'plan-draft.list', subjectType: 'prison', subjectParam: 'prisonId' })
  @ApiOperation({ summary: "The week's drafts, latest first (summary: status, predicted rate, bound)" })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiOkResponse({ type: [PlanDraftSummaryDto] })
  @ApiNotFoundResponse()
  list(
    @Param('prisonId', UuidParam) prisonId: string,
    @Param('week', IsoWeekParam) week: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlanDraftSummaryDto[]> {
    return this.drafts.list(prisonId, week, principal);
  }

  @Get(':id')
  @Audited({ action: 'plan-draft.read', subjectType: 'plan-draft' })
  @ApiOperation({ summary: 'One draft: metrics and bound, predicted rate, diff per prisoner, allocation changes, explanations, conflicts' })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiOkResponse({ type: PlanDraftDto })
  @ApiNotFoundResponse()
  get(
    @Param('prisonId', UuidParam) prisonId: string,
    @Param('week', IsoWeekParam) week: string,
    @Param('id', UuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlanDraftDto> {
    return this.drafts.get(prisonId, week, id, principal);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @Audited({ action: 'plan-draft.apply', subjectType: 'plan-draft' })
  @ApiOperation({
    summary: 'Apply the draft, or a part of it, in one transaction: allocations changed, every rule re-checked, bookings made',
    description:
      'Without a body (or with empty lists) everything of the draft not applied yet is applied. With activityIds and/or unitIds only the ' +
      'changes to those activities / of prisoners in those units are applied, with every other change of the same prisoners that frees or takes one of ' +
      'their half-days (a move between activities is applied whole); the draft becomes PARTIAL, or APPLIED once nothing is left, and the rest is ' +
      'checked against the week as the part left it. Answers 409, writing nothing, when the data of the week changed since (details say what changed; ' +
      'an unapplied draft becomes STALE), when a rule fails on the locked rows (details list the failed checks), or when the draft is not the ' +
      'latest unapplied one of the week; 422 when nothing of the part is left to apply.',
  })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiOkResponse({ type: PlanDraftDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale draft, a broken rule, already applied or superseded' })
  @ApiUnprocessableEntityResponse({ description: 'Nothing of the part chosen is left to apply' })
  apply(
    @Param('prisonId', UuidParam) prisonId: string,
    @Param('week', IsoWeekParam) week: string,
    @Param('id', UuidParam) id: string,
    @Body() body: ApplyDraftDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlanDraftDto> {
    return this.applier.apply(prisonId, week, id, principal, partOf(body));
  }

  @Post(':id/apply-preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What applying the part would change (counts for a confirmation); writes nothing' })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiOkResponse({ type: PartPreviewDto })
  @ApiNotFoundResponse()
  preview(
    @Param('prisonId', UuidParam) prisonId: string,
    @Param('week', IsoWeekParam) week: string,
    @Param('id', UuidParam) id: string,
    @Body() body: ApplyDraftDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PartPreviewDto> {
    return this.applier.preview(prisonId, week, id, principal, partOf(body));
  }

  @Post(':id/undo')
  @HttpCode(200)
  @Audited({ action: 'plan-draft.undo', subjectType: 'plan-draft' })
  @ApiOperation({
    summary: "Undo the draft's latest apply (all of it, or the latest part): the allocations as they were before it, as a new change",
    description:
      'Removes the allocations the apply created, gives those it ended their previous end, brings back those it removed, and books them again; ' +
      "the week's bookings of every prisoner it changed must then be what they were before. Applies are undone latest first. Answers 409, writing " +
      'nothing, when nothing is applied, when the first day the apply changed has passed, when attendance is recorded on a booking it changed, ' +
      "or when those prisoners' allocations or bookings changed since.",
  })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiOkResponse({ type: PlanDraftDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Nothing to undo, too late, attendance recorded, or changed since' })
  undo(
    @Param('prisonId', UuidParam) prisonId: string,
    @Param('week', IsoWeekParam) week: string,
    @Param('id', UuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlanDraftDto> {
    return this.undoer.undo(prisonId, week, id, principal);
  }
}

/** The part asked for; none when no list names anything. */
export function partOf(body: ApplyDraftDto | undefined): PartChoice | null {
  const activityIds = body?.activityIds ?? [];
  const unitIds = body?.unitIds ?? [];
  return activityIds.length === 0 && unitIds.length === 0 ? null : { activityIds, unitIds };
}
