import { DataSource } from 'typeorm';
import { ActivityKind, DayPeriod } from '../../src/activities/activity.enums';
import { AbsenceReason } from '../../src/attendance/attendance.enums';
import { CancellationReason } from '../../src/sessions/session.enums';
import { createActivity } from './activity.factory';

// Scenario builders for prisoner-days and the activity rate: sessions, bookings, attendance, cancellations
// and exclusions written straight to the tables, as the planning and attendance features would leave them.

export interface RateActivity {
  id: string;
  prisonId: string;
}

export async function createRateActivity(ds: DataSource, prisonId: string, kind: ActivityKind = ActivityKind.WORK): Promise<RateActivity> {
  const a = await createActivity(ds, prisonId, { kind, startDate: '2020-01-01' }, []);
  return { id: a.id, prisonId: a.prisonId };
}

/** The session of an activity on a half-day (created on first use), 08:00–11:30 or 12:00–15:00. */
export async function sessionOn(ds: DataSource, activity: RateActivity, date: string, period: DayPeriod): Promise<string> {
  const [row] = await ds.query<Array<{ id: string }>>(
    `INSERT INTO "session" (activity_id, prison_id, date, period, start_time, end_time, capacity)
     VALUES ($1, $2, $3, $4, $5, $6, 20)
     ON CONFLICT (activity_id, date, period) DO UPDATE SET capacity = "session".capacity
     RETURNING id`,
    [
      activity.id,
      activity.prisonId,
      date,
      period,
      period === DayPeriod.AM ? '08:00' : '12:00',
      period === DayPeriod.AM ? '11:30' : '15:00',
    ],
  );
  return row.id;
}

async function allocationOf(ds: DataSource, prisonerId: string, activity: RateActivity): Promise<string> {
  const [found] = await ds.query<Array<{ id: string }>>(`SELECT id FROM allocation WHERE prisoner_id = $1 AND activity_id = $2`, [
    prisonerId,
    activity.id,
  ]);
  if (found) return found.id;
  const [row] = await ds.query<Array<{ id: string }>>(
    `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, pattern) VALUES ($1, $2, $3, '2020-01-01', 'ALL') RETURNING id`,
    [prisonerId, activity.id, activity.prisonId],
  );
  return row.id;
}

/** Books the prisoner on the activity's session that half-day (the plan); returns the session id. */
export async function book(
  ds: DataSource,
  prisonerId: string,
  activity: RateActivity,
  date: string,
  period: DayPeriod = DayPeriod.AM,
): Promise<string> {
  const sessionId = await sessionOn(ds, activity, date, period);
  const allocationId = await allocationOf(ds, prisonerId, activity);
  await ds.query(`INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period) VALUES ($1, $2, $3, $4, $5)`, [
    sessionId,
    prisonerId,
    allocationId,
    date,
    period,
  ]);
  return sessionId;
}

/** Records attendance for a prisoner on a session: attended, or absent with a reason. */
export async function recordAttendance(
  ds: DataSource,
  sessionId: string,
  prisonerId: string,
  absence: AbsenceReason | null = null,
): Promise<void> {
  await ds.query(
    `INSERT INTO attendance (session_id, prisoner_id, prison_id, date, period, outcome, absence_reason, absence_note)
     SELECT s.id, $2, s.prison_id, s.date, s.period, $3::attendance_outcome, $4::absence_reason, $5 FROM "session" s WHERE s.id = $1
     ON CONFLICT (session_id, prisoner_id) DO UPDATE SET outcome = EXCLUDED.outcome, absence_reason = EXCLUDED.absence_reason, absence_note = EXCLUDED.absence_note`,
    [sessionId, prisonerId, absence === null ? 'ATTENDED' : 'ABSENT', absence, absence === AbsenceReason.OTHER ? 'Annet' : null],
  );
}

/** Books and records in one go: attended (no reason) or absent (with the reason). */
export async function attend(
  ds: DataSource,
  prisonerId: string,
  activity: RateActivity,
  date: string,
  period: DayPeriod = DayPeriod.AM,
  absence: AbsenceReason | null = null,
): Promise<string> {
  const sessionId = await book(ds, prisonerId, activity, date, period);
  await recordAttendance(ds, sessionId, prisonerId, absence);
  return sessionId;
}

export async function cancelSession(ds: DataSource, sessionId: string, reason: CancellationReason): Promise<void> {
  await ds.query(`UPDATE "session" SET cancelled_at = now(), cancellation_reason = $2, cancellation_note = $3 WHERE id = $1`, [
    sessionId,
    reason,
    reason === CancellationReason.OTHER ? 'Annet' : null,
  ]);
}

/** Excluded from company by decision (segregation) from one date to another, both included. */
export async function excludeFromCompany(ds: DataSource, prisonerId: string, fromDate: string, toDate: string = fromDate): Promise<void> {
  await ds.query(
    `INSERT INTO unavailability (prisoner_id, kind, from_date, to_date, note) VALUES ($1, 'EXCLUDED_FROM_COMPANY', $2, $3, 'Utelukkelse')`,
    [prisonerId, fromDate, toDate],
  );
}

export interface PrisonerDayRow {
  prisonerId: string;
  date: string;
  prisonId: string;
  unitId: string;
  plannedActive: boolean;
  realisedActive: boolean;
  reason: string | null;
  cancellationReason: string | null;
  absenceReason: string | null;
  activityKind: string | null;
  computedAt: string;
}

/** The prisoner_day table as rows (optionally one prisoner's), in key order. */
export async function prisonerDayRows(ds: DataSource, prisonerId?: string): Promise<PrisonerDayRow[]> {
  return ds.query(
    `SELECT prisoner_id AS "prisonerId", date::text AS date, prison_id AS "prisonId", unit_id AS "unitId", planned_active AS "plannedActive",
            realised_active AS "realisedActive", reason, cancellation_reason AS "cancellationReason", absence_reason AS "absenceReason",
            activity_kind AS "activityKind", computed_at::text AS "computedAt"
       FROM prisoner_day WHERE ($1::uuid IS NULL OR prisoner_id = $1) ORDER BY prisoner_id, date`,
    [prisonerId ?? null],
  );
}

/** The rollup table as rows, in key order. */
export async function prisonDayRateRows(ds: DataSource): Promise<Array<Record<string, unknown>>> {
  return ds.query(
    `SELECT prison_id, date::text AS date, unit_id, prisoner_days, planned_active_days, realised_active_days, no_offer, session_cancelled, absent, not_recorded, excluded FROM prison_day_rate ORDER BY prison_id, date, unit_id`,
  );
}
