import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/policy.decorators';
import { ALL_ROLES } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { PrisonDto, PrisonListQueryDto, PrisonPageDto, RegionDto, UnitDto } from './dto/organisation.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisation')
// Regions, prisons and units hold no personal data: every signed-in role may read them.
@Controller()
@Allow(...ALL_ROLES)
export class OrganisationController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get('regions')
  @ApiOperation({ summary: 'The five regions of the correctional service' })
  @ApiOkResponse({ type: [RegionDto] })
  listRegions(): Promise<RegionDto[]> {
    return this.organisation.listRegions();
  }

  @Get('regions/:id')
  @ApiOkResponse({ type: RegionDto })
  @ApiNotFoundResponse()
  getRegion(@Param('id', UuidParam) id: string): Promise<RegionDto> {
    return this.organisation.getRegion(id);
  }

  @Get('prisons')
  @ApiOperation({ summary: 'Prisons, by name, optionally in one region' })
  @ApiOkResponse({ type: PrisonPageDto })
  listPrisons(@Query() q: PrisonListQueryDto) {
    return this.organisation.listPrisons(q);
  }

  @Get('prisons/:id')
  @ApiOkResponse({ type: PrisonDto })
  @ApiNotFoundResponse()
  getPrison(@Param('id', UuidParam) id: string): Promise<PrisonDto> {
    return this.organisation.getPrison(id);
  }

  @Get('prisons/:id/units')
  @ApiOperation({ summary: "A prison's units with their security level and places" })
  @ApiOkResponse({ type: [UnitDto] })
  @ApiNotFoundResponse()
  listUnits(@Param('id', UuidParam) id: string): Promise<UnitDto[]> {
    return this.organisation.listUnits(id);
  }
}
