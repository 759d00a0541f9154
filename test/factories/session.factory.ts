import { DataSource } from 'typeorm';
import { DayPeriod } from '../../src/activities/activity.enums';
import { CancellationReason } from '../../src/sessions/session.enums';

export interface SessionRow {
  id: string;
  activityId: string;
  slotId: string | null;
  date: string;
  period: DayPeriod;
  startTime: string;
  endTime: string;
  staffMemberId: string | null;
  capacity: number;
  booked: number;
  cancellationReason: CancellationReason | null;
}

/** One session row written directly (e.g. a past session the horizon job would never make). */
export async function createSessionRow(
  ds: DataSource,
  activity: { id: string; prisonId: string },
  values: {
    date: string;
    period: DayPeriod;
    slotId?: string | null;
    startTime?: string;
    endTime?: string;
    capacity?: number;
    staffMemberId?: string | null;
  },
): Promise<SessionRow> {
  const am = values.period === DayPeriod.AM;
  const [{ id }] = await ds.query<Array<{ id: string }>>(
    `INSERT INTO "session" (activity_id, slot_id, prison_id, date, period, start_time, end_time, staff_member_id, capacity)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      activity.id,
      values.slotId ?? null,
      activity.prisonId,
      values.date,
      values.period,
      values.startTime ?? (am ? '08:00' : '12:00'),
      values.endTime ?? (am ? '11:30' : '15:00'),
      values.staffMemberId ?? null,
      values.capacity ?? 8,
    ],
  );
  return (await sessionRows(ds, { ids: [id] }))[0];
}

/** Session rows (times as HH:MM), by date, period and id. */
export async function sessionRows(ds: DataSource, where: { activityId?: string; ids?: string[] } = {}): Promise<SessionRow[]> {
  return ds.query<SessionRow[]>(
    `SELECT id, activity_id AS "activityId", slot_id AS "slotId", to_char(date, 'YYYY-MM-DD') AS date, period,
            to_char(start_time, 'HH24:MI') AS "startTime", to_char(end_time, 'HH24:MI') AS "endTime",
            staff_member_id AS "staffMemberId", capacity, booked, cancellation_reason AS "cancellationReason"
       FROM "session"
      WHERE ($1::uuid IS NULL OR activity_id = $1) AND ($2::uuid[] IS NULL OR id = ANY($2))
      ORDER BY date, period, id`,
    [where.activityId ?? null, where.ids ?? null],
  );
}

/** An allocation row written directly (no suitability checks), for tests of what sessions do with bookings. */
export async function createAllocationRow(
  ds: DataSource,
  values: {
    prisonerId: string;
    activityId: string;
    prisonId: string;
    startDate: string;
    endDate?: string | null;
    pattern?: 'ALL' | 'AM_ONLY' | 'PM_ONLY';
  },
): Promise<string> {
  const [{ id }] = await ds.query<Array<{ id: string }>>(
    `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, end_date, pattern) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [values.prisonerId, values.activityId, values.prisonId, values.startDate, values.endDate ?? null, values.pattern ?? 'ALL'],
  );
  return id;
}
