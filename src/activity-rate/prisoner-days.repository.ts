import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { IsoDate } from '../calendar/domain/oslo-time';
import type { TxSource } from '../database/transaction-host';
import { REFRESH_PRISONER_DAYS_SQL, REFRESH_RATE_ROLLUP_SQL } from './prisoner-days.sql';

export interface RefreshedPrisonerDays {
  written: number;
  deleted: number;
  prison_ids: string[] | null;
  dates: string[] | null;
}

/**
 * The prisoner_day and prison_day_rate writes of PrisonerDaysService, in the active transaction
 * (TransactionHost). The demo loader and the benches, outside Nest, build one over their own manager
 * with `txOf(manager)` (refreshPrisonerDaysWith).
 */
@Injectable()
export class PrisonerDaysRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  /** Waits for the writer lock (transaction-level): writers of prisoner_day go one at a time. */
  async lockWriters(key: number): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock($1)', [key]);
  }

  async refresh(p: {
    countedDays: IsoDate[];
    from: IsoDate;
    to: IsoDate;
    everyone: boolean;
    prisonerIds: readonly string[];
    prisonIds: readonly string[];
  }): Promise<RefreshedPrisonerDays> {
    const [result] = await this.txHost.tx.query<RefreshedPrisonerDays[]>(REFRESH_PRISONER_DAYS_SQL, [
      p.countedDays,
      p.from,
      p.to,
      p.everyone,
      p.prisonerIds,
      p.prisonIds,
    ]);
    return result;
  }

  async refreshRollup(prisonIds: string[], dates: string[]): Promise<void> {
    // Two statements: a delete and an insert of the same keys cannot share one statement.
    await this.txHost.tx.query(
      `DELETE FROM prison_day_rate r USING unnest($1::uuid[], $2::date[]) AS t(prison_id, date) WHERE r.prison_id = t.prison_id AND r.date = t.date`,
      [prisonIds, dates],
    );
    await this.txHost.tx.query(REFRESH_RATE_ROLLUP_SQL, [prisonIds, dates]);
  }
}
