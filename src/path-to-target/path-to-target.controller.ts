import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
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
import { ComingWeeksService } from './coming-weeks.service';
import { ComingWeeksDto, ComingWeeksQueryDto, NationalOfferDto, NationalOfferQueryDto, WeekAnalysisDto } from './dto/path-to-target.dto';
import { PathToTargetService } from './path-to-target.service';

// Aggregates (coming weeks) for managers and national administrators, any scope, like the activity rate;
// a prison's week analysis for the managers of that prison; the national offer shortfall for national administrators.
@ApiTags('path-to-target')
@Controller('path-to-target')
export class PathToTargetController {
  constructor(
    private readonly weeks: ComingWeeksService,
    private readonly path: PathToTargetService,
  ) {}

  @Get('coming-weeks')
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @ApiOperation({
    summary: 'Planned activity rate of the next 4–8 ISO weeks (bookings, custody, known release dates) with the gap to the target in days',
  })
  @ApiOkResponse({ type: ComingWeeksDto })
  @ApiBadRequestResponse({ description: 'scope/id mismatch, weeks outside 4–8' })
  @ApiNotFoundResponse({ description: 'No such region or prison' })
  comingWeeks(@Query() q: ComingWeeksQueryDto, @CurrentPrincipal() principal: Principal): Promise<ComingWeeksDto> {
    return this.weeks.comingWeeks(q, principal);
  }

  @Get('prisons/:id/weeks/:week')
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'path-to-target.week.read', subjectType: 'prison' })
  @ApiOperation({
    summary:
      'A prison’s coming week: the gap split in three (better planning, beyond today’s offer, expected realised loss) and the capacity what-if',
    description:
      'Runs the planner on the week as it is, then finds the fewest added places (more places in running sessions up to the activity’s ' +
      'max_capacity, or an activity opened on a half-day without a session) that lift the proven ceiling to the target, and re-runs the ' +
      'planner on the changed week: predicted and confirmed ceilings side by side.',
  })
  @ApiParam({ name: 'week', example: '2026-W50' })
  @ApiOkResponse({ type: WeekAnalysisDto })
  @ApiNotFoundResponse({ description: 'No such prison, or not one of the manager’s prisons' })
  @ApiUnprocessableEntityResponse({ description: 'Not a coming week, or nothing to plan in it' })
  weekAnalysis(
    @Param('id', UuidParam) id: string,
    @Param('week', IsoWeekParam) week: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WeekAnalysisDto> {
    return this.path.weekAnalysis(id, week, principal);
  }

  @Get('weeks/:week/offer')
  @Allow(Role.NATIONAL_ADMIN)
  @ApiOperation({
    summary: 'Prisons short of offer for a coming week: places per half-day by kind that lift each to the target, by days gained',
  })
  @ApiParam({ name: 'week', example: '2026-W50' })
  @ApiOkResponse({ type: NationalOfferDto })
  @ApiForbiddenResponse({ description: 'Not a national administrator' })
  @ApiNotFoundResponse({ description: 'No such region' })
  @ApiUnprocessableEntityResponse({ description: 'Not a coming week' })
  nationalOffer(
    @Param('week', IsoWeekParam) week: string,
    @Query() q: NationalOfferQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NationalOfferDto> {
    return this.path.nationalOffer(week, principal, q.regionId);
  }
}
