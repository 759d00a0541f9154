import type { EntityManager } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { DayPeriod } from '../activities/activity.enums';
import { IsoDate } from '../calendar/domain/oslo-time';
import { SecurityLevel } from '../organisation/organisation.enums';
import { CustodyEndReason } from '../prisoners/prisoner.enums';
import { AllocationPatternKind, DeallocationReason } from './allocation.enums';
import type { ChosenSlot } from './entities/allocation.entity';
import type { CoveredSession, CustodySpan, NonAssociation, OtherSession, Referral, Unavailability } from './domain/suitability';
import { parsePgArray } from '../database/pg-array';
import type { TxSource } from '../database/transaction-host';

export interface ActivityRow {
  id: string;
  prisonId: string;
  name: string;
  securityLevels: SecurityLevel[];
  minAge: number | null;
  maxAge: number | null;
  requiresReferral: boolean;
}

export interface SessionRow extends CoveredSession {
  activityId: string;
}

export interface AllocationRow {
  id: string;
  prisonerId: string;
  activityId: string;
  activityName: string;
  prisonId: string;
  startDate: string;
  endDate: string | null;
  pattern: AllocationPatternKind;
  chosenSlots: ChosenSlot[] | null;
  endedReason: DeallocationReason | null;
  locked: boolean;
  overrideReason: string | null;
  upcomingSessions: number;
}

/**
 * Reads for allocation use cases, in the active transaction (TransactionHost): allocations run in one
 * transaction, and on the embedded database a query outside it would wait for the only connection.
 */
@Injectable()
export class AllocationsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  async findActivity(id: string): Promise<ActivityRow | undefined> {
    const rows = await this.txHost.tx.query<Array<ActivityRow & { securityLevels: string[] | string }>>(
      `SELECT id, prison_id AS "prisonId", name, security_levels::text[] AS "securityLevels", min_age AS "minAge", max_age AS "maxAge",
              requires_referral AS "requiresReferral"
         FROM activity WHERE id = $1`,
      [id],
    );
    return rows[0] ? { ...rows[0], securityLevels: parsePgArray(rows[0].securityLevels) as SecurityLevel[] } : undefined;
  }

  /** Locks the prisoner's row: allocations of one prisoner are decided one at a time. */
  async lockPrisoner(prisonerId: string): Promise<{ id: string; dateOfBirth: IsoDate } | undefined> {
    const rows = await this.txHost.tx.query<Array<{ id: string; dateOfBirth: string }>>(
      `SELECT id, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth" FROM prisoner WHERE id = $1 FOR UPDATE`,
      [prisonerId],
    );
    return rows[0];
  }

  async findPrisoner(prisonerId: string): Promise<{ id: string; dateOfBirth: IsoDate } | undefined> {
    const rows = await this.txHost.tx.query<Array<{ id: string; dateOfBirth: string }>>(
      `SELECT id, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth" FROM prisoner WHERE id = $1`,
      [prisonerId],
    );
    return rows[0];
  }

  async findCustody(prisonerId: string): Promise<Array<CustodySpan & { unitSecurityLevel: SecurityLevel }>> {
    return this.txHost.tx.query(
      `SELECT cp.prison_id AS "prisonId", to_char(cp.from_date, 'YYYY-MM-DD') AS "fromDate", to_char(cp.to_date, 'YYYY-MM-DD') AS "toDate",
              cp.end_reason AS "endReason", u.security_level AS "unitSecurityLevel"
         FROM custody_period cp JOIN unit u ON u.id = cp.unit_id
        WHERE cp.prisoner_id = $1 ORDER BY cp.from_date`,
      [prisonerId],
    ) as Promise<Array<CustodySpan & { unitSecurityLevel: SecurityLevel; endReason: CustodyEndReason | null }>>;
  }

  /**
   * The activity's sessions from `from` to `to` (inclusive), with who is booked on each. With
   * `lock`, the session rows are locked first (in id order, so concurrent callers cannot deadlock).
   */
  async findSessions(activityId: string, from: IsoDate, to: IsoDate, lock: boolean): Promise<SessionRow[]> {
    if (lock) await this.lockSessionsOfActivities([activityId], from, to);
    const rows = await this.txHost.tx.query<Array<Omit<SessionRow, 'allocatedPrisonerIds'> & { allocated: string[] | string | null }>>(
      `SELECT s.id, s.activity_id AS "activityId", to_char(s.date, 'YYYY-MM-DD') AS date, s.period,
              to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime", s.capacity,
              s.cancelled_at IS NOT NULL AS cancelled,
              (SELECT array_agg(b.prisoner_id) FROM booking b WHERE b.session_id = s.id) AS allocated
         FROM "session" s
        WHERE s.activity_id = $1 AND s.date BETWEEN $2 AND $3
        ORDER BY s.date, s.period`,
      [activityId, from, to],
    );
    return rows.map(({ allocated, ...s }) => ({ ...s, allocatedPrisonerIds: parsePgArray(allocated) }));
  }

  async findUnavailability(prisonerId: string, from: IsoDate, to: IsoDate): Promise<Unavailability[]> {
    return (await this.findUnavailabilityOfPrisoners([prisonerId], from, to)).map(({ prisonerId: _, ...u }) => u);
  }

  async findOtherBookings(prisonerId: string, from: IsoDate, to: IsoDate): Promise<Array<OtherSession & { allocationId: string }>> {
    return this.txHost.tx.query(
      `SELECT b.session_id AS "sessionId", b.allocation_id AS "allocationId", to_char(b.date, 'YYYY-MM-DD') AS date, b.period, a.name AS "activityName"
         FROM booking b JOIN "session" s ON s.id = b.session_id JOIN activity a ON a.id = s.activity_id
        WHERE b.prisoner_id = $1 AND b.date BETWEEN $2 AND $3`,
      [prisonerId, from, to],
    );
  }

  async findNonAssociations(prisonerId: string, from: IsoDate, to: IsoDate): Promise<NonAssociation[]> {
    const rows = await this.txHost.tx.query<Array<{ other: string }>>(
      `SELECT CASE WHEN prisoner_a_id = $1 THEN prisoner_b_id ELSE prisoner_a_id END AS other
         FROM non_association
        WHERE (prisoner_a_id = $1 OR prisoner_b_id = $1) AND from_date <= $3 AND (to_date IS NULL OR to_date >= $2)`,
      [prisonerId, from, to],
    );
    return rows.map((r) => ({ prisonerId, otherPrisonerId: r.other, active: true }));
  }

  async findReferrals(prisonerId: string, activityId: string): Promise<Referral[]> {
    return this.txHost.tx.query(`SELECT activity_id AS "activityId", status FROM referral WHERE prisoner_id = $1 AND activity_id = $2`, [
      prisonerId,
      activityId,
    ]);
  }

  async findAllocation(id: string, today: IsoDate, lock = false): Promise<AllocationRow | undefined> {
    if (lock) await this.txHost.tx.query(`SELECT id FROM allocation WHERE id = $1 FOR UPDATE`, [id]);
    const rows = await this.selectAllocations('a.id = $2', [today, id]);
    return rows[0];
  }

  /**
   * Whether the prisoner has attendance recorded on any of the activity's sessions of that day. The sessions are
   * locked first (in id order, as allocations lock them): attendance is recorded under its session's lock, so
   * none can be recorded between this answer and what the caller does with it.
   */
  async lockDayAndHasAttendance(activityId: string, prisonerId: string, date: IsoDate): Promise<boolean> {
    await this.txHost.tx.query(`SELECT id FROM "session" WHERE activity_id = $1 AND date = $2 ORDER BY id FOR UPDATE`, [activityId, date]);
    const rows = await this.txHost.tx.query<unknown[]>(
      `SELECT 1 FROM attendance at JOIN "session" s ON s.id = at.session_id
        WHERE s.activity_id = $1 AND at.prisoner_id = $2 AND at.date = $3 LIMIT 1`,
      [activityId, prisonerId, date],
    );
    return rows.length > 0;
  }

  async findAllocationsOfPrisoner(prisonerId: string, today: IsoDate, includeEnded: boolean): Promise<AllocationRow[]> {
    return this.selectAllocations(`a.prisoner_id = $2 AND ($3 OR a.end_date IS NULL OR a.end_date >= $1)`, [
      today,
      prisonerId,
      includeEnded,
    ]);
  }

  async findAllocationsOfActivity(activityId: string, today: IsoDate, includeEnded: boolean): Promise<AllocationRow[]> {
    return this.selectAllocations(`a.activity_id = $2 AND ($3 OR a.end_date IS NULL OR a.end_date >= $1)`, [
      today,
      activityId,
      includeEnded,
    ]);
  }

  // Many proposals at once (the draft apply): the same reads as above for a set of prisoners and activities
  // over one date range, each row keyed by whom it is about, so that the caller picks each proposal's part.

  async findActivities(ids: readonly string[]): Promise<ActivityRow[]> {
    const rows = await this.txHost.tx.query<Array<ActivityRow & { securityLevels: string[] | string }>>(
      `SELECT id, prison_id AS "prisonId", name, security_levels::text[] AS "securityLevels", min_age AS "minAge", max_age AS "maxAge",
              requires_referral AS "requiresReferral"
         FROM activity WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({ ...r, securityLevels: parsePgArray(r.securityLevels) as SecurityLevel[] }));
  }

  /** Locks the activities' sessions from `from` to `to` (inclusive), in id order. */
  async lockSessionsOfActivities(activityIds: readonly string[], from: IsoDate, to: IsoDate): Promise<void> {
    await this.txHost.tx.query(
      `SELECT id FROM "session" WHERE activity_id = ANY($1::uuid[]) AND date BETWEEN $2 AND $3 ORDER BY id FOR UPDATE`,
      [activityIds, from, to],
    );
  }

  /**
   * The locks of a change of many allocations at once (a draft's apply or undo), taken up front in the order
   * every allocation write takes them — the prisoners, then the sessions of their activities, each in id
   * order — before any booking is removed or made: the booking triggers lock the sessions they count, and
   * taken midway those locks met an officer's allocation (prisoner, then sessions) the other way round, and
   * PostgreSQL broke the deadlock by failing one of them.
   */
  async lockForAllocationChanges(
    prisonerIds: readonly string[],
    activityIds: readonly string[],
    from: IsoDate,
    to: IsoDate,
  ): Promise<void> {
    if (prisonerIds.length > 0) await this.lockPrisoners(prisonerIds);
    if (activityIds.length > 0) await this.lockSessionsOfActivities(activityIds, from, to);
  }

  /** Locks the prisoners' rows, in id order (as one prisoner's lockPrisoner, for many). */
  async lockPrisoners(ids: readonly string[]): Promise<Array<{ id: string; dateOfBirth: IsoDate }>> {
    return this.txHost.tx.query(
      `SELECT id, to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth" FROM prisoner WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  async findCustodyOfPrisoners(
    ids: readonly string[],
  ): Promise<Array<CustodySpan & { prisonerId: string; unitSecurityLevel: SecurityLevel }>> {
    return this.txHost.tx.query(
      `SELECT cp.prisoner_id AS "prisonerId", cp.prison_id AS "prisonId", to_char(cp.from_date, 'YYYY-MM-DD') AS "fromDate",
              to_char(cp.to_date, 'YYYY-MM-DD') AS "toDate", cp.end_reason AS "endReason", u.security_level AS "unitSecurityLevel"
         FROM custody_period cp JOIN unit u ON u.id = cp.unit_id
        WHERE cp.prisoner_id = ANY($1::uuid[]) ORDER BY cp.prisoner_id, cp.from_date`,
      [ids],
    );
  }

  /** The activities' sessions from `from` to `to` (inclusive) with who is booked on each; with `lock`, locked first in id order. */
  async findSessionsOfActivities(activityIds: readonly string[], from: IsoDate, to: IsoDate, lock: boolean): Promise<SessionRow[]> {
    if (lock) await this.lockSessionsOfActivities(activityIds, from, to);
    const rows = await this.txHost.tx.query<Array<Omit<SessionRow, 'allocatedPrisonerIds'> & { allocated: string[] | string | null }>>(
      `SELECT s.id, s.activity_id AS "activityId", to_char(s.date, 'YYYY-MM-DD') AS date, s.period,
              to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime", s.capacity,
              s.cancelled_at IS NOT NULL AS cancelled,
              (SELECT array_agg(b.prisoner_id) FROM booking b WHERE b.session_id = s.id) AS allocated
         FROM "session" s
        WHERE s.activity_id = ANY($1::uuid[]) AND s.date BETWEEN $2 AND $3
        ORDER BY s.date, s.period`,
      [activityIds, from, to],
    );
    return rows.map(({ allocated, ...s }) => ({ ...s, allocatedPrisonerIds: parsePgArray(allocated) }));
  }

  findUnavailabilityOfPrisoners(
    ids: readonly string[],
    from: IsoDate,
    to: IsoDate,
  ): Promise<Array<Unavailability & { prisonerId: string }>> {
    return readUnavailability(this.txHost.tx, ids, from, to);
  }

  async findOtherBookingsOfPrisoners(
    ids: readonly string[],
    from: IsoDate,
    to: IsoDate,
  ): Promise<Array<OtherSession & { prisonerId: string; allocationId: string }>> {
    return this.txHost.tx.query(
      `SELECT b.prisoner_id AS "prisonerId", b.session_id AS "sessionId", b.allocation_id AS "allocationId", to_char(b.date, 'YYYY-MM-DD') AS date,
              b.period, a.name AS "activityName"
         FROM booking b JOIN "session" s ON s.id = b.session_id JOIN activity a ON a.id = s.activity_id
        WHERE b.prisoner_id = ANY($1::uuid[]) AND b.date BETWEEN $2 AND $3`,
      [ids, from, to],
    );
  }

  /** Non-associations of any of the prisoners in force some time from `from` to `to`, with their own dates (the caller narrows). */
  async findNonAssociationsOfPrisoners(
    ids: readonly string[],
    from: IsoDate,
    to: IsoDate,
  ): Promise<Array<{ a: string; b: string; fromDate: IsoDate; toDate: IsoDate | null }>> {
    return this.txHost.tx.query(
      `SELECT prisoner_a_id AS a, prisoner_b_id AS b, to_char(from_date, 'YYYY-MM-DD') AS "fromDate", to_char(to_date, 'YYYY-MM-DD') AS "toDate"
         FROM non_association
        WHERE (prisoner_a_id = ANY($1::uuid[]) OR prisoner_b_id = ANY($1::uuid[])) AND from_date <= $3 AND (to_date IS NULL OR to_date >= $2)`,
      [ids, from, to],
    );
  }

  /** The referrals of these (prisoner, activity) pairs. */
  async findReferralsOfPairs(
    pairs: ReadonlyArray<{ prisonerId: string; activityId: string }>,
  ): Promise<Array<Referral & { prisonerId: string }>> {
    return this.txHost.tx.query(
      `SELECT r.prisoner_id AS "prisonerId", r.activity_id AS "activityId", r.status
         FROM referral r JOIN unnest($1::uuid[], $2::uuid[]) AS p(prisoner_id, activity_id) ON p.prisoner_id = r.prisoner_id AND p.activity_id = r.activity_id`,
      [pairs.map((p) => p.prisonerId), pairs.map((p) => p.activityId)],
    );
  }

  private selectAllocations(where: string, params: unknown[]): Promise<AllocationRow[]> {
    return this.txHost.tx.query(
      `SELECT a.id, a.prisoner_id AS "prisonerId", a.activity_id AS "activityId", act.name AS "activityName", a.prison_id AS "prisonId",
              to_char(a.start_date, 'YYYY-MM-DD') AS "startDate", to_char(a.end_date, 'YYYY-MM-DD') AS "endDate", a.pattern,
              a.chosen_slots AS "chosenSlots", a.ended_reason AS "endedReason", a.locked, a.override_reason AS "overrideReason",
              (SELECT count(*)::int FROM booking b WHERE b.allocation_id = a.id AND b.date >= $1) AS "upcomingSessions"
         FROM allocation a JOIN activity act ON act.id = a.activity_id
        WHERE ${where}
        ORDER BY a.start_date, act.name`,
      params,
    );
  }
}

/**
 * The unavailability of some prisoners overlapping [from, to], as the suitability rules take it: one read for the
 * allocation checks (in the use case's transaction) and the picker's bulk checks (on the pool).
 */
export async function readUnavailability(
  db: { query: EntityManager['query'] },
  ids: readonly string[],
  from: IsoDate,
  to: IsoDate,
): Promise<Array<Unavailability & { prisonerId: string }>> {
  const rows = await db.query<
    Array<{
      prisonerId: string;
      date: string;
      endDate: string;
      period: DayPeriod | null;
      startTime: string | null;
      endTime: string | null;
      kind: string;
      note: string;
    }>
  >(
    `SELECT prisoner_id AS "prisonerId", to_char(from_date, 'YYYY-MM-DD') AS date, to_char(to_date, 'YYYY-MM-DD') AS "endDate", period,
            to_char(start_time, 'HH24:MI') AS "startTime", to_char(end_time, 'HH24:MI') AS "endTime", kind, note
       FROM unavailability WHERE prisoner_id = ANY($1::uuid[]) AND from_date <= $3 AND to_date >= $2`,
    [ids, from, to],
  );
  return rows.map((r) => ({
    prisonerId: r.prisonerId,
    date: r.date,
    endDate: r.endDate,
    period: r.period,
    startTime: r.startTime,
    endTime: r.endTime,
    reason: r.kind,
    description: r.note || null,
  }));
}
