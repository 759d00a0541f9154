import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audited } from '../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { UuidParam } from '../common/http/uuid-param';
import {
  CertificateDto,
  ConsentStatusDto,
  QualificationsSummaryDto,
  RecordCertificateDto,
  RecordConsentDto,
} from './dto/qualifications.dto';
import { QualificationsService } from './qualifications.service';

@ApiTags('prisoners')
@Controller('prisoners/:id')
@Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
export class QualificationsController {
  constructor(private readonly qualifications: QualificationsService) {}

  @Get('consents')
  @Audited({ action: 'consent.read', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: 'Consent to share qualifications with NAV: in force now, and its history' })
  @ApiOkResponse({ type: ConsentStatusDto })
  @ApiNotFoundResponse()
  consents(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<ConsentStatusDto> {
    return this.qualifications.consentStatus(id, principal);
  }

  @Post('consents')
  @Audited({ action: 'consent.record', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: 'Record that the prisoner gave or withdrew consent (kept as history)' })
  @ApiCreatedResponse({ type: ConsentStatusDto })
  recordConsent(
    @Param('id', UuidParam) id: string,
    @Body() dto: RecordConsentDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ConsentStatusDto> {
    return this.qualifications.recordConsent(id, dto, principal);
  }

  @Post('certificates')
  @Audited({ action: 'certificate.record', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: 'Record a certificate or qualification earned' })
  @ApiCreatedResponse({ type: CertificateDto })
  recordCertificate(
    @Param('id', UuidParam) id: string,
    @Body() dto: RecordCertificateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CertificateDto> {
    return this.qualifications.recordCertificate(id, dto, principal);
  }

  @Get('qualifications-summary')
  @Audited({ action: 'qualifications.export', subjectType: 'prisoner', subjectIsPrisoner: true })
  @ApiOperation({ summary: 'Export of qualifications for NAV — only while the prisoner’s consent is in force; every export is audited' })
  @ApiOkResponse({ type: QualificationsSummaryDto })
  @ApiForbiddenResponse({ description: 'No consent in force' })
  @ApiNotFoundResponse()
  summary(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal): Promise<QualificationsSummaryDto> {
    return this.qualifications.summary(id, principal);
  }
}
