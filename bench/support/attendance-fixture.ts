// Rosters for the attendance-batch load: a bench prison of its own (so the demo prisons' figures and
// plans stay as loaded), `rosters` activities of `size` places, each with one session on each of the
// given dates and its own `size` prisoners booked on them — as planning would leave them.
import { DataSource } from 'typeorm';
import { IsoDate } from '../../src/calendar/domain/oslo-time';

export interface AttendanceRoster {
  /** One session per requested date, in the same order. */
  sessionIds: string[];
  prisonerIds: string[];
}

export async function createAttendanceRosters(
  ds: DataSource,
  o: { rosters: number; size: number; dates: IsoDate[]; heldFrom: IsoDate },
): Promise<{ prisonId: string; rosters: AttendanceRoster[] }> {
  // Unique per run, so that a database kept by an earlier run (--keep/--template) takes another set.
  const tag = Date.now().toString(36);
  return ds.transaction(async (em) => {
    const [{ id: prisonId }] = await em.query<Array<{ id: string }>>(
      `INSERT INTO prison (code, name, region_id, security_level, capacity)
       SELECT 'BENCH-' || $2::text, 'Bench fengsel ' || $2::text, id, 'LOW', $1 FROM region ORDER BY code LIMIT 1 RETURNING id`,
      [o.rosters * o.size, tag],
    );
    const [{ id: unitId }] = await em.query<Array<{ id: string }>>(
      `INSERT INTO unit (prison_id, name, security_level, capacity) VALUES ($1, 'Bench', 'LOW', $2) RETURNING id`,
      [prisonId, o.rosters * o.size],
    );
    const rosters: AttendanceRoster[] = [];
    for (let i = 0; i < o.rosters; i++) {
      const [{ ids: prisonerIds }] = await em.query<Array<{ ids: string[] }>>(
        `WITH p AS (
           INSERT INTO prisoner (prisoner_number, first_name, last_name, date_of_birth, legal_status, nationality, education_level, education_right)
           SELECT 'B' || $6::text || '-' || $3::int || '-' || g, 'Per' || g, 'Bench' || lpad(g::text, 4, '0'), '1990-01-01', 'CONVICTED', 'NO', 'LOWER_SECONDARY', 'ADULT'
             FROM generate_series(1, $4::int) g
           RETURNING id
         ), c AS (
           INSERT INTO custody_period (prisoner_id, prison_id, unit_id, from_date) SELECT id, $1, $2, $5 FROM p RETURNING prisoner_id
         )
         SELECT array_agg(prisoner_id) AS ids FROM c`,
        [prisonId, unitId, i, o.size, o.heldFrom, tag],
      );
      const [{ id: activityId }] = await em.query<Array<{ id: string }>>(
        `INSERT INTO activity (prison_id, kind, category, name, capacity, provider, security_levels, start_date)
         VALUES ($1, 'WORK', 'ASSEMBLY', 'Bench montasje ' || $2::int, $3, 'CORRECTIONAL_SERVICE', '{LOW}', $4) RETURNING id`,
        [prisonId, i, o.size, o.heldFrom],
      );
      await em.query(
        `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, pattern) SELECT p, $2, $3, $4, 'ALL' FROM unnest($1::uuid[]) AS p`,
        [prisonerIds, activityId, prisonId, o.heldFrom],
      );
      const sessionIds: string[] = [];
      for (const date of o.dates) {
        const [{ id: sessionId }] = await em.query<Array<{ id: string }>>(
          `INSERT INTO "session" (activity_id, prison_id, date, period, start_time, end_time, capacity) VALUES ($1, $2, $3, 'AM', '08:00', '11:30', $4) RETURNING id`,
          [activityId, prisonId, date, o.size],
        );
        await em.query(
          `INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period)
           SELECT $1, a.prisoner_id, a.id, $2, 'AM' FROM allocation a WHERE a.activity_id = $3`,
          [sessionId, date, activityId],
        );
        sessionIds.push(sessionId);
      }
      rosters.push({ sessionIds, prisonerIds });
    }
    return { prisonId, rosters };
  });
}
