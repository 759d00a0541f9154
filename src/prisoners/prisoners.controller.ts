import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { UuidParam } from '../common/http/uuid-param';
import { CustodyPeriodDto, PrisonerDto, PrisonerListQueryDto, PrisonerPageDto, PrisonPrisonerListQueryDto } from './dto/prisoner.dto';
import { CustodyService } from './custody.service';
import { CreatePrisonerDto, MovePrisonerDto } from './dto/custody-commands.dto';
import { PrisonersService } from './prisoners.service';

@ApiTags('prisoners')
@Controller()
export class PrisonersController {
  constructor(
    private readonly prisoners: PrisonersService,
    private readonly custody: CustodyService,
  ) {}

  @Post('prisoners')
  @ApiOperation({ summary: 'Admit a prisoner: the person and their first custody period, in one transaction' })
  @ApiCreatedResponse({ type: PrisonerDto })
  @ApiBadRequestResponse({ description: 'Invalid input; every bad field is named' })
  @ApiConflictResponse({ description: 'The prisoner number is taken' })
  @ApiUnprocessableEntityResponse({ description: 'The unit is not at that prison' })
  async admit(@Body() dto: CreatePrisonerDto): Promise<PrisonerDto> {
    const id = await this.custody.admit(dto);
    return this.prisoners.get(id, dto.admission.fromDate);
  }

  @Post('prisoners/:id/moves')
  @HttpCode(204)
  @ApiOperation({ summary: 'Transfer a prisoner to another prison, or release them, from a date' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'No open custody period, or the new period would overlap another' })
  @ApiUnprocessableEntityResponse({ description: 'Date before arrival, or unit not at the receiving prison' })
  move(@Param('id', UuidParam) id: string, @Body() dto: MovePrisonerDto): Promise<void> {
    return this.custody.move(id, dto);
  }

  @Get('prisoners')
  @ApiOperation({ summary: 'Prisoners held on a date (default today), filterable by prison, unit, legal status and name' })
  @ApiOkResponse({ type: PrisonerPageDto })
  list(@Query() q: PrisonerListQueryDto) {
    return this.prisoners.listHeld(q);
  }

  @Get('prisons/:prisonId/prisoners')
  @ApiOperation({ summary: 'Prisoners held at a prison on a date (default today)' })
  @ApiOkResponse({ type: PrisonerPageDto })
  @ApiNotFoundResponse()
  listAtPrison(@Param('prisonId', UuidParam) prisonId: string, @Query() q: PrisonPrisonerListQueryDto) {
    return this.prisoners.listHeld(Object.assign(new PrisonerListQueryDto(), q, { prisonId }));
  }

  @Get('prisoners/:id')
  @ApiOkResponse({ type: PrisonerDto })
  @ApiNotFoundResponse()
  get(@Param('id', UuidParam) id: string): Promise<PrisonerDto> {
    return this.prisoners.get(id);
  }

  @Get('prisoners/:id/custody-periods')
  @ApiOperation({ summary: "A prisoner's stays, oldest first" })
  @ApiOkResponse({ type: [CustodyPeriodDto] })
  @ApiNotFoundResponse()
  custodyPeriods(@Param('id', UuidParam) id: string): Promise<CustodyPeriodDto[]> {
    return this.prisoners.custodyPeriods(id);
  }
}
