import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { CustodyService } from './custody.service';
import { CreatePrisonerDto, MovePrisonerDto } from './dto/custody-commands.dto';
import { CustodyPeriodDto, PrisonerDto, PrisonerListQueryDto, PrisonerPageDto, PrisonPrisonerListQueryDto } from './dto/prisoner.dto';
import { PrisonersService } from './prisoners.service';

// Personal data: officers and managers of the prisoner's prison, and national administrators.
// Teachers see prisoners only through their rosters, with teacher-safe fields.
@ApiTags('prisoners')
@Controller()
export class PrisonersController {
  constructor(
    private readonly prisoners: PrisonersService,
    private readonly custody: CustodyService,
  ) {}

  @Post('prisoners')
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @ApiOperation({ summary: 'Admit a prisoner: the person and their first custody period, in one transaction' })
  @ApiCreatedResponse({ type: PrisonerDto })
  @ApiBadRequestResponse({ description: 'Invalid input; every bad field is named' })
  @ApiConflictResponse({ description: 'The prisoner number is taken' })
  @ApiUnprocessableEntityResponse({ description: 'The unit is not at that prison' })
  async admit(@Body() dto: CreatePrisonerDto, @CurrentPrincipal() principal: Principal): Promise<PrisonerDto> {
    const id = await this.custody.admit(dto, principal);
    return this.prisoners.get(id, principal, dto.admission.fromDate);
  }

  @Post('prisoners/:id/moves')
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @HttpCode(204)
  @ApiOperation({ summary: 'Transfer a prisoner to another prison, or release them, from a date' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'No open custody period, or the new period would overlap another' })
  @ApiUnprocessableEntityResponse({ description: 'Date before arrival, or unit not at the receiving prison' })
  @Audited({ action: 'custody.move', subjectType: 'prisoner', subjectIsPrisoner: true })
  move(@Param('id', UuidParam) id: string, @Body() dto: MovePrisonerDto, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.custody.move(id, dto, principal);
  }

  @Get('prisoners')
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'prisoner.list', subjectType: 'prisoner' })
  @ApiOperation({
    summary: 'Prisoners held on a date (default today) at the prisons I serve, filterable by prison, unit, legal status and name',
  })
  @ApiOkResponse({ type: PrisonerPageDto })
  list(@Query() q: PrisonerListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.prisoners.listHeld(q, principal);
  }

  @Get('prisons/:prisonId/prisoners')
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'prisoner.list', subjectType: 'prisoner' })
  @ApiOperation({ summary: 'Prisoners held at a prison on a date (default today)' })
  @ApiOkResponse({ type: PrisonerPageDto })
  @ApiNotFoundResponse()
  listAtPrison(
    @Param('prisonId', UuidParam) prisonId: string,
    @Query() q: PrisonPrisonerListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.prisoners.listHeld(Object.assign(new PrisonerListQueryDto(), q, { prisonId }), principal);
  }

  @Get('prisoners/:id')
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'prisoner.read', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOkResponse({ type: PrisonerDto })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<PrisonerDto> {
    return this.prisoners.get(id, principal);
  }

  @Get('prisoners/:id/custody-periods')
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'prisoner.custody.read', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: "A prisoner's stays, oldest first" })
  @ApiOkResponse({ type: [CustodyPeriodDto] })
  @ApiNotFoundResponse()
  custodyPeriods(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<CustodyPeriodDto[]> {
    return this.prisoners.custodyPeriods(id, principal);
  }
}
