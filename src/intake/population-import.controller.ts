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
import { PopulationImportDto, PopulationImportReportDto } from './dto/population-import.dto';
import { PopulationImportService } from './population-import.service';

// A prison's managers (and national administrators) feed in the population from the prison record system.
@ApiTags('intake')
@Controller('prisons/:prisonId/population-import')
export class PopulationImportController {
  constructor(private readonly imports: PopulationImportService) {}

  @Post('dry-run')
  @HttpCode(200)
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'population-import.dry-run', subjectType: 'prison', subjectParam: 'prisonId' })
  @ApiOperation({ summary: 'Compare a population file with what is stored: per-row actions and errors; writes nothing' })
  @ApiOkResponse({ type: PopulationImportReportDto })
  @ApiBadRequestResponse({ description: 'Invalid request body' })
  @ApiNotFoundResponse()
  dryRun(
    @Param('prisonId', UuidParam) prisonId: string,
    @Body() dto: PopulationImportDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PopulationImportReportDto> {
    return this.imports.dryRun(prisonId, dto, principal);
  }

  @Post('apply')
  @HttpCode(200)
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'population-import.apply', subjectType: 'prison', subjectParam: 'prisonId' })
  @ApiOperation({
    summary: 'Apply a population file in one transaction: admit, transfer in, move, update, and release the confirmed missing prisoners',
  })
  @ApiOkResponse({ type: PopulationImportReportDto })
  @ApiBadRequestResponse({ description: 'Invalid request body' })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({ description: 'The file has errors (details: the dry-run report); nothing was written' })
  apply(
    @Param('prisonId', UuidParam) prisonId: string,
    @Body() dto: PopulationImportDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PopulationImportReportDto> {
    return this.imports.apply(prisonId, dto, principal);
  }
}
