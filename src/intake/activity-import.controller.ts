import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { ActivityImportDto, ActivityImportReportDto } from './dto/activity-import.dto';
import { ActivityImportService } from './activity-import.service';

// A prison's managers (and national administrators) load the prison's activity catalogue from a file.
@ApiTags('intake')
@Controller('prisons/:prisonId/activity-import')
export class ActivityImportController {
  constructor(private readonly imports: ActivityImportService) {}

  @Post('dry-run')
  @HttpCode(200)
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'activity-import.dry-run', subjectType: 'prison', subjectParam: 'prisonId' })
  @ApiOperation({
    summary:
      "Compare an activity catalogue file with the prison's activities: create, update, unchanged, missing, per-row errors; writes nothing",
  })
  @ApiOkResponse({ type: ActivityImportReportDto })
  @ApiBadRequestResponse({ description: 'Invalid request body' })
  @ApiNotFoundResponse()
  dryRun(
    @Param('prisonId', UuidParam) prisonId: string,
    @Body() dto: ActivityImportDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActivityImportReportDto> {
    return this.imports.dryRun(prisonId, dto, principal);
  }

  @Post('apply')
  @HttpCode(200)
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'activity-import.apply', subjectType: 'prison', subjectParam: 'prisonId' })
  @ApiOperation({
    summary: 'Apply an activity catalogue file in one transaction: create and update activities (missing ones are left as they are)',
  })
  @ApiOkResponse({ type: ActivityImportReportDto })
  @ApiBadRequestResponse({ description: 'Invalid request body' })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({ description: 'The file has errors (details: the dry-run report); nothing was written' })
  apply(
    @Param('prisonId', UuidParam) prisonId: string,
    @Body() dto: ActivityImportDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ActivityImportReportDto> {
    return this.imports.apply(prisonId, dto, principal);
  }
}
