import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { DayPeriod } from '../activities/activity.enums';
import type { TxSource } from '../database/transaction-host';

export interface ApartTogetherRow {
  prisonerId: string;
  otherId: string;
  activityId: string;
  sessionId: string;
  date: string;
  period: DayPeriod;
}

/** An allocation as it was before an apply changed it (kept to undo the apply). */
export interface AllocationSnapshot {
  id: string;
  prisonerId: string;
  activityId: string;
  prisonId: string;
  startDate: string;
  endDate: string | null;
  pattern: string;
  chosenSlots: Array<{ weekday: number; period: string }> | null;
  overrideReason: string | null;
  createdByUserId: string;
  endedReason: string | null;
  endedNote: string | null;
  endedByUserId: string | null;
}

/** Reads of the draft apply, in its transaction (the writes go through AllocationWriter). */
@Injectable()
export class PlanApplyRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  /** Which of these (prisoner, activity) pairs already have an allocated referral, as `prisonerId|activityId`. */
  async findAllocatedReferrals(pairs: ReadonlyArray<{ prisonerId: string; activityId: string }>): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows = await this.txHost.tx.query<Array<{ key: string }>>(
      `SELECT DISTINCT r.prisoner_id || '|' || r.activity_id AS key
         FROM referral r JOIN unnest($1::uuid[], $2::uuid[]) AS p(prisoner_id, activity_id) ON p.prisoner_id = r.prisoner_id AND p.activity_id = r.activity_id
        WHERE r.status = 'ALLOCATED'`,
      [pairs.map((p) => p.prisonerId), pairs.map((p) => p.activityId)],
    );
    return new Set(rows.map((r) => r.key));
  }

  /** Bookings of these allocations in these sessions that put someone beside a prisoner they must be kept apart from. */
  findApartTogether(allocationIds: string[], sessionIds: string[]): Promise<ApartTogetherRow[]> {
    return this.txHost.tx.query<ApartTogetherRow[]>(
      `SELECT mine.prisoner_id AS "prisonerId", other.prisoner_id AS "otherId", s.activity_id AS "activityId", s.id AS "sessionId",
              to_char(s.date, 'YYYY-MM-DD') AS date, s.period
         FROM booking mine
         JOIN booking other ON other.session_id = mine.session_id AND other.prisoner_id <> mine.prisoner_id
         JOIN "session" s ON s.id = mine.session_id
         JOIN non_association na ON na.prisoner_a_id = least(mine.prisoner_id, other.prisoner_id) AND na.prisoner_b_id = greatest(mine.prisoner_id, other.prisoner_id)
                                AND na.from_date <= s.date AND (na.to_date IS NULL OR na.to_date >= s.date)
        WHERE mine.allocation_id = ANY($1::uuid[]) AND mine.session_id = ANY($2::uuid[])
        ORDER BY 1, 4`,
      [allocationIds, sessionIds],
    );
  }

  /** The activities of these sessions. */
  async activitiesOfSessions(sessionIds: readonly string[]): Promise<string[]> {
    const rows = await this.txHost.tx.query<Array<{ id: string }>>(
      `SELECT DISTINCT activity_id AS id FROM "session" WHERE id = ANY($1::uuid[]) ORDER BY 1`,
      [sessionIds],
    );
    return rows.map((r) => r.id);
  }

  findBookings(prisonerIds: string[], sessionIds: string[]): Promise<Array<{ prisonerId: string; sessionId: string }>> {
    return this.txHost.tx.query(
      `SELECT prisoner_id AS "prisonerId", session_id AS "sessionId" FROM booking WHERE prisoner_id = ANY($1::uuid[]) AND session_id = ANY($2::uuid[])`,
      [prisonerIds, sessionIds],
    );
  }

  /** Each prisoner's unit at this prison on the given day. */
  async unitsOn(prisonId: string, days: Array<{ prisonerId: string; date: string }>): Promise<Map<string, string>> {
    if (days.length === 0) return new Map();
    const rows = await this.txHost.tx.query<Array<{ prisonerId: string; unitId: string }>>(
      `SELECT d.prisoner_id AS "prisonerId", cp.unit_id AS "unitId"
         FROM unnest($2::uuid[], $3::date[]) AS d(prisoner_id, date)
         JOIN custody_period cp ON cp.prisoner_id = d.prisoner_id AND cp.prison_id = $1 AND cp.from_date <= d.date AND (cp.to_date IS NULL OR cp.to_date > d.date)`,
      [prisonId, days.map((d) => d.prisonerId), days.map((d) => d.date)],
    );
    return new Map(rows.map((r) => [r.prisonerId, r.unitId]));
  }

  /** The allocations of these (prisoner, activity) pairs open on or after `from`, as they are (before an apply changes them). */
  findAllocationsOf(pairs: Array<{ prisonerId: string; activityId: string }>, from: string): Promise<AllocationSnapshot[]> {
    if (pairs.length === 0) return Promise.resolve([]);
    return this.txHost.tx.query(
      `SELECT a.id, a.prisoner_id AS "prisonerId", a.activity_id AS "activityId", a.prison_id AS "prisonId",
              to_char(a.start_date, 'YYYY-MM-DD') AS "startDate", to_char(a.end_date, 'YYYY-MM-DD') AS "endDate", a.pattern::text AS pattern,
              a.chosen_slots AS "chosenSlots", a.override_reason AS "overrideReason", a.created_by_user_id AS "createdByUserId",
              a.ended_reason::text AS "endedReason", a.ended_note AS "endedNote", a.ended_by_user_id AS "endedByUserId"
         FROM unnest($1::uuid[], $2::uuid[]) AS p(prisoner_id, activity_id)
         JOIN allocation a ON a.prisoner_id = p.prisoner_id AND a.activity_id = p.activity_id AND (a.end_date IS NULL OR a.end_date >= $3)
        ORDER BY a.id`,
      [pairs.map((p) => p.prisonerId), pairs.map((p) => p.activityId), from],
    );
  }

  /** The referrals marking the prisoner allocated would change (with their status now). */
  findOpenReferrals(prisonerId: string, activityId: string): Promise<Array<{ id: string; status: string }>> {
    return this.txHost.tx.query(
      `SELECT id, status::text AS status FROM referral WHERE prisoner_id = $1 AND activity_id = $2 AND status <> 'ALLOCATED' ORDER BY id`,
      [prisonerId, activityId],
    );
  }

  /** Undo: a referral the apply marked allocated gets its status back (if it still is ALLOCATED). */
  async restoreReferral(id: string, status: string, at: Date): Promise<void> {
    await this.txHost.tx.query(`UPDATE referral SET status = $2::referral_status, updated_at = $3 WHERE id = $1 AND status = 'ALLOCATED'`, [
      id,
      status,
      at,
    ]);
  }

  /** Undo: an allocation the apply ended gets its previous end back. */
  async reopen(a: Pick<AllocationSnapshot, 'id' | 'endDate' | 'endedReason' | 'endedNote' | 'endedByUserId'>): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE allocation SET end_date = $2, ended_reason = $3, ended_note = $4, ended_by_user_id = $5, updated_at = now() WHERE id = $1`,
      [a.id, a.endDate, a.endedReason, a.endedNote, a.endedByUserId],
    );
  }

  /** Allocations as they are now (locked), to tell whether anyone changed them since an apply. */
  findAllocationStates(ids: string[]): Promise<Array<{ id: string; endDate: string | null; locked: boolean }>> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.txHost.tx.query(
      `SELECT id, to_char(end_date, 'YYYY-MM-DD') AS "endDate", locked FROM allocation WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  /** Attendance recorded for these prisoners on these sessions. */
  async countAttendance(pairs: Array<{ prisonerId: string; sessionId: string }>): Promise<number> {
    if (pairs.length === 0) return 0;
    const [{ n }] = await this.txHost.tx.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM unnest($1::uuid[], $2::uuid[]) AS p(prisoner_id, session_id)
         JOIN attendance at ON at.prisoner_id = p.prisoner_id AND at.session_id = p.session_id`,
      [pairs.map((p) => p.prisonerId), pairs.map((p) => p.sessionId)],
    );
    return n;
  }
}
