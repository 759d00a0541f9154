import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { IsoDate } from '../calendar/domain/oslo-time';
import type { TxSource } from '../database/transaction-host';

/** The watermark of complete prisoner-day facts (table fact_watermark, one row per fact table). */
export const PRISONER_DAYS_WATERMARK = 'prisoner-days';

@Injectable()
export class FactWatermarkRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  /** The last complete day, or null when none is known yet. */
  async completeThrough(name: string): Promise<IsoDate | null> {
    const rows = await this.txHost.tx.query<Array<{ d: string }>>(
      `SELECT to_char(complete_through, 'YYYY-MM-DD') AS d FROM fact_watermark WHERE name = $1`,
      [name],
    );
    return rows[0]?.d ?? null;
  }

  async setCompleteThrough(name: string, day: IsoDate): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO fact_watermark (name, complete_through, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET complete_through = EXCLUDED.complete_through, updated_at = now()`,
      [name, day],
    );
  }

  /** The first day anyone was held: where a first build starts. Null when there is no custody at all. */
  async earliestCustodyDay(): Promise<IsoDate | null> {
    const rows = await this.txHost.tx.query<Array<{ d: string | null }>>(
      `SELECT to_char(min(from_date), 'YYYY-MM-DD') AS d FROM custody_period`,
    );
    return rows[0]?.d ?? null;
  }
}
