import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TxSource } from '../database/transaction-host';
import { IsoDate } from '../calendar/domain/oslo-time';
import { SecurityLevel } from '../organisation/organisation.enums';
import type {
  DayRegime,
  LockedAllocation,
  WeekActivity,
  WeekBooking,
  WeekCustody,
  WeekPrisoner,
  WeekReferral,
  WeekSession,
  WeekUnavailability,
} from './domain/week-input';
import { parsePgArray } from '../database/pg-array';

export interface ActivityInfo extends WeekActivity {
  name: string;
}

export interface PrisonerInfo extends WeekPrisoner {
  name: string;
  prisonerNumber: string;
}

/**
 * Set-based reads of one prison's week for the planner (a handful of statements whatever the size).
 * Every method reads in the use case's transaction (TransactionHost): the input is read in one
 * transaction (a consistent snapshot), and apply re-reads it inside its own.
 */
@Injectable()
export class PlanningInputRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  async findRegime(prisonId: string): Promise<DayRegime | undefined> {
    const rows = await this.txHost.tx.query<DayRegime[]>(
      `SELECT to_char(am_start, 'HH24:MI') AS "amStart", to_char(am_end, 'HH24:MI') AS "amEnd",
              to_char(pm_start, 'HH24:MI') AS "pmStart", to_char(pm_end, 'HH24:MI') AS "pmEnd"
         FROM prison WHERE id = $1`,
      [prisonId],
    );
    return rows[0];
  }

  async findSessions(prisonId: string, days: readonly IsoDate[]): Promise<WeekSession[]> {
    return this.txHost.tx.query(
      `SELECT s.id, s.activity_id AS "activityId", to_char(s.date, 'YYYY-MM-DD') AS date, s.period::text AS period,
              to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime", s.capacity,
              s.cancellation_reason::text AS "cancellationReason"
         FROM "session" s
        WHERE s.prison_id = $1 AND s.date = ANY($2::date[])
        ORDER BY s.id`,
      [prisonId, days],
    );
  }

  async findActivities(ids: readonly string[]): Promise<ActivityInfo[]> {
    if (ids.length === 0) return [];
    const rows = await this.txHost.tx.query<Array<ActivityInfo & { securityLevels: string[] | string }>>(
      `SELECT id, name, kind::text AS kind, security_levels::text[] AS "securityLevels", min_age AS "minAge", max_age AS "maxAge",
              requires_referral AS "requiresReferral"
         FROM activity WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
    return rows.map((r) => ({ ...r, securityLevels: parsePgArray(r.securityLevels) as SecurityLevel[] }));
  }

  /** Stays at the prison overlapping [from, to] (to inclusive), with the unit's security level. */
  async findCustody(prisonId: string, from: IsoDate, to: IsoDate): Promise<WeekCustody[]> {
    return this.txHost.tx.query(
      `SELECT cp.prisoner_id AS "prisonerId", to_char(cp.from_date, 'YYYY-MM-DD') AS "fromDate", to_char(cp.to_date, 'YYYY-MM-DD') AS "toDate",
              u.security_level::text AS "unitSecurityLevel"
         FROM custody_period cp JOIN unit u ON u.id = cp.unit_id
        WHERE cp.prison_id = $1 AND cp.from_date <= $3 AND (cp.to_date IS NULL OR cp.to_date > $2)
        ORDER BY cp.prisoner_id, cp.from_date`,
      [prisonId, from, to],
    );
  }

  async findPrisoners(ids: readonly string[]): Promise<PrisonerInfo[]> {
    if (ids.length === 0) return [];
    return this.txHost.tx.query(
      `SELECT id, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", legal_status::text AS "legalStatus", education_right::text AS "educationRight",
              last_name || ', ' || first_name AS name, prisoner_number AS "prisonerNumber"
         FROM prisoner WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [ids],
    );
  }

  async findUnavailability(prisonerIds: readonly string[], from: IsoDate, to: IsoDate): Promise<WeekUnavailability[]> {
    if (prisonerIds.length === 0) return [];
    return this.txHost.tx.query(
      `SELECT prisoner_id AS "prisonerId", to_char(from_date, 'YYYY-MM-DD') AS "fromDate", to_char(to_date, 'YYYY-MM-DD') AS "toDate",
              period::text AS period, to_char(start_time, 'HH24:MI') AS "startTime", to_char(end_time, 'HH24:MI') AS "endTime", kind::text AS kind, note
         FROM unavailability
        WHERE prisoner_id = ANY($1::uuid[]) AND from_date <= $3 AND to_date >= $2
        ORDER BY id`,
      [prisonerIds, from, to],
    );
  }

  async findReferrals(prisonerIds: readonly string[], activityIds: readonly string[]): Promise<WeekReferral[]> {
    if (prisonerIds.length === 0 || activityIds.length === 0) return [];
    return this.txHost.tx.query(
      `SELECT prisoner_id AS "prisonerId", activity_id AS "activityId", status::text AS status
         FROM referral
        WHERE prisoner_id = ANY($1::uuid[]) AND activity_id = ANY($2::uuid[]) AND status IN ('APPROVED', 'ALLOCATED')
        ORDER BY id`,
      [prisonerIds, activityIds],
    );
  }

  /** Pairs among the prisoners kept apart on some day of [from, to]. */
  async findNonAssociations(prisonerIds: readonly string[], from: IsoDate, to: IsoDate): Promise<Array<[string, string]>> {
    if (prisonerIds.length < 2) return [];
    const rows = await this.txHost.tx.query<Array<{ a: string; b: string }>>(
      `SELECT prisoner_a_id AS a, prisoner_b_id AS b
         FROM non_association
        WHERE prisoner_a_id = ANY($1::uuid[]) AND prisoner_b_id = ANY($1::uuid[]) AND from_date <= $3 AND (to_date IS NULL OR to_date >= $2)`,
      [prisonerIds, from, to],
    );
    return rows.map((r) => [r.a, r.b]);
  }

  /** Bookings on the given sessions, with whether their allocation is locked. */
  async findBookings(sessionIds: readonly string[]): Promise<WeekBooking[]> {
    if (sessionIds.length === 0) return [];
    return this.txHost.tx.query(
      `SELECT b.prisoner_id AS "prisonerId", b.session_id AS "sessionId", a.locked
         FROM booking b JOIN allocation a ON a.id = b.allocation_id
        WHERE b.session_id = ANY($1::uuid[])
        ORDER BY b.id`,
      [sessionIds],
    );
  }

  /** Locked allocations of the prisoners to the prison's activities in force some day of [from, to]. */
  async findLockedAllocations(prisonId: string, prisonerIds: readonly string[], from: IsoDate, to: IsoDate): Promise<LockedAllocation[]> {
    if (prisonerIds.length === 0) return [];
    return this.txHost.tx.query(
      `SELECT DISTINCT prisoner_id AS "prisonerId", activity_id AS "activityId"
         FROM allocation
        WHERE prison_id = $1 AND prisoner_id = ANY($2::uuid[]) AND locked AND start_date <= $4 AND (end_date IS NULL OR end_date >= $3)`,
      [prisonId, prisonerIds, from, to],
    );
  }
}
