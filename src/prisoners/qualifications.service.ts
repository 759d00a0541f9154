import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Activity } from '../activities/entities/activity.entity';
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
import { Certificate } from './entities/certificate.entity';
import { ConsentPurpose, PrisonerConsent } from './entities/prisoner-consent.entity';
import { Prisoner } from './entities/prisoner.entity';
import { PrisonersService } from './prisoners.service';

/** Strategy goal 3: with consent, share a prisoner's qualifications and work skills with NAV. */
@Injectable()
export class QualificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly prisoners: PrisonersService,
    private readonly clock: Clock,
  ) {}

  async recordConsent(prisonerId: string, dto: RecordConsentDto, principal: Principal): Promise<ConsentStatusDto> {
    await this.prisoners.assertVisible(prisonerId, principal);
    if (dto.effectiveDate > this.clock.today()) throw new RuleBrokenError('Consent cannot be recorded for a future date');
    await this.dataSource.getRepository(PrisonerConsent).insert({
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
    const history = await this.dataSource.getRepository(PrisonerConsent).find({
      where: { prisonerId, purpose: ConsentPurpose.NAV_QUALIFICATIONS },
      order: { effectiveDate: 'DESC', recordedAt: 'DESC' },
    });
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
      const activity = await this.dataSource.getRepository(Activity).findOneBy({ id: dto.activityId });
      // Another prison's activity answers as if it did not exist (as GET /activities/{id} does).
      if (!activity || !canSeePrison(principal, activity.prisonId)) throw new NotFoundError('Activity', dto.activityId);
      activityName = activity.name;
    }
    const saved = await this.dataSource.getRepository(Certificate).save({
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
    const prisoner = await this.dataSource.getRepository(Prisoner).findOneByOrFail({ id: prisonerId });
    const certificates = await this.dataSource.query<
      Array<{
        id: string;
        title: string;
        issuer: string | null;
        issued_on: string;
        activity_id: string | null;
        activity_name: string | null;
      }>
    >(
      `SELECT c.id, c.title, c.issuer, to_char(c.issued_on, 'YYYY-MM-DD') AS issued_on, c.activity_id, a.name AS activity_name
         FROM certificate c LEFT JOIN activity a ON a.id = c.activity_id
        WHERE c.prisoner_id = $1 ORDER BY c.issued_on, c.title`,
      [prisonerId],
    );
    const activities = await this.dataSource.query<
      Array<{
        activity_id: string;
        name: string;
        kind: string;
        category: string;
        prison_name: string;
        first: string;
        last: string;
        sessions: number;
        hours: string;
        completed: boolean;
      }>
    >(
      `SELECT a.id AS activity_id, a.name, a.kind, a.category, p.name AS prison_name,
              to_char(min(s.date), 'YYYY-MM-DD') AS first, to_char(max(s.date), 'YYYY-MM-DD') AS last, count(*)::int AS sessions,
              round(sum(extract(epoch FROM (s.end_time - s.start_time))) / 3600.0, 2)::text AS hours,
              EXISTS (SELECT 1 FROM allocation al WHERE al.prisoner_id = $1 AND al.activity_id = a.id AND al.ended_reason = 'COMPLETED') AS completed
         FROM attendance att
         JOIN "session" s ON s.id = att.session_id
         JOIN activity a ON a.id = s.activity_id
         JOIN prison p ON p.id = a.prison_id
        WHERE att.prisoner_id = $1 AND att.outcome = 'ATTENDED'
        GROUP BY a.id, p.name
        ORDER BY max(s.date) DESC, a.name`,
      [prisonerId],
    );
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
