import { DataSource } from 'typeorm';
import { ActivityKind, DayPeriod } from '../../src/activities/activity.enums';
import { CancellationReason } from '../../src/sessions/session.enums';
import { createActivity } from './activity.factory';
import { createPrisonWithUnit } from './organisation.factory';
import { createHeldPrisoner } from './prisoner.factory';
import { nextSeq } from './sequence';

// Attendance scenarios written straight to the tables (sessions, allocations, bookings), as planning
// would leave them — independent of the sessions and allocations features.

export interface AttendanceSession {
  id: string;
  activityId: string;
  prisonId: string;
  date: string;
  period: DayPeriod;
}

/** One session of a new activity (08:00–11:30 AM / 12:00–15:00 PM) at the prison. */
export async function createAttendanceSession(
  ds: DataSource,
  prisonId: string,
  values: { date: string; period?: DayPeriod; staffMemberId?: string | null; capacity?: number; kind?: ActivityKind; activityId?: string },
): Promise<AttendanceSession> {
  const activityId =
    values.activityId ??
    (
      await createActivity(
        ds,
        prisonId,
        { kind: values.kind ?? ActivityKind.WORK, startDate: '2020-01-01', capacity: values.capacity ?? 20 },
        [],
      )
    ).id;
  const period = values.period ?? DayPeriod.AM;
  const [row] = await ds.query<Array<{ id: string }>>(
    `INSERT INTO "session" (activity_id, prison_id, date, period, start_time, end_time, capacity, staff_member_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      activityId,
      prisonId,
      values.date,
      period,
      period === DayPeriod.AM ? '08:00' : '12:00',
      period === DayPeriod.AM ? '11:30' : '15:00',
      values.capacity ?? 20,
      values.staffMemberId ?? null,
    ],
  );
  return { id: row.id, activityId, prisonId, date: values.date, period };
}

/** Books the prisoners on the session, each with an allocation to its activity (created when missing), in one statement. */
export async function bookOnSession(ds: DataSource, session: AttendanceSession, prisonerIds: string[]): Promise<void> {
  await ds.query(
    `WITH created AS (
       INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, pattern)
       SELECT p, $2, $3, '2020-01-01', 'ALL' FROM unnest($1::uuid[]) AS p
       ON CONFLICT DO NOTHING
       RETURNING id, prisoner_id
     ), allocs AS (
       -- Prisoners already allocated to the activity keep their allocation (the snapshot predates "created").
       SELECT id, prisoner_id FROM created
       UNION ALL
       SELECT id, prisoner_id FROM allocation WHERE activity_id = $2 AND prisoner_id = ANY($1::uuid[])
     )
     INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period)
     SELECT $4, prisoner_id, id, $5, $6 FROM allocs`,
    [prisonerIds, session.activityId, session.prisonId, session.id, session.date, session.period],
  );
}

export async function cancelSession(
  ds: DataSource,
  sessionId: string,
  reason: CancellationReason = CancellationReason.STAFF_UNAVAILABLE,
  note: string | null = null,
): Promise<void> {
  await ds.query(`UPDATE "session" SET cancelled_at = now(), cancellation_reason = $2, cancellation_note = $3 WHERE id = $1`, [
    sessionId,
    reason,
    note,
  ]);
}

/** `count` prisoners held at the prison's unit since 2026-01-05, in one statement (for big rosters). */
export async function createHeldPrisoners(ds: DataSource, at: { prisonId: string; unitId: string }, count: number): Promise<string[]> {
  const [{ ids }] = await ds.query<Array<{ ids: string[] }>>(
    `WITH p AS (
       INSERT INTO prisoner (prisoner_number, first_name, last_name, date_of_birth, legal_status, nationality, education_level, education_right)
       SELECT 'B' || $3::text || '-' || lpad(g::text, 5, '0'), 'Per' || g, 'Bulk' || lpad(g::text, 5, '0'), '1990-01-01', 'CONVICTED', 'NO', 'LOWER_SECONDARY', 'ADULT'
         FROM generate_series(1, $4::int) g
       RETURNING id
     ), c AS (
       INSERT INTO custody_period (prisoner_id, prison_id, unit_id, from_date) SELECT id, $1, $2, '2026-01-05' FROM p RETURNING prisoner_id
     )
     SELECT array_agg(prisoner_id) AS ids FROM c`,
    [at.prisonId, at.unitId, String(nextSeq()), count],
  );
  return ids;
}

/** A prison with a unit and `count` prisoners held there (created with the ordinary factories). */
export async function prisonWithPrisoners(ds: DataSource, count: number) {
  const { prison, unit } = await createPrisonWithUnit(ds);
  const prisoners = [];
  for (let i = 0; i < count; i++) prisoners.push(await createHeldPrisoner(ds, { prisonId: prison.id, unitId: unit.id }));
  return { prison, unit, prisoners };
}

/** The 2023 daily allowance row the migration seeds (resetDatabase truncates it with everything else). */
export async function seedAllowanceRate(
  ds: DataSource,
  row: { validFrom: string; daily: number; supplement?: number; support?: number } = { validFrom: '2023-01-01', daily: 79 },
): Promise<void> {
  await ds.query(`INSERT INTO allowance_rate (valid_from, daily_rate_nok, max_supplement_nok, support_rate_nok) VALUES ($1, $2, $3, $4)`, [
    row.validFrom,
    row.daily,
    row.supplement ?? 32,
    row.support ?? 53,
  ]);
}
