import { DataSource } from 'typeorm';
import { DayPeriod } from '../../src/activities/activity.enums';

/** Sessions of an activity on the given dates and half-days (08:00–11:30 / 12:00–15:00), as the horizon job would make them. */
export async function insertSessions(
  ds: DataSource,
  activity: { id: string; prisonId: string },
  dates: string[],
  options: { periods?: DayPeriod[]; capacity?: number; staffMemberId?: string | null } = {},
): Promise<Array<{ id: string; date: string; period: DayPeriod }>> {
  const periods = options.periods ?? [DayPeriod.AM, DayPeriod.PM];
  const rows: Array<{ id: string; date: string; period: DayPeriod }> = [];
  for (const date of dates) {
    for (const period of periods) {
      const [row] = await ds.query<Array<{ id: string }>>(
        `INSERT INTO "session" (activity_id, prison_id, date, period, start_time, end_time, capacity, staff_member_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          activity.id,
          activity.prisonId,
          date,
          period,
          period === DayPeriod.AM ? '08:00' : '12:00',
          period === DayPeriod.AM ? '11:30' : '15:00',
          options.capacity ?? 8,
          options.staffMemberId ?? null,
        ],
      );
      rows.push({ id: row.id, date, period });
    }
  }
  return rows;
}

export const WEEK_OF_23_NOV = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
