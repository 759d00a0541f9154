import { DataSource } from 'typeorm';
import { createActivity } from '../../factories/activity.factory';
import { createPrisonWithUnit, createUnit } from '../../factories/organisation.factory';
import { createHeldPrisoner } from '../../factories/prisoner.factory';

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
  const prisonerIds: string[] = [];
  for (let i = 0; i < 390; i++) {
    const u = units[i % units.length];
    const p = await createHeldPrisoner(
      ds,
      { prisonId: prison.id, unitId: u.id },
      { firstName: `Fornavn${i}`, lastName: `Etternavn${String(i).padStart(3, '0')}` },
    );
    prisonerIds.push(p.id);
  }
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
