import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TxSource } from '../database/transaction-host';
import { DayPeriod } from '../activities/activity.enums';
import { IsoDate } from '../calendar/domain/oslo-time';

export interface MoveSessionRow {
  id: string;
  prisonId: string;
  activityId: string;
  date: IsoDate;
  period: DayPeriod;
  cancelled: boolean;
}

/** The few reads and writes of moving a prisoner off a cancelled session (see SessionMovesService). */
@Injectable()
export class SessionMovesRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  /** The sessions as they are (no lock: for the checks made before the move's transaction). */
  async findSessions(ids: string[]): Promise<MoveSessionRow[]> {
    return this.txHost.tx.query(
      `SELECT id, prison_id AS "prisonId", activity_id AS "activityId", to_char(date, 'YYYY-MM-DD') AS date, period,
              cancelled_at IS NOT NULL AS cancelled
         FROM "session" WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** The sessions, locked in id order (so concurrent moves queue rather than deadlock). */
  async lockSessions(ids: string[]): Promise<MoveSessionRow[]> {
    return this.txHost.tx.query(
      `SELECT id, prison_id AS "prisonId", activity_id AS "activityId", to_char(date, 'YYYY-MM-DD') AS date, period,
              cancelled_at IS NOT NULL AS cancelled
         FROM "session" WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  /** Releases the prisoner's place on one session (the allocation itself stays). Returns whether there was one. */
  async deleteBooking(sessionId: string, prisonerId: string): Promise<boolean> {
    const [rows] = await this.txHost.tx.query<[Array<{ id: string }>, number]>(
      `DELETE FROM booking WHERE session_id = $1 AND prisoner_id = $2 RETURNING id`,
      [sessionId, prisonerId],
    );
    return rows.length > 0;
  }
}
