import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { IsoDate } from '../calendar/domain/oslo-time';
import type { TxSource } from '../database/transaction-host';

/**
 * SQL condition: allocation `a` takes the half-day of session `s` (ALL, mornings, afternoons, or one of
 * its chosen weekday/half-days). The SQL twin of `patternCovers` in domain/allocation-pattern.ts.
 */
export function patternCoversSql(a: string, s: string): string {
  return `CASE ${a}.pattern
                  WHEN 'ALL' THEN true
                  WHEN 'AM_ONLY' THEN ${s}.period = 'AM'
                  WHEN 'PM_ONLY' THEN ${s}.period = 'PM'
                  ELSE ${a}.chosen_slots @> jsonb_build_array(jsonb_build_object('weekday', extract(isodow FROM ${s}.date)::int, 'period', ${s}.period::text))
                END`;
}

export interface MaterialiseScope {
  /** First date to book (inclusive); bookings before it are never touched. */
  from: IsoDate;
  /** Last date to book (inclusive), normally the end of the session horizon. */
  to: IsoDate;
  activityIds?: string[];
  allocationIds?: string[];
  prisonIds?: string[];
}

/**
 * Turns allocations into bookings: one row per prisoner per session their allocation covers.
 * Rosters, attendance and the week views read bookings; allocations are the officer's intent.
 *
 * Set-based and idempotent: sessions already booked, half-days the prisoner already has, days out of
 * custody at the activity's prison, and places beyond capacity are skipped (the ranking inside the
 * statement keeps it within capacity, so the capacity trigger never aborts the batch).
 */
@Injectable()
export class BookingsMaterialiser {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  async materialise(scope: MaterialiseScope): Promise<number> {
    const rows = await this.txHost.tx.query<Array<{ id: string }>>(
      `WITH wanted AS (
         SELECT s.id AS session_id, a.prisoner_id, a.id AS allocation_id, s.date, s.period, s.capacity, s.booked, a.created_at
           FROM allocation a
           JOIN "session" s ON s.activity_id = a.activity_id
                           AND s.date BETWEEN greatest(a.start_date, $1::date) AND least(coalesce(a.end_date, $2::date), $2::date)
          WHERE ($3::uuid[] IS NULL OR a.activity_id = ANY($3))
            AND ($4::uuid[] IS NULL OR a.id = ANY($4))
            AND ($5::uuid[] IS NULL OR a.prison_id = ANY($5))
            AND (a.end_date IS NULL OR a.end_date >= $1::date)
            AND ${patternCoversSql('a', 's')}
            AND EXISTS (SELECT 1 FROM custody_period cp
                         WHERE cp.prisoner_id = a.prisoner_id AND cp.prison_id = s.prison_id
                           AND cp.from_date <= s.date AND (cp.to_date IS NULL OR cp.to_date > s.date))
            AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.prisoner_id = a.prisoner_id AND b.date = s.date AND b.period = s.period)
       ), one_per_half_day AS (
         SELECT w.*, row_number() OVER (PARTITION BY w.prisoner_id, w.date, w.period ORDER BY w.created_at, w.allocation_id) AS choice
           FROM wanted w
       ), placed AS (
         SELECT o.*, row_number() OVER (PARTITION BY o.session_id ORDER BY o.created_at, o.allocation_id) AS place
           FROM one_per_half_day o WHERE o.choice = 1
       )
       INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period)
       SELECT session_id, prisoner_id, allocation_id, date, period FROM placed
        WHERE place <= capacity - booked
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [scope.from, scope.to, scope.activityIds ?? null, scope.allocationIds ?? null, scope.prisonIds ?? null],
    );
    return rows.length;
  }

  /** Removes bookings of an allocation from a date on (the allocation ended or changed). */
  async removeFrom(allocationId: string, from: IsoDate): Promise<number> {
    // For DELETE … RETURNING the postgres driver answers [rows, affected count].
    const [rows] = await this.txHost.tx.query<[Array<{ id: string }>, number]>(
      `DELETE FROM booking WHERE allocation_id = $1 AND date >= $2 RETURNING id`,
      [allocationId, from],
    );
    return rows.length;
  }

  /**
   * removeFrom for many allocations, each from its own date; answers the number of bookings removed.
   * (`= ANY` as well as the join, so that PostgreSQL reads the allocations' bookings by index, not the whole table.)
   */
  async removeFromMany(from: ReadonlyArray<{ allocationId: string; from: IsoDate }>): Promise<number> {
    if (from.length === 0) return 0;
    const [{ n }] = await this.txHost.tx.query<Array<{ n: number }>>(
      `WITH removed AS (
         DELETE FROM booking b USING unnest($1::uuid[], $2::date[]) AS r(allocation_id, from_date)
          WHERE b.allocation_id = ANY($1::uuid[]) AND b.allocation_id = r.allocation_id AND b.date >= r.from_date
         RETURNING b.id
       )
       SELECT count(*)::int AS n FROM removed`,
      [from.map((r) => r.allocationId), from.map((r) => r.from)],
    );
    return n;
  }
}
