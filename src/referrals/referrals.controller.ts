import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { CreateReferralDto, DeclineReferralDto, ReferralDecisionDto, ReferralDto, ReferralListQueryDto } from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

// Officers, managers and national administrators create and decide referrals. Teachers do not (yet):
// a teacher's request is recorded by an officer with requestedBy TEACHER.
@ApiTags('referrals')
@Controller()
@Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post('activities/:id/referrals')
  @Audited({ action: 'referral.create', subjectType: 'activity' })
  @ApiOperation({ summary: 'Put a prisoner on the waiting list of an activity (a PENDING referral)' })
  @ApiCreatedResponse({ type: ReferralDto })
  @ApiNotFoundResponse({ description: 'Activity or prisoner unknown or outside your prisons' })
  @ApiConflictResponse({ description: 'The prisoner already has an open (PENDING or APPROVED) referral to the activity' })
  @ApiUnprocessableEntityResponse({ description: "The prisoner is not held at the activity's prison, or the activity has ended" })
  create(
    @Param('id', UuidParam) id: string,
    @Body() dto: CreateReferralDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralDto> {
    return this.referrals.create(id, dto, principal);
  }

  @Get('activities/:id/referrals')
  @Audited({ action: 'referral.list', subjectType: 'activity' })
  @ApiOperation({
    summary: "An activity's waiting list, oldest first, with each prisoner's name, number, unit and days waiting (default: open referrals)",
  })
  @ApiOkResponse({ type: [ReferralDto] })
  @ApiNotFoundResponse()
  listForActivity(
    @Param('id', UuidParam) id: string,
    @Query() q: ReferralListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralDto[]> {
    return this.referrals.listForActivity(id, q.status, principal);
  }

  @Get('prisoners/:id/referrals')
  @Audited({ action: 'referral.read', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: "A prisoner's referrals (every status), newest first" })
  @ApiOkResponse({ type: [ReferralDto] })
  @ApiNotFoundResponse()
  listForPrisoner(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<ReferralDto[]> {
    return this.referrals.listForPrisoner(id, principal);
  }

  @Post('referrals/:id/approve')
  @HttpCode(200)
  @Audited({ action: 'referral.approve', subjectType: 'referral' })
  @ApiOperation({ summary: 'PENDING → APPROVED' })
  @ApiOkResponse({ type: ReferralDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not PENDING (the message names the current status)' })
  approve(
    @Param('id', UuidParam) id: string,
    @Body() dto: ReferralDecisionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralDto> {
    return this.referrals.approve(id, dto.note, principal);
  }

  @Post('referrals/:id/decline')
  @HttpCode(200)
  @Audited({ action: 'referral.decline', subjectType: 'referral' })
  @ApiOperation({ summary: 'PENDING → DECLINED, with a note saying why' })
  @ApiOkResponse({ type: ReferralDto })
  @ApiBadRequestResponse({ description: 'No note' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not PENDING (the message names the current status)' })
  decline(
    @Param('id', UuidParam) id: string,
    @Body() dto: DeclineReferralDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralDto> {
    return this.referrals.decline(id, dto.note, principal);
  }

  @Post('referrals/:id/withdraw')
  @HttpCode(200)
  @Audited({ action: 'referral.withdraw', subjectType: 'referral' })
  @ApiOperation({ summary: 'PENDING or APPROVED → WITHDRAWN' })
  @ApiOkResponse({ type: ReferralDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already closed (the message names the current status)' })
  withdraw(
    @Param('id', UuidParam) id: string,
    @Body() dto: ReferralDecisionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralDto> {
    return this.referrals.withdraw(id, dto.note, principal);
  }
}
