import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { IsoWeekParam } from '../common/http/iso-week-param';
import { UuidParam } from '../common/http/uuid-param';
import { NoActivityListDto, PrisonerWeekDto, WeekPlanDto } from './dto/week-plan.dto';
import { WeekPlanService } from './week-plan.service';

@ApiTags('week plan')
@Controller()
@Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class WeekPlanController {
  constructor(private readonly weekPlan: WeekPlanService) {}

  @Get('prisons/:prisonId/weeks/:week/plan')
  @Audited({ action: 'week-plan.read', subjectType: 'prison', subjectParam: 'prisonId' })
  @ApiOperation({
    summary:
      "The officer's planner: every activity × day × AM/PM with capacity, allocated, free, staff, cancellation and the prisoners with clash flags",
  })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiOkResponse({
    type: WeekPlanDto,
    headers: { ETag: { description: 'Changes with any write to the plan; send it back as If-None-Match' } },
  })
  @ApiResponse({ status: 304, description: 'If-None-Match is the current ETag: the plan has not changed' })
  @ApiNotFoundResponse()
  async plan(
    @Param('prisonId', UuidParam) prisonId: string,
    @Param('week', IsoWeekParam) week: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const version = await this.weekPlan.planVersion(prisonId, principal);
    if (version.etag) res.setHeader('ETag', version.etag);
    res.type('application/json');
    // Express answers 304 by itself when If-None-Match is this ETag (req.fresh): nothing to compute then.
    return req.fresh ? '' : this.weekPlan.weekPlanJson(week, version);
  }

  @Get('prisons/:prisonId/weeks/:week/no-activity')
  @Audited({ action: 'no-activity.read', subjectType: 'prison', subjectParam: 'prisonId' })
  @ApiOperation({
    summary: 'The to-do list: prisoner-days of the week with no planned activity, and why (no allocation, unavailable, cancelled)',
  })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiOkResponse({ type: NoActivityListDto })
  @ApiNotFoundResponse()
  noActivity(
    @Param('prisonId', UuidParam) prisonId: string,
    @Param('week', IsoWeekParam) week: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NoActivityListDto> {
    return this.weekPlan.noActivity(prisonId, week, principal);
  }

  @Get('prisoners/:id/weeks/:week')
  @Audited({ action: 'timetable.read', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: "A prisoner's week timetable: sessions, unavailability and custody per day" })
  @ApiParam({ name: 'week', example: '2026-W49' })
  @ApiOkResponse({ type: PrisonerWeekDto })
  @ApiNotFoundResponse()
  prisonerWeek(
    @Param('id', UuidParam) id: string,
    @Param('week', IsoWeekParam) week: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PrisonerWeekDto> {
    return this.weekPlan.prisonerWeek(id, week, principal);
  }
}
