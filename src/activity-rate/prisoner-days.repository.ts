import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IsoDate } from '../calendar/domain/oslo-time';
import { REFRESH_PRISONER_DAYS_SQL, REFRESH_RATE_ROLLUP_SQL } from './prisoner-days.sql';

export interface RefreshedPrisonerDays {
  written: number;
  deleted: number;
  prison_ids: string[] | null;
  dates: string[] | null;
}

/**
 * The prisoner_day and prison_day_rate writes of PrisonerDaysService. Each method runs on the manager it
 * is given: refreshDays is also called with a transaction's manager from the demo loader and the benches,
 * outside Nest.
 */
@Injectable()
export class PrisonerDaysRepository {
  /** Waits for the writer lock (transaction-level): writers of prisoner_day go one at a time. */
  async lockWriters(em: EntityManager, key: number): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [key]);
  }

  async refresh(
    em: EntityManager,
    p: {
      countedDays: IsoDate[];
      from: IsoDate;
      to: IsoDate;
      everyone: boolean;
      prisonerIds: readonly string[];
      prisonIds: readonly string[];
    },
  ): Promise<RefreshedPrisonerDays> {
    const [result] = await em.query<RefreshedPrisonerDays[]>(REFRESH_PRISONER_DAYS_SQL, [
      p.countedDays,
      p.from,
      p.to,
      p.everyone,
      p.prisonerIds,
      p.prisonIds,
    ]);
    return result;
  }

  async refreshRollup(em: EntityManager, prisonIds: string[], dates: string[]): Promise<void> {
    // Two statements: a delete and an insert of the same keys cannot share one statement.
    await em.query(
      `DELETE FROM prison_day_rate r USING unnest($1::uuid[], $2::date[]) AS t(prison_id, date) WHERE r.prison_id = t.prison_id AND r.date = t.date`,
      [prisonIds, dates],
    );
    await em.query(REFRESH_RATE_ROLLUP_SQL, [prisonIds, dates]);
  }
}
