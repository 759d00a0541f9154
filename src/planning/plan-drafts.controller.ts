import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import { PlanDraftDto, PlanDraftSummaryDto } from './dto/plan-draft.dto';
import { PlanDraftApplyService } from './plan-draft-apply.service';
import { PlanDraftsService } from './plan-drafts.service';

@ApiTags('planner')
@Controller('prisons/:prisonId/weeks/:week/plan-drafts')
@Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class PlanDraftsController {
  constructor(
    private readonly drafts: PlanDraftsService,
    private readonly applier: PlanDraftApplyService,
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
  @ApiOperation({
    summary: 'Apply the draft in one transaction: allocations changed, every rule re-checked, bookings made',
    description:
      'Answers 409, writing nothing, when the data of the week changed since the draft was made (details say what changed; the draft becomes STALE), ' +
      'when a rule fails on the locked rows (details list the failed checks), or when the draft is not the latest unapplied one of the week.',
  })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiOkResponse({ type: PlanDraftDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Stale draft, a broken rule, already applied or superseded' })
  apply(
    @Param('prisonId', UuidParam) prisonId: string,
    @Param('week', IsoWeekParam) week: string,
    @Param('id', UuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PlanDraftDto> {
    return this.applier.apply(prisonId, week, id, principal);
  }
}
