import { DataSource } from 'typeorm';
import { ActivityKind } from '../../../src/activities/activity.enums';
import { Role } from '../../../src/auth/roles';
import { createActivity } from '../../factories/activity.factory';
import { insertSessions } from '../../factories/allocation.factory';
import { createHeldPrisoners } from '../../factories/attendance.factory';
import { createUnavailability } from '../../factories/availability.factory';
import { createPrison, createUnit } from '../../factories/organisation.factory';
import { createUser } from '../../factories/user.factory';

/** Monday 30 November to Friday 4 December 2026 (the clock is pinned to Monday 23 November: "next week"). */
export const W49 = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];

export interface OsloSized {
  prisonId: string;
  officer: string;
  /** Activity ids by name, in name order. */
  activities: Array<{ id: string; name: string; requiresReferral: boolean }>;
  /** The two workshops the officer staffs. */
  mine: string[];
  /** Prisoners with no allocation at all (Bulk… names, 90 of them). */
  unallocated: number;
}

/**
 * A prison of Oslo's size for the browser tests: 44 activities (work, school, programme; one needs a
 * referral; three have only 6 places and are full), 4 units and 390 prisoners, of whom 300 are
 * allocated every weekday to one activity, written in bulk. The officer staffs two workshops.
 */
export async function osloSizedPrison(ds: DataSource): Promise<OsloSized> {
  const prison = await createPrison(ds, { name: 'Storby fengsel' });
  const units = [];
  for (const name of ['A-blokka', 'B-blokka', 'C-blokka', 'D-blokka']) units.push(await createUnit(ds, prison.id, { name }));
  const officer = await createUser(ds, { roles: [Role.OFFICER], prisonIds: [prison.id] });
  const activities: OsloSized['activities'] = [];
  for (let i = 0; i < 44; i++) {
    const kind = i < 30 ? ActivityKind.WORK : i < 40 ? ActivityKind.EDUCATION : ActivityKind.PROGRAMME;
    const name =
      i === 43
        ? 'Sinnemestring'
        : `${kind === ActivityKind.WORK ? 'Verksted' : kind === ActivityKind.EDUCATION ? 'Skole' : 'Program'} ${String(i + 1).padStart(2, '0')}`;
    const capacity = i < 3 ? 6 : 9;
    const requiresReferral = name === 'Sinnemestring';
    const a = await createActivity(ds, prison.id, { name, kind, capacity, requiresReferral });
    await insertSessions(ds, a, W49, { capacity, staffMemberId: i === 0 || i === 1 ? officer.staffMemberId : null });
    activities.push({ id: a.id, name, requiresReferral });
  }
  for (const unit of units) await createHeldPrisoners(ds, { prisonId: prison.id, unitId: unit.id }, unit.name === 'A-blokka' ? 99 : 97);
  // 390 prisoners in all (99 + 3 × 97); the first 300 by name are spread over the 43 activities without referral (up to 7 each), every day.
  await ds.query(
    `WITH pick AS (
       SELECT p.id AS prisoner_id, row_number() OVER (ORDER BY p.last_name, p.prisoner_number) - 1 AS rn
         FROM prisoner p JOIN custody_period c ON c.prisoner_id = p.id WHERE c.prison_id = $1
     ), acts AS (
       SELECT id, capacity, row_number() OVER (ORDER BY name) - 1 AS an FROM activity WHERE prison_id = $1 AND NOT requires_referral
     ), chosen AS (
       SELECT pick.prisoner_id, acts.id AS activity_id
         FROM pick JOIN acts ON acts.an = pick.rn % 43
        WHERE pick.rn < 300 AND (pick.rn / 43) < acts.capacity
     ), alloc AS (
       INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, pattern)
       SELECT prisoner_id, activity_id, $1, '2026-11-30', 'ALL' FROM chosen RETURNING id, prisoner_id, activity_id
     )
     INSERT INTO booking (session_id, prisoner_id, allocation_id, date, period)
     SELECT s.id, alloc.prisoner_id, alloc.id, s.date, s.period FROM alloc JOIN "session" s ON s.activity_id = alloc.activity_id`,
    [prison.id],
  );
  // One booked prisoner of the officer's first workshop has court on Tuesday: a clash in the grid.
  const [clashing] = await ds.query<Array<{ prisoner_id: string }>>(
    `SELECT b.prisoner_id FROM booking b JOIN "session" s ON s.id = b.session_id WHERE s.activity_id = $1 LIMIT 1`,
    [activities[0].id],
  );
  await createUnavailability(ds, clashing.prisoner_id, { fromDate: W49[1], toDate: W49[1], note: 'Tingrett' });
  const [{ n }] = await ds.query<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM custody_period c WHERE c.prison_id = $1 AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.prisoner_id = c.prisoner_id)`,
    [prison.id],
  );
  return { prisonId: prison.id, officer: officer.username, activities, mine: [activities[0].id, activities[1].id], unallocated: n };
}
