import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ActivitySlot } from '../../src/activities/entities/activity-slot.entity';
import { Activity } from '../../src/activities/entities/activity.entity';
import { Prison } from '../../src/organisation/entities/prison.entity';
import { Region } from '../../src/organisation/entities/region.entity';
import { Unit } from '../../src/organisation/entities/unit.entity';
import { CustodyPeriod } from '../../src/prisoners/entities/custody-period.entity';
import { Prisoner } from '../../src/prisoners/entities/prisoner.entity';
import { StaffMember } from '../../src/staff/entities/staff-member.entity';
import { insertDemoUsers } from './demo-users';
import { DemoData, generateDemoData } from './generate-demo-data';

export interface DemoLoadSummary {
  /** True when the database already had prisons, so nothing was loaded. */
  skipped: boolean;
  regions: number;
  prisons: number;
  units: number;
  prisoners: number;
  custodyPeriods: number;
  staffMembers: number;
  staffPrisonLinks: number;
  activities: number;
  activitySlots: number;
  users: number;
  durationMs: number;
}

export interface DemoLoadOptions {
  /** The day the data is built around (default: the generator's fixed demo day). */
  today?: string;
  /** Load this data instead of generating it. */
  data?: DemoData;
}

/** Held for the seeding transaction, so replicas booting together on an empty database load once. */
export const DEMO_DATA_LOCK_KEY = 4_711_002;

const CHUNK = 500;

/**
 * Loads the national demo data into an empty database, in one transaction. Idempotent: if any
 * prison exists, nothing happens and the summary says `skipped`. The data is generated only when
 * it is needed (pass `data` to load something else, e.g. another seed).
 *
 * Every statement goes through the transaction's own manager: the embedded database has a single
 * connection, and a query on any other would wait for this transaction forever.
 */
export async function loadDemoData(dataSource: DataSource, options: DemoLoadOptions = {}): Promise<DemoLoadSummary> {
  const started = Date.now();
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_DATA_LOCK_KEY]);
    const [{ exists }] = (await manager.query('SELECT EXISTS (SELECT 1 FROM "prison") AS "exists"')) as { exists: boolean }[];
    if (exists) return summary(true, null, 0, 0, started);

    const d = options.data ?? generateDemoData({ today: options.today });
    await insertChunks(manager, Region, d.regions.map(({ id, code, name }) => ({ id, code, name })));
    await insertChunks(
      manager,
      Prison,
      d.prisons.map(({ id, code, name, regionId, securityLevel, capacity, timeZone, amStart, amEnd, pmStart, pmEnd }) => ({
        id, code, name, regionId, securityLevel, capacity, timeZone, amStart, amEnd, pmStart, pmEnd,
      })),
    );
    await insertChunks(
      manager,
      Unit,
      d.units.map(({ id, prisonId, name, securityLevel, capacity }) => ({ id, prisonId, name, securityLevel, capacity })),
    );
    await insertChunks(manager, Prisoner, d.prisoners.map((p) => ({ ...p })));
    await insertChunks(manager, CustodyPeriod, d.custodyPeriods.map((c) => ({ ...c })));
    await insertChunks(
      manager,
      StaffMember,
      d.staffMembers.map(({ id, firstName, lastName, roles, employer, employerName, email }) => ({
        id, firstName, lastName, roles, employer, employerName, email,
      })),
    );
    const links = d.staffMembers.flatMap((s) => s.prisonIds.map((prisonId) => [s.id, prisonId] as const));
    for (let i = 0; i < links.length; i += CHUNK) {
      const chunk = links.slice(i, i + CHUNK);
      const values = chunk.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(', ');
      await manager.query(`INSERT INTO "staff_member_prison" ("staff_member_id", "prison_id") VALUES ${values}`, chunk.flat());
    }
    await insertChunks(manager, Activity, d.activities.map((a) => ({ ...a })));
    await insertChunks(manager, ActivitySlot, d.activitySlots.map((s) => ({ ...s })));
    const users = await insertDemoUsers(manager, d);
    return summary(false, d, links.length, users, started);
  });
}

async function insertChunks<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: ObjectLiteral[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // updateEntity(false): no RETURNING, the ids are already known.
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + CHUNK) as T[])
      .updateEntity(false)
      .execute();
  }
}

function summary(skipped: boolean, d: DemoData | null, staffPrisonLinks: number, users: number, started: number): DemoLoadSummary {
  return {
    skipped,
    regions: d?.regions.length ?? 0,
    prisons: d?.prisons.length ?? 0,
    units: d?.units.length ?? 0,
    prisoners: d?.prisoners.length ?? 0,
    custodyPeriods: d?.custodyPeriods.length ?? 0,
    staffMembers: d?.staffMembers.length ?? 0,
    staffPrisonLinks,
    activities: d?.activities.length ?? 0,
    activitySlots: d?.activitySlots.length ?? 0,
    users,
    durationMs: Date.now() - started,
  };
}
