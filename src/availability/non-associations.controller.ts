import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import { CreateNonAssociationDto, EndNonAssociationDto, NonAssociationDto } from './dto/non-association.dto';
import { NonAssociationsService } from './non-associations.service';

// Reasons are sensitive: managers and national administrators decide, officers read (to plan), teachers never.
@ApiTags('availability')
@Controller()
export class NonAssociationsController {
  constructor(private readonly nonAssociations: NonAssociationsService) {}

  @Post('prisoners/:id/non-associations')
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'non_association.create', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: 'Record that two prisoners must not be in the same session, from a date (default today) to an optional end' })
  @ApiCreatedResponse({ type: NonAssociationDto })
  @ApiBadRequestResponse({ description: 'The prisoner with themselves, dates out of order, no reason; nothing is written' })
  @ApiNotFoundResponse({ description: 'Either prisoner is unknown or outside your prisons' })
  @ApiConflictResponse({ description: 'The pair already has a non-association for overlapping dates' })
  create(
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateNonAssociationDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NonAssociationDto> {
    return this.nonAssociations.create(id, dto, principal);
  }

  @Get('prisoners/:id/non-associations')
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'non_association.read', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: "A prisoner's non-associations with the other prisoner's name and number: in force first, then newest first" })
  @ApiOkResponse({ type: [NonAssociationDto] })
  @ApiNotFoundResponse()
  list(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<NonAssociationDto[]> {
    return this.nonAssociations.list(id, principal);
  }

  @Post('non-associations/:id/end')
  @HttpCode(200)
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'non_association.end', subjectType: 'non_association' })
  @ApiOperation({ summary: 'End a non-association: toDate is the last day the pair is kept apart' })
  @ApiOkResponse({ type: NonAssociationDto })
  @ApiBadRequestResponse({ description: 'toDate before the start' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'It already ends earlier' })
  end(
    @Param('id', UuidParam) id: string,
    @Body() dto: EndNonAssociationDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<NonAssociationDto> {
    return this.nonAssociations.end(id, dto, principal);
  }
}
