import { Injectable } from '@nestjs/common';
import { canSeePrison, Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { ForbiddenError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import {
  CertificateDto,
  ConsentDto,
  ConsentStatusDto,
  QualificationsSummaryDto,
  RecordCertificateDto,
  RecordConsentDto,
} from './dto/qualifications.dto';
import { ConsentPurpose } from './entities/prisoner-consent.entity';
import { PrisonersService } from './prisoners.service';
import { QualificationsRepository } from './qualifications.repository';

/** Strategy goal 3: with consent, share a prisoner's qualifications and work skills with NAV. */
@Injectable()
export class QualificationsService {
  constructor(
    private readonly repo: QualificationsRepository,
    private readonly prisoners: PrisonersService,
    private readonly clock: Clock,
  ) {}

  async recordConsent(prisonerId: string, dto: RecordConsentDto, principal: Principal): Promise<ConsentStatusDto> {
    await this.prisoners.assertVisible(prisonerId, principal);
    if (dto.effectiveDate > this.clock.today()) throw new RuleBrokenError('Consent cannot be recorded for a future date');
    await this.repo.insertConsent({
      prisonerId,
      purpose: ConsentPurpose.NAV_QUALIFICATIONS,
      given: dto.given,
      effectiveDate: dto.effectiveDate,
      recordedByUserId: principal.userId,
    });
    return this.consentStatus(prisonerId, principal);
  }

  async consentStatus(prisonerId: string, principal: Principal): Promise<ConsentStatusDto> {
    await this.prisoners.assertVisible(prisonerId, principal);
    const history = await this.repo.consentHistory(prisonerId, ConsentPurpose.NAV_QUALIFICATIONS);
    const dtos: ConsentDto[] = history.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      given: c.given,
      effectiveDate: c.effectiveDate,
      recordedByUserId: c.recordedByUserId,
      recordedAt: c.recordedAt.toISOString(),
    }));
    return { inForce: dtos[0]?.given ?? false, history: dtos };
  }

  async recordCertificate(prisonerId: string, dto: RecordCertificateDto, principal: Principal): Promise<CertificateDto> {
    await this.prisoners.assertVisible(prisonerId, principal);
    let activityName: string | null = null;
    if (dto.activityId) {
      const activity = await this.repo.findActivity(dto.activityId);
      // Another prison's activity answers as if it did not exist (as GET /activities/{id} does).
      if (!activity || !canSeePrison(principal, activity.prisonId)) throw new NotFoundError('Activity', dto.activityId);
      activityName = activity.name;
    }
    const saved = await this.repo.insertCertificate({
      prisonerId,
      title: dto.title,
      issuer: dto.issuer ?? null,
      issuedOn: dto.issuedOn,
      activityId: dto.activityId ?? null,
      recordedByUserId: principal.userId,
    });
    return { id: saved.id, title: saved.title, issuer: saved.issuer, issuedOn: saved.issuedOn, activityId: saved.activityId, activityName };
  }

  /** The export for NAV: refused unless consent is in force today. */
  async summary(prisonerId: string, principal: Principal): Promise<QualificationsSummaryDto> {
    const consent = await this.consentStatus(prisonerId, principal);
    if (!consent.inForce)
      throw new ForbiddenError('The prisoner has not consented to sharing qualifications with NAV (or has withdrawn consent)');
    const prisoner = await this.repo.getPrisoner(prisonerId);
    const certificates = await this.repo.certificates(prisonerId);
    const activities = await this.repo.participation(prisonerId);
    const participation = activities.map((a) => ({
      activityId: a.activity_id,
      name: a.name,
      kind: a.kind,
      category: a.category,
      prisonName: a.prison_name,
      firstAttended: a.first,
      lastAttended: a.last,
      sessionsAttended: a.sessions,
      hours: Number(a.hours),
      completed: a.completed,
    }));
    return {
      prisonerId,
      prisonerNumber: prisoner.prisonerNumber,
      firstName: prisoner.firstName,
      lastName: prisoner.lastName,
      dateOfBirth: prisoner.dateOfBirth,
      educationLevel: prisoner.educationLevel,
      activities: participation,
      totalHours: Math.round(participation.reduce((h, a) => h + a.hours, 0) * 100) / 100,
      activitiesCompleted: participation.filter((a) => a.completed).length,
      certificates: certificates.map((c) => ({
        id: c.id,
        title: c.title,
        issuer: c.issuer,
        issuedOn: c.issued_on,
        activityId: c.activity_id,
        activityName: c.activity_name,
      })),
      consentGivenOn: consent.history[0].effectiveDate,
      generatedAt: this.clock.now().toUTC().toISO() as string,
    };
  }
}
