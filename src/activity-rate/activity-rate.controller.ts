import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { ActivityRateService } from './activity-rate.service';
import {
  ActivityRateDto,
  ActivityRateQueryDto,
  DateRangeQueryDto,
  LeastActiveDto,
  LeastActiveQueryDto,
  PrisonerDaysDto,
  RebuildPrisonerDaysDto,
  RebuildResultDto,
} from './dto/activity-rate.dto';

// Aggregated rates: managers and national administrators for any scope, officers for their own prison.
// The drill-down to prisoners and days is personal data: managers of the prison and national administrators.
@ApiTags('activity-rate')
@Controller()
export class ActivityRateController {
  constructor(private readonly rates: ActivityRateService) {}

  @Get('activity-rate')
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @ApiOperation({
    summary:
      'Activity rate (planned and realised, weighted by prisoner-days) for the nation, a region, a prison or a unit, optionally broken down',
  })
  @ApiOkResponse({ type: ActivityRateDto })
  @ApiBadRequestResponse({ description: 'Bad range (from after to, more than five years) or scope/id mismatch' })
  @ApiForbiddenResponse({ description: 'Officers: national and regional figures' })
  @ApiNotFoundResponse({ description: 'No such region, prison or unit (or, for officers, not their prison)' })
  rate(@Query() q: ActivityRateQueryDto, @CurrentPrincipal() principal: Principal): Promise<ActivityRateDto> {
    return this.rates.rate(q, principal);
  }

  @Get('prisons/:id/activity-rate/least-active')
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'activity-rate.least-active.read', subjectType: 'prison' })
  @ApiOperation({ summary: 'The prisoners of a prison with the lowest realised activity rate over a period' })
  @ApiOkResponse({ type: LeastActiveDto })
  @ApiNotFoundResponse()
  leastActive(
    @Param('id', UuidParam) id: string,
    @Query() q: LeastActiveQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LeastActiveDto> {
    return this.rates.leastActive(id, q, principal);
  }

  @Get('prisoners/:id/days')
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'prisoner.days.read', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: "A prisoner's counted days, one by one, with the reason of each non-active day (days at your prisons only)" })
  @ApiOkResponse({ type: PrisonerDaysDto })
  @ApiNotFoundResponse()
  days(
    @Param('id', UuidParam) id: string,
    @Query() q: DateRangeQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PrisonerDaysDto> {
    return this.rates.daysOf(id, q, principal);
  }

  @Post('activity-rate/rebuild')
  @Allow(Role.NATIONAL_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute prisoner-days for a range (whole country, or the prisoners of one prison); idempotent' })
  @ApiOkResponse({ type: RebuildResultDto })
  @ApiNotFoundResponse()
  rebuild(@Body() dto: RebuildPrisonerDaysDto): Promise<RebuildResultDto> {
    return this.rates.rebuild(dto);
  }
}
