import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
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
import { AllocationsService } from './allocations.service';
import {
  AllocationDto,
  AllocationListQueryDto,
  AllocationRequestDto,
  AllocationResultDto,
  BulkAllocationDto,
  EndAllocationDto,
  LockAllocationDto,
  SuitabilityDto,
  SuitabilityQueryDto,
} from './dto/allocation.dto';

@ApiTags('allocations')
@Controller()
@Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class AllocationsController {
  constructor(private readonly allocations: AllocationsService) {}

  @Get('activities/:id/suitability')
  @Audited({ action: 'suitability.read', subjectType: 'activity' })
  @ApiOperation({
    summary: 'Every suitability check for allocating a prisoner to the activity, with pass/fail and why (nothing is written)',
  })
  @ApiOkResponse({ type: SuitabilityDto })
  @ApiNotFoundResponse()
  suitability(
    @Param('id', UuidParam) id: string,
    @Query() q: SuitabilityQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SuitabilityDto> {
    return this.allocations.suitability(id, q, principal);
  }

  @Post('allocations')
  @ApiOperation({
    summary: 'Allocate a prisoner to an activity from a start date, for all slots, mornings, afternoons or chosen days',
    description:
      'Runs the suitability checks on locked rows in one transaction. A full session answers 409, any other failed check 422, each with the failed checks; nothing is written then. ' +
      'A manager may override a non-association (only) with overrideReason.',
  })
  @ApiCreatedResponse({ type: AllocationResultDto })
  @ApiConflictResponse({ description: 'No place left in a covered session, or already allocated to the activity' })
  @ApiUnprocessableEntityResponse({ description: 'A suitability check failed' })
  allocate(@Body() dto: AllocationRequestDto, @CurrentPrincipal() principal: Principal): Promise<AllocationResultDto> {
    return this.allocations.allocate(dto, principal);
  }

  @Post('allocations/bulk')
  @ApiOperation({ summary: 'Allocate several prisoners at once: all of them, or none (422 with each failing item)' })
  @ApiCreatedResponse({ type: [AllocationResultDto] })
  @ApiUnprocessableEntityResponse({ description: 'At least one item failed; details list every failing item' })
  allocateMany(@Body() dto: BulkAllocationDto, @CurrentPrincipal() principal: Principal): Promise<AllocationResultDto[]> {
    return this.allocations.allocateMany(dto.items, principal);
  }

  @Get('allocations/:id')
  @Audited({ action: 'allocation.read', subjectType: 'allocation' })
  @ApiOperation({ summary: 'One allocation' })
  @ApiOkResponse({ type: AllocationDto })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<AllocationDto> {
    return this.allocations.get(id, principal);
  }

  @Post('allocations/:id/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deallocate: the last day taken part and why; later bookings are removed' })
  @ApiOkResponse({ type: AllocationResultDto })
  end(
    @Param('id', UuidParam) id: string,
    @Body() dto: EndAllocationDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AllocationResultDto> {
    return this.allocations.end(id, dto, principal);
  }

  @Delete('allocations/:id')
  @ApiOperation({
    summary:
      'Withdraw an allocation nothing has happened on yet (it and its bookings go): one starting after today, or today with no attendance recorded',
  })
  @ApiOkResponse({ type: AllocationDto, description: 'The allocation as it was' })
  @ApiConflictResponse({
    description: 'It started before today, or attendance is recorded today: end it with POST /allocations/{id}/end',
  })
  withdraw(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<AllocationDto> {
    return this.allocations.withdraw(id, principal);
  }

  @Put('allocations/:id/lock')
  @ApiOperation({ summary: 'Lock (or unlock) an allocation: the automatic planner keeps locked allocations as they are' })
  @ApiOkResponse({ type: AllocationResultDto })
  lock(
    @Param('id', UuidParam) id: string,
    @Body() dto: LockAllocationDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AllocationResultDto> {
    return this.allocations.setLocked(id, dto.locked, principal);
  }

  @Get('prisoners/:id/allocations')
  @Audited({ action: 'allocation.list', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: "A prisoner's allocations at the caller's prisons (current and future; ended ones with includeEnded=true)" })
  @ApiOkResponse({ type: [AllocationDto] })
  forPrisoner(
    @Param('id', UuidParam) id: string,
    @Query() q: AllocationListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AllocationDto[]> {
    return this.allocations.listForPrisoner(id, q.includeEnded ?? false, principal);
  }

  @Get('activities/:id/allocations')
  @Audited({ action: 'allocation.list', subjectType: 'activity' })
  @ApiOperation({ summary: "An activity's allocations (current and future; ended ones with includeEnded=true)" })
  @ApiOkResponse({ type: [AllocationDto] })
  forActivity(
    @Param('id', UuidParam) id: string,
    @Query() q: AllocationListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AllocationDto[]> {
    return this.allocations.listForActivity(id, q.includeEnded ?? false, principal);
  }
}
