import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { IsoDate } from '../calendar/domain/oslo-time';

/** The watermark of complete prisoner-day facts (table fact_watermark, one row per fact table). */
export const PRISONER_DAYS_WATERMARK = 'prisoner-days';

@Injectable()
export class FactWatermarkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The last complete day, or null when none is known yet. */
  async completeThrough(name: string, em: EntityManager = this.dataSource.manager): Promise<IsoDate | null> {
    const rows = await em.query<Array<{ d: string }>>(
      `SELECT to_char(complete_through, 'YYYY-MM-DD') AS d FROM fact_watermark WHERE name = $1`,
      [name],
    );
    return rows[0]?.d ?? null;
  }

  async setCompleteThrough(em: EntityManager, name: string, day: IsoDate): Promise<void> {
    await em.query(
      `INSERT INTO fact_watermark (name, complete_through, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET complete_through = EXCLUDED.complete_through, updated_at = now()`,
      [name, day],
    );
  }

  /** The first day anyone was held: where a first build starts. Null when there is no custody at all. */
  async earliestCustodyDay(em: EntityManager): Promise<IsoDate | null> {
    const rows = await em.query<Array<{ d: string | null }>>(`SELECT to_char(min(from_date), 'YYYY-MM-DD') AS d FROM custody_period`);
    return rows[0]?.d ?? null;
  }
}
