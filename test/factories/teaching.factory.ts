import { DataSource } from 'typeorm';
import { ActivityKind, DayPeriod } from '../../src/activities/activity.enums';
import { Activity } from '../../src/activities/entities/activity.entity';
import { AllocationPatternKind } from '../../src/allocations/allocation.enums';
import { CancellationReason } from '../../src/sessions/session.enums';
import { createActivity } from './activity.factory';

// Teachers' timetables and rosters, written straight to the tables as planning would leave them.

export interface ClassSession {
  id: string;
  activityId: string;
  prisonId: string;
  date: string;
  period: DayPeriod;
}

/** A school subject at the prison (no slots: its sessions are written one by one). */
export function createClass(ds: DataSource, prisonId: string, overrides: Partial<Activity> = {}): Promise<Activity> {
  return createActivity(
    ds,
    prisonId,
    { kind: ActivityKind.EDUCATION, category: 'SCHOOL', location: 'Skolebygget', startDate: '2020-01-01', capacity: 8, ...overrides },
    [],
  );
}

/** One session of the activity run by the staff member (AM 08:00–11:30, PM 12:00–15:00 unless given). */
export async function createClassSession(
  ds: DataSource,
  activity: { id: string; prisonId: string },
  values: { date: string; period?: DayPeriod; staffMemberId: string | null; startTime?: string; endTime?: string; capacity?: number },
): Promise<ClassSession> {
  const period = values.period ?? DayPeriod.AM;
  const am = period === DayPeriod.AM;
  const [{ id }] = await ds.query<Array<{ id: string }>>(
    `INSERT INTO "session" (activity_id, prison_id, date, period, start_time, end_time, capacity, staff_member_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      activity.id,
      activity.prisonId,
      values.date,
      period,
      values.startTime ?? (am ? '08:00' : '12:00'),
      values.endTime ?? (am ? '11:30' : '15:00'),
      values.capacity ?? 8,
      values.staffMemberId,
    ],
  );
  return { id, activityId: activity.id, prisonId: activity.prisonId, date: values.date, period };
}

/**
 * Puts the prisoner on the sessions (all of one activity) through one allocation with the pattern;
 * returns the allocation id. The booking trigger keeps session.booked in step.
 */
export async function bookPrisoner(
  ds: DataSource,
  prisonerId: string,
  sessions: ClassSession[],
  pattern: AllocationPatternKind = AllocationPatternKind.ALL,
): Promise<string> {
  const [{ id }] = await ds.query<Array<{ id: string }>>(
    `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, pattern) VALUES ($1, $2, $3, '2020-01-01', $4) RETURNING id`,
    [prisonerId, sessions[0].activityId, sessions[0].prisonId, pattern],
  );
  for (const s of sessions) {
    await ds.query(`INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period) VALUES ($1, $2, $3, $4, $5)`, [
      s.id,
      prisonerId,
      id,
      s.date,
      s.period,
    ]);
  }
  return id;
}

export async function cancelClassSession(
  ds: DataSource,
  sessionId: string,
  reason: CancellationReason,
  note: string | null = null,
): Promise<void> {
  await ds.query(`UPDATE "session" SET cancelled_at = now(), cancellation_reason = $2, cancellation_note = $3 WHERE id = $1`, [
    sessionId,
    reason,
    note,
  ]);
}
