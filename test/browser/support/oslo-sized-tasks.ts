import { DataSource } from 'typeorm';
import { createActivity } from '../../factories/activity.factory';
import { createPrisonWithUnit, createUnit } from '../../factories/organisation.factory';

export interface OsloSized {
  prisonId: string;
  unitIds: string[];
  activities: Array<{ id: string; name: string }>;
  prisonerIds: string[];
}

/**
 * A prison of Oslo's size for the daily-task pages: 4 units, 44 activities with sessions every
 * half-day of the given dates (10 places), 390 prisoners, each allocated to one activity every
 * half-day (about 9 per session), so every session has a real roster and free places elsewhere.
 */
export async function buildOsloSizedPrison(ds: DataSource, dates: string[]): Promise<OsloSized> {
  const { prison, unit } = await createPrisonWithUnit(ds, { name: 'Oslo fengsel (test)' }, { name: 'Avdeling A' });
  const units = [
    unit,
    ...(await Promise.all(['B', 'C', 'D'].map((n) => createUnit(ds, prison.id, { name: `Avdeling ${n}`, capacity: 120 })))),
  ];
  const activities: Array<{ id: string; name: string }> = [];
  for (let i = 1; i <= 44; i++) {
    const a = await createActivity(ds, prison.id, { name: `Verksted ${String(i).padStart(2, '0')}`, capacity: 10 });
    activities.push({ id: a.id, name: a.name });
  }
  await ds.query(
    `INSERT INTO "session" (activity_id, prison_id, date, period, start_time, end_time, capacity)
     SELECT a.id, a.prison_id, d::date, p::day_period, CASE p WHEN 'AM' THEN '08:00'::time ELSE '12:00'::time END,
            CASE p WHEN 'AM' THEN '11:30'::time ELSE '15:00'::time END, 10
       FROM activity a, unnest($2::text[]) d, unnest(ARRAY['AM', 'PM']) p
      WHERE a.prison_id = $1`,
    [prison.id, dates],
  );
  // 390 prisoners in one statement (the factory's one-by-one inserts take minutes on a busy machine), held on the units in turn.
  const prisoners = await ds.query<Array<{ id: string }>>(
    `INSERT INTO prisoner (prisoner_number, first_name, last_name, date_of_birth, legal_status, nationality, education_level, education_right)
     SELECT 'OSL-' || lpad(i::text, 5, '0'), 'Fornavn' || i, 'Etternavn' || lpad(i::text, 3, '0'), '1990-01-15', 'CONVICTED', 'NO', 'LOWER_SECONDARY', 'ADULT'
       FROM generate_series(0, 389) i ORDER BY i RETURNING id`,
  );
  const prisonerIds = prisoners.map((p) => p.id);
  await ds.query(
    `INSERT INTO custody_period (prisoner_id, prison_id, unit_id, from_date)
     SELECT p.id, $1, ($3::uuid[])[1 + (p.n - 1) % array_length($3::uuid[], 1)], '2026-01-05'
       FROM unnest($2::uuid[]) WITH ORDINALITY AS p(id, n)`,
    [prison.id, prisonerIds, units.map((u) => u.id)],
  );
  // Prisoner i works in activity i mod 44 every half-day (allocation + its bookings, as the allocation API would write them).
  await ds.query(
    `WITH p AS (SELECT id, (row_number() OVER (ORDER BY last_name) - 1) % 44 AS k FROM prisoner WHERE id = ANY($2::uuid[])),
          a AS (SELECT id, (row_number() OVER (ORDER BY name) - 1) AS k FROM activity WHERE prison_id = $1)
     INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, pattern)
     SELECT p.id, a.id, $1, $3::date, 'ALL' FROM p JOIN a USING (k)`,
    [prison.id, prisonerIds, dates[0]],
  );
  await ds.query(
    `INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period)
     SELECT s.id, al.prisoner_id, al.id, s.date, s.period FROM allocation al JOIN "session" s ON s.activity_id = al.activity_id
      WHERE al.prison_id = $1`,
    [prison.id],
  );
  return { prisonId: prison.id, unitIds: units.map((u) => u.id), activities, prisonerIds };
}
