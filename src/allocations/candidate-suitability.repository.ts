import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DayPeriod } from '../activities/activity.enums';
import { IsoDate } from '../calendar/domain/oslo-time';
import { parsePgArray } from '../database/pg-array';
import { SecurityLevel } from '../organisation/organisation.enums';
import { CustodyEndReason } from '../prisoners/prisoner.enums';
import { readUnavailability, type ActivityRow, type SessionRow } from './allocations.repository';
import type { CustodySpan, NonAssociation, OtherSession, Referral, Unavailability } from './domain/suitability';

export type CandidateCustody = CustodySpan & { unitSecurityLevel: SecurityLevel; endReason: CustodyEndReason | null };

/**
 * The suitability rules' inputs for MANY prisoners and the sessions of ONE half-day, in a handful of
 * queries (the per-prisoner reads of AllocationsRepository would take ~8 queries per candidate: 3,000
 * at Oslo's size). Read-only: the allocating transaction still re-checks one prisoner with locks.
 */
@Injectable()
export class CandidateSuitabilityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The prison's sessions on the half-day (cancelled ones too, marked), with their activity and who is booked. */
  async sessionsOn(prisonId: string, date: IsoDate, period: DayPeriod): Promise<Array<SessionRow & { activity: ActivityRow }>> {
    const rows = await this.dataSource.query<
      Array<
        Omit<SessionRow, 'allocatedPrisonerIds'> & {
          allocated: string[] | string | null;
          activityName: string;
          securityLevels: string[] | string;
          minAge: number | null;
          maxAge: number | null;
          requiresReferral: boolean;
        }
      >
    >(
      `SELECT s.id, s.activity_id AS "activityId", to_char(s.date, 'YYYY-MM-DD') AS date, s.period,
              to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime", s.capacity,
              s.cancelled_at IS NOT NULL AS cancelled,
              (SELECT array_agg(b.prisoner_id) FROM booking b WHERE b.session_id = s.id) AS allocated,
              a.name AS "activityName", a.security_levels::text[] AS "securityLevels", a.min_age AS "minAge", a.max_age AS "maxAge",
              a.requires_referral AS "requiresReferral"
         FROM "session" s JOIN activity a ON a.id = s.activity_id
        WHERE s.prison_id = $1 AND s.date = $2 AND s.period = $3
        ORDER BY a.name, s.start_time`,
      [prisonId, date, period],
    );
    return rows.map(({ allocated, activityName, securityLevels, minAge, maxAge, requiresReferral, ...s }) => ({
      ...s,
      allocatedPrisonerIds: parsePgArray(allocated),
      activity: {
        id: s.activityId,
        prisonId,
        name: activityName,
        securityLevels: parsePgArray(securityLevels) as SecurityLevel[],
        minAge,
        maxAge,
        requiresReferral,
      },
    }));
  }

  async birthDates(prisonerIds: string[]): Promise<Map<string, IsoDate>> {
    const rows = await this.dataSource.query<Array<{ id: string; dateOfBirth: string }>>(
      `SELECT id, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth" FROM prisoner WHERE id = ANY($1::uuid[])`,
      [prisonerIds],
    );
    return new Map(rows.map((r) => [r.id, r.dateOfBirth]));
  }

  async custody(prisonerIds: string[]): Promise<Map<string, CandidateCustody[]>> {
    const rows = await this.dataSource.query<Array<CandidateCustody & { prisonerId: string }>>(
      `SELECT cp.prisoner_id AS "prisonerId", cp.prison_id AS "prisonId", to_char(cp.from_date, 'YYYY-MM-DD') AS "fromDate",
              to_char(cp.to_date, 'YYYY-MM-DD') AS "toDate", cp.end_reason AS "endReason", u.security_level AS "unitSecurityLevel"
         FROM custody_period cp JOIN unit u ON u.id = cp.unit_id
        WHERE cp.prisoner_id = ANY($1::uuid[]) ORDER BY cp.from_date`,
      [prisonerIds],
    );
    return group(rows, ({ prisonerId, ...c }) => [prisonerId, c]);
  }

  async unavailability(prisonerIds: string[], date: IsoDate): Promise<Map<string, Unavailability[]>> {
    const rows = await readUnavailability(this.dataSource, prisonerIds, date, date);
    return group(rows, ({ prisonerId, ...u }) => [prisonerId, u]);
  }

  async bookingsOn(prisonerIds: string[], date: IsoDate): Promise<Map<string, OtherSession[]>> {
    const rows = await this.dataSource.query<Array<OtherSession & { prisonerId: string }>>(
      `SELECT b.prisoner_id AS "prisonerId", b.session_id AS "sessionId", to_char(b.date, 'YYYY-MM-DD') AS date, b.period, a.name AS "activityName"
         FROM booking b JOIN "session" s ON s.id = b.session_id JOIN activity a ON a.id = s.activity_id
        WHERE b.prisoner_id = ANY($1::uuid[]) AND b.date = $2`,
      [prisonerIds, date],
    );
    return group(rows, ({ prisonerId, ...b }) => [prisonerId, b]);
  }

  async nonAssociations(prisonerIds: string[], date: IsoDate): Promise<Map<string, NonAssociation[]>> {
    const rows = await this.dataSource.query<Array<{ a: string; b: string }>>(
      `SELECT prisoner_a_id AS a, prisoner_b_id AS b FROM non_association
        WHERE (prisoner_a_id = ANY($1::uuid[]) OR prisoner_b_id = ANY($1::uuid[])) AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2)`,
      [prisonerIds, date],
    );
    const out = new Map<string, NonAssociation[]>();
    const add = (p: string, other: string) => out.set(p, [...(out.get(p) ?? []), { prisonerId: p, otherPrisonerId: other, active: true }]);
    for (const r of rows) {
      add(r.a, r.b);
      add(r.b, r.a);
    }
    return out;
  }

  async referrals(prisonerIds: string[], activityIds: string[]): Promise<Map<string, Referral[]>> {
    const rows = await this.dataSource.query<Array<Referral & { prisonerId: string }>>(
      `SELECT prisoner_id AS "prisonerId", activity_id AS "activityId", status FROM referral
        WHERE prisoner_id = ANY($1::uuid[]) AND activity_id = ANY($2::uuid[])`,
      [prisonerIds, activityIds],
    );
    return group(rows, ({ prisonerId, ...r }) => [prisonerId, r]);
  }
}

function group<R, V>(rows: R[], pick: (r: R) => [string, V]): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const [k, v] = pick(r);
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}
