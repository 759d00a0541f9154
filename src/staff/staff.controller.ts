import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { StaffListQueryDto, StaffMemberDto, StaffPageDto } from './dto/staff.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@Controller('staff')
@Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiOperation({ summary: 'Staff, including imported teachers, optionally for one prison or role' })
  @ApiOkResponse({ type: StaffPageDto })
  list(@Query() q: StaffListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.staff.list(q, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: StaffMemberDto })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<StaffMemberDto> {
    return this.staff.get(id, principal);
  }
}
