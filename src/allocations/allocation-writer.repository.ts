import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { IsoDate } from '../calendar/domain/oslo-time';
import type { TxSource } from '../database/transaction-host';
import { AllocationPatternKind, DeallocationReason } from './allocation.enums';
import { BookingsMaterialiser, MaterialiseScope } from './bookings-materialiser';
import type { ChosenSlot } from './entities/allocation.entity';

export interface NewAllocation {
  prisonerId: string;
  activityId: string;
  prisonId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  pattern: AllocationPatternKind | string;
  chosenSlots: readonly ChosenSlot[] | null;
  overrideReason?: string | null;
  createdByUserId: string;
}

export interface AllocationEnding {
  endDate: IsoDate;
  reason: DeallocationReason | 'OTHER';
  note: string | null;
  byUserId: string;
}

export interface OpenAllocation {
  id: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  locked: boolean;
}

/** An open allocation of one (prisoner, activity) pair (lockOpenFromMany). */
export interface OpenAllocationOfPair extends OpenAllocation {
  prisonerId: string;
  activityId: string;
}

const JSON_CHUNK = 5000;
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The one writer of allocations and their bookings: the allocation use cases, the draft apply and the
 * demo plan all insert, end, lock and delete allocations here, in the active transaction
 * (TransactionHost; code outside Nest passes `txOf(manager)`).
 */
@Injectable()
export class AllocationWriter {
  private readonly bookings: BookingsMaterialiser;

  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {
    this.bookings = new BookingsMaterialiser(txHost);
  }

  async insert(a: NewAllocation): Promise<string> {
    const [row] = await this.txHost.tx.query<Array<{ id: string }>>(
      `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, end_date, pattern, chosen_slots, override_reason, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        a.prisonerId,
        a.activityId,
        a.prisonId,
        a.startDate,
        a.endDate,
        a.pattern,
        a.chosenSlots ? JSON.stringify(a.chosenSlots) : null,
        a.overrideReason ?? null,
        a.createdByUserId,
      ],
    );
    return row.id;
  }

  /** Bulk insert of complete rows (ids and timestamps given), one JSON parameter per chunk: the demo plan. Keys are entity property names. */
  async insertMany(rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0])
      .map((k) => `"${snakeCase(k)}"`)
      .join(', ');
    for (let i = 0; i < rows.length; i += JSON_CHUNK) {
      const chunk = rows.slice(i, i + JSON_CHUNK).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [snakeCase(k), v])));
      await this.txHost.tx.query(
        `INSERT INTO "allocation" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"allocation", $1::json)`,
        [JSON.stringify(chunk)],
      );
    }
  }

  async end(id: string, e: AllocationEnding): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE allocation SET end_date = $2, ended_reason = $3, ended_note = $4, ended_by_user_id = $5, updated_at = now() WHERE id = $1`,
      [id, e.endDate, e.reason, e.note, e.byUserId],
    );
  }

  async setLocked(id: string, locked: boolean): Promise<void> {
    await this.txHost.tx.query(`UPDATE allocation SET locked = $2, updated_at = now() WHERE id = $1`, [id, locked]);
  }

  /** Removes an allocation, with its bookings (they cascade). */
  async delete(id: string): Promise<void> {
    await this.txHost.tx.query(`DELETE FROM allocation WHERE id = $1`, [id]);
  }

  /** Many inserts in one statement (the draft apply); answers the new rows' ids in the order given (made here, as insertMany's). */
  async insertAll(rows: readonly NewAllocation[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const ids = rows.map(() => randomUUID());
    const column = <T>(f: (a: NewAllocation) => T) => rows.map(f);
    await this.txHost.tx.query(
      `INSERT INTO allocation (id, prisoner_id, activity_id, prison_id, start_date, end_date, pattern, chosen_slots, override_reason, created_by_user_id)
       SELECT id, prisoner_id, activity_id, prison_id, start_date, end_date, pattern::allocation_pattern, chosen_slots::jsonb, override_reason, created_by_user_id
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::date[], $6::date[], $7::text[], $8::text[], $9::text[], $10::uuid[])
              WITH ORDINALITY AS g(id, prisoner_id, activity_id, prison_id, start_date, end_date, pattern, chosen_slots, override_reason, created_by_user_id, n)
        ORDER BY n`,
      [
        ids,
        column((a) => a.prisonerId),
        column((a) => a.activityId),
        column((a) => a.prisonId),
        column((a) => a.startDate),
        column((a) => a.endDate),
        column((a) => a.pattern),
        column((a) => (a.chosenSlots ? JSON.stringify(a.chosenSlots) : null)),
        column((a) => a.overrideReason ?? null),
        column((a) => a.createdByUserId),
      ],
    );
    return ids;
  }

  /** Ends many allocations, each on its own date, for the same reason, note and user. */
  async endAll(ends: ReadonlyArray<{ id: string; endDate: IsoDate }>, e: Omit<AllocationEnding, 'endDate'>): Promise<void> {
    if (ends.length === 0) return;
    await this.txHost.tx.query(
      `UPDATE allocation a SET end_date = v.end_date, ended_reason = $3, ended_note = $4, ended_by_user_id = $5, updated_at = now()
         FROM unnest($1::uuid[], $2::date[]) AS v(id, end_date) WHERE a.id = v.id`,
      [ends.map((x) => x.id), ends.map((x) => x.endDate), e.reason, e.note, e.byUserId],
    );
  }

  /** Removes allocations, with their bookings (they cascade). */
  async deleteAll(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.txHost.tx.query(`DELETE FROM allocation WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * For each (prisoner, activity, from): the pair's allocations open on or after that date, all locked
   * together (in id order), oldest first within a pair.
   */
  async lockOpenFromMany(
    wanted: ReadonlyArray<{ prisonerId: string; activityId: string; from: IsoDate }>,
  ): Promise<OpenAllocationOfPair[]> {
    if (wanted.length === 0) return [];
    return this.txHost.tx.query<OpenAllocationOfPair[]>(
      `WITH locked AS (
         SELECT a.id, a.prisoner_id, a.activity_id, a.start_date, a.end_date, a.locked
           FROM allocation a
           JOIN unnest($1::uuid[], $2::uuid[], $3::date[]) AS w(prisoner_id, activity_id, from_date)
             ON a.prisoner_id = w.prisoner_id AND a.activity_id = w.activity_id AND (a.end_date IS NULL OR a.end_date >= w.from_date)
          ORDER BY a.id FOR UPDATE OF a
       )
       SELECT id, prisoner_id AS "prisonerId", activity_id AS "activityId", to_char(start_date, 'YYYY-MM-DD') AS "startDate",
              to_char(end_date, 'YYYY-MM-DD') AS "endDate", locked
         FROM locked ORDER BY prisoner_id, activity_id, start_date`,
      [wanted.map((w) => w.prisonerId), wanted.map((w) => w.activityId), wanted.map((w) => w.from)],
    );
  }

  /** Removes bookings of many allocations, each from its own date on; answers how many were removed. */
  removeBookingsFromMany(from: ReadonlyArray<{ allocationId: string; from: IsoDate }>): Promise<number> {
    return this.bookings.removeFromMany(from);
  }

  /** Books the allocations in scope (BookingsMaterialiser: within capacity, one session per half-day). */
  book(scope: MaterialiseScope): Promise<number> {
    return this.bookings.materialise(scope);
  }

  /** Removes bookings of an allocation from a date on (the allocation ended or changed). */
  removeBookingsFrom(allocationId: string, from: IsoDate): Promise<number> {
    return this.bookings.removeFrom(allocationId, from);
  }
}
