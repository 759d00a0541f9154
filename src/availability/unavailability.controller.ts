import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { CreateUnavailabilityDto, UnavailabilityDto, UnavailabilityQueryDto } from './dto/unavailability.dto';
import { UnavailabilityService } from './unavailability.service';

// Officers and managers of the prisoner's prison, and national administrators. Teachers never:
// court dates and health appointments are not theirs to see.
@ApiTags('availability')
@Controller()
@Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class UnavailabilityController {
  constructor(private readonly unavailability: UnavailabilityService) {}

  @Post('prisoners/:id/unavailability')
  @Audited({ action: 'unavailability.create', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: 'Record a time the prisoner cannot attend: whole days, a half-day (period) or a time range' })
  @ApiCreatedResponse({ type: UnavailabilityDto })
  @ApiBadRequestResponse({
    description: 'Invalid input (e.g. toDate before fromDate, period with times, OTHER without a note); nothing is written',
  })
  @ApiNotFoundResponse()
  create(
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateUnavailabilityDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UnavailabilityDto> {
    return this.unavailability.create(id, dto, principal);
  }

  @Get('prisoners/:id/unavailability')
  @Audited({ action: 'unavailability.read', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: "A prisoner's unavailability overlapping [from, to] (both optional), in date order" })
  @ApiOkResponse({ type: [UnavailabilityDto] })
  @ApiNotFoundResponse()
  list(
    @Param('id', UuidParam) id: string,
    @Query() q: UnavailabilityQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UnavailabilityDto[]> {
    return this.unavailability.list(id, q, principal);
  }

  @Delete('unavailability/:id')
  @Audited({ action: 'unavailability.delete', subjectType: 'unavailability' })
  @ApiOperation({ summary: 'Remove an entry; answers with the removed entry' })
  @ApiOkResponse({ type: UnavailabilityDto })
  @ApiNotFoundResponse()
  remove(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<UnavailabilityDto> {
    return this.unavailability.remove(id, principal);
  }
}
