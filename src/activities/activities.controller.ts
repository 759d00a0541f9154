import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { ActivitiesService } from './activities.service';
import { ActivityDetailDto, ActivityListQueryDto, ActivityPageDto } from './dto/activity.dto';

@ApiTags('activities')
@Controller('activities')
@Allow(Role.OFFICER, Role.TEACHER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  @ApiOperation({ summary: 'Workshops, school classes and programmes of the prisons I serve, optionally for one prison or kind' })
  @ApiOkResponse({ type: ActivityPageDto })
  list(@Query() q: ActivityListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.list(q, principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An activity with its weekly AM/PM slots' })
  @ApiOkResponse({ type: ActivityDetailDto })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<ActivityDetailDto> {
    return this.activities.get(id, principal);
  }
}
