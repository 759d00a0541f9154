import { Body, Controller, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Allow } from '../auth/policy.decorators';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { PrisonDto, RegionDto, UnitDto } from '../organisation/dto/organisation.dto';
import {
  CreatePrisonDto,
  CreateRegionDto,
  CreateStaffMemberDto,
  CreateUnitDto,
  StaffMemberAdminDto,
  UpdatePrisonDto,
  UpdateRegionDto,
  UpdateStaffMemberDto,
  UpdateUnitDto,
} from './dto/org-admin.dto';
import { OrgAdminService } from './org-admin.service';

// Writes of the organisation: national administrators only (reads stay in OrganisationController and
// StaffController, scoped as before). Every write is audited by the global audit interceptor.
@ApiTags('organisation administration')
@Controller()
@Allow(Role.NATIONAL_ADMIN)
export class OrgAdminController {
  constructor(private readonly orgAdmin: OrgAdminService) {}

  @Post('regions')
  @ApiOperation({ summary: 'Create a region' })
  @ApiCreatedResponse({ type: RegionDto })
  @ApiConflictResponse({ description: 'Code or name taken (details.code REGION_TAKEN)' })
  createRegion(@Body() dto: CreateRegionDto): Promise<RegionDto> {
    return this.orgAdmin.createRegion(dto);
  }

  @Patch('regions/:id')
  @ApiOperation({ summary: 'Rename a region, or deactivate/reactivate it (refused while it has active prisons)' })
  @ApiOkResponse({ type: RegionDto })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({ description: 'details.code REGION_HAS_ACTIVE_PRISONS' })
  updateRegion(@Param('id', UuidParam) id: string, @Body() dto: UpdateRegionDto): Promise<RegionDto> {
    return this.orgAdmin.updateRegion(id, dto);
  }

  @Post('prisons')
  @ApiOperation({ summary: 'Create a prison: code, name, region, capacity, security level and day regime' })
  @ApiCreatedResponse({ type: PrisonDto })
  @ApiNotFoundResponse({ description: 'No such region' })
  @ApiConflictResponse({ description: 'Code or name taken (details.code PRISON_TAKEN)' })
  @ApiUnprocessableEntityResponse({ description: 'The region is deactivated (REGION_INACTIVE)' })
  createPrison(@Body() dto: CreatePrisonDto): Promise<PrisonDto> {
    return this.orgAdmin.createPrison(dto);
  }

  @Patch('prisons/:id')
  @ApiOperation({ summary: 'Change a prison, or deactivate/reactivate it (refused while prisoners are held there)' })
  @ApiOkResponse({ type: PrisonDto })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({ description: 'details.code PRISON_HAS_PRISONERS or REGION_INACTIVE' })
  updatePrison(@Param('id', UuidParam) id: string, @Body() dto: UpdatePrisonDto): Promise<PrisonDto> {
    return this.orgAdmin.updatePrison(id, dto);
  }

  @Post('prisons/:id/units')
  @ApiOperation({ summary: 'Add a unit to a prison' })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The prison has a unit of that name (UNIT_TAKEN)' })
  createUnit(@Param('id', UuidParam) prisonId: string, @Body() dto: CreateUnitDto): Promise<UnitDto> {
    return this.orgAdmin.createUnit(prisonId, dto);
  }

  @Patch('units/:id')
  @ApiOperation({ summary: 'Change a unit, or deactivate/reactivate it (refused while prisoners are held in it)' })
  @ApiOkResponse({ type: UnitDto })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({ description: 'details.code UNIT_HAS_PRISONERS' })
  updateUnit(@Param('id', UuidParam) id: string, @Body() dto: UpdateUnitDto): Promise<UnitDto> {
    return this.orgAdmin.updateUnit(id, dto);
  }

  @Post('staff')
  @ApiOperation({ summary: 'Create a staff member: roles, employer and the prisons they serve (a user is made with POST /users)' })
  @ApiCreatedResponse({ type: StaffMemberAdminDto })
  @ApiNotFoundResponse({ description: 'A prison does not exist' })
  createStaffMember(@Body() dto: CreateStaffMemberDto): Promise<StaffMemberAdminDto> {
    return this.orgAdmin.createStaffMember(dto);
  }

  @Patch('staff/:id')
  @ApiOperation({ summary: 'Change a staff member, the prisons they serve, or deactivate/reactivate them' })
  @ApiOkResponse({ type: StaffMemberAdminDto })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({ description: 'details.code STAFF_HAS_ACTIVE_USER or PRISON_INACTIVE' })
  updateStaffMember(@Param('id', UuidParam) id: string, @Body() dto: UpdateStaffMemberDto): Promise<StaffMemberAdminDto> {
    return this.orgAdmin.updateStaffMember(id, dto);
  }
}
