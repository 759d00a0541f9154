import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { AllowanceService } from './allowance.service';
import { AllowanceQueryDto, PrisonAllowanceDto } from './dto/allowance.dto';

@ApiTags('attendance')
@Controller()
export class AllowanceController {
  constructor(private readonly allowance: AllowanceService) {}

  @Get('prisons/:id/allowance')
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'allowance.read', subjectType: 'prison' })
  @ApiOperation({ summary: "Each prisoner's paid days and daily allowance (NOK) at a prison in a month, from attendance" })
  @ApiOkResponse({ type: PrisonAllowanceDto })
  @ApiBadRequestResponse({ description: 'month missing or not yyyy-MM' })
  @ApiNotFoundResponse()
  month(
    @Param('id', UuidParam) id: string,
    @Query() q: AllowanceQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PrisonAllowanceDto> {
    return this.allowance.month(id, q.month, principal);
  }
}
