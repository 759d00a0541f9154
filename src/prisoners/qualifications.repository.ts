import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Activity } from '../activities/entities/activity.entity';
import type { TxSource } from '../database/transaction-host';
import { Certificate } from './entities/certificate.entity';
import { ConsentPurpose, PrisonerConsent } from './entities/prisoner-consent.entity';
import { Prisoner } from './entities/prisoner.entity';

export type CertificateRow = Array<{
  id: string;
  title: string;
  issuer: string | null;
  issued_on: string;
  activity_id: string | null;
  activity_name: string | null;
}>[number];
export type ParticipationRow = Array<{
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
}>[number];

/** Consents, certificates and the participation NAV sees (QualificationsService). */
@Injectable()
export class QualificationsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  async insertConsent(c: Pick<PrisonerConsent, 'prisonerId' | 'purpose' | 'given' | 'effectiveDate' | 'recordedByUserId'>): Promise<void> {
    await this.txHost.tx.getRepository(PrisonerConsent).insert(c);
  }

  /** The consents for a purpose, latest in force first. */
  consentHistory(prisonerId: string, purpose: ConsentPurpose): Promise<PrisonerConsent[]> {
    return this.txHost.tx.getRepository(PrisonerConsent).find({
      where: { prisonerId, purpose },
      order: { effectiveDate: 'DESC', recordedAt: 'DESC' },
    });
  }

  findActivity(id: string): Promise<Activity | null> {
    return this.txHost.tx.getRepository(Activity).findOneBy({ id });
  }

  insertCertificate(
    c: Pick<Certificate, 'prisonerId' | 'title' | 'issuer' | 'issuedOn' | 'activityId' | 'recordedByUserId'>,
  ): Promise<Certificate> {
    return this.txHost.tx.getRepository(Certificate).save(c);
  }

  getPrisoner(id: string): Promise<Prisoner> {
    return this.txHost.tx.getRepository(Prisoner).findOneByOrFail({ id });
  }

  certificates(prisonerId: string): Promise<CertificateRow[]> {
    return this.txHost.tx.query<CertificateRow[]>(
      `SELECT c.id, c.title, c.issuer, to_char(c.issued_on, 'YYYY-MM-DD') AS issued_on, c.activity_id, a.name AS activity_name
         FROM certificate c LEFT JOIN activity a ON a.id = c.activity_id
        WHERE c.prisoner_id = $1 ORDER BY c.issued_on, c.title`,
      [prisonerId],
    );
  }

  /** Every activity the prisoner attended, with the dates, sessions and hours attended and whether completed. */
  participation(prisonerId: string): Promise<ParticipationRow[]> {
    return this.txHost.tx.query<ParticipationRow[]>(
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
  }
}
