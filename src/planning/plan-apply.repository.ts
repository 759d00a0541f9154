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

  findBookings(prisonerIds: string[], sessionIds: string[]): Promise<Array<{ prisonerId: string; sessionId: string }>> {
    return this.txHost.tx.query(
      `SELECT prisoner_id AS "prisonerId", session_id AS "sessionId" FROM booking WHERE prisoner_id = ANY($1::uuid[]) AND session_id = ANY($2::uuid[])`,
      [prisonerIds, sessionIds],
    );
  }
}
