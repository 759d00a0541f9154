import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { ActivitiesService } from './activities.service';
import { ActivityWritesService } from './activity-writes.service';
import { ActivityDetailDto, ActivityListQueryDto, ActivityPageDto } from './dto/activity.dto';
import { ActivityChangeDto, CreateActivityDto, ReplaceSlotsDto, UpdateActivityDto } from './dto/activity-commands.dto';

@ApiTags('activities')
@Controller()
@Allow(Role.OFFICER, Role.TEACHER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly writes: ActivityWritesService,
  ) {}

  @Get('activities')
  @ApiOperation({ summary: 'Workshops, school classes and programmes of the prisons I serve, optionally for one prison or kind' })
  @ApiOkResponse({ type: ActivityPageDto })
  list(@Query() q: ActivityListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.list(q, principal);
  }

  @Get('activities/:id')
  @ApiOperation({ summary: 'An activity with its weekly AM/PM slots' })
  @ApiOkResponse({ type: ActivityDetailDto })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<ActivityDetailDto> {
    return this.activities.get(id, principal);
  }

  @Post('prisons/:prisonId/activities')
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'activity.create', subjectType: 'activity' })
  @ApiOperation({ summary: 'Create an activity with its weekly slots; its sessions are generated to the horizon end' })
  @ApiCreatedResponse({ type: ActivityChangeDto })
  @ApiBadRequestResponse({
    description: 'Invalid input, duplicate slots, or a staff member not serving the prison; every problem is named',
  })
  @ApiNotFoundResponse()
  create(
    @Param('prisonId', UuidParam) prisonId: string,
    @Body() dto: CreateActivityDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActivityChangeDto> {
    return this.writes.create(prisonId, dto, principal);
  }

  @Patch('activities/:id')
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'activity.update', subjectType: 'activity' })
  @ApiOperation({ summary: 'Change an activity (absent fields stay); future sessions follow, past ones are untouched' })
  @ApiOkResponse({ type: ActivityChangeDto })
  @ApiBadRequestResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The new capacity is below the bookings of future sessions (listed in details); nothing changed' })
  update(
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateActivityDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActivityChangeDto> {
    return this.writes.update(id, dto, principal);
  }

  @Put('activities/:id/slots')
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'activity.slots.replace', subjectType: 'activity' })
  @ApiOperation({
    summary: 'Replace the weekly slots; sessions from tomorrow on are regenerated, past ones and those with attendance kept',
  })
  @ApiOkResponse({ type: ActivityChangeDto })
  @ApiBadRequestResponse({ description: 'Invalid slots, duplicates, or a staff member not serving the prison' })
  @ApiNotFoundResponse()
  replaceSlots(
    @Param('id', UuidParam) id: string,
    @Body() dto: ReplaceSlotsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActivityChangeDto> {
    return this.writes.replaceSlots(id, dto.slots, principal);
  }
}
