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

  /** The prisoner's allocations to the activity that are open on or after `from`, locked, oldest first. */
  async lockOpenFrom(prisonerId: string, activityId: string, from: IsoDate): Promise<OpenAllocation[]> {
    return this.txHost.tx.query<OpenAllocation[]>(
      `SELECT id, to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate", locked
         FROM allocation WHERE prisoner_id = $1 AND activity_id = $2 AND (end_date IS NULL OR end_date >= $3)
        ORDER BY start_date FOR UPDATE`,
      [prisonerId, activityId, from],
    );
  }

  async countBookingsFrom(allocationId: string, from: IsoDate): Promise<number> {
    const [{ n }] = await this.txHost.tx.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM booking WHERE allocation_id = $1 AND date >= $2`,
      [allocationId, from],
    );
    return n;
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
