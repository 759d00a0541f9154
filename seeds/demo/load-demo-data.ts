import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { ActivitySlot } from '../../src/activities/entities/activity-slot.entity';
import { Activity } from '../../src/activities/entities/activity.entity';
import { Prison } from '../../src/organisation/entities/prison.entity';
import { Region } from '../../src/organisation/entities/region.entity';
import { Unit } from '../../src/organisation/entities/unit.entity';
import { StaffMember } from '../../src/staff/entities/staff-member.entity';
import { insertDemoUsers } from './demo-users';
import { DemoData, generateDemoData } from './generate-demo-data';
import { DemoPlan, generateDemoPlan } from './generate-demo-plan';
import { backfillDemoHistory, BackfillOptions, recordDemoHistoryBackfill } from './backfill-demo-history';
import { DemoHistoryOptions, DemoHistorySummary } from './load-demo-history';
import { AllocationWriter } from '../../src/allocations/allocation-writer.repository';
import { txOf } from '../../src/database/transaction-host';

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
  allocations: number;
  referrals: number;
  unavailability: number;
  nonAssociations: number;
  /** Sessions, bookings and attendance of the last twelve months, when loaded (not when deferred). */
  history: Omit<DemoHistorySummary, 'timingsMs'> | null;
  /** Where the time went (generation, inserts, each history statement). */
  timingsMs: Record<string, number>;
  durationMs: number;
}

export interface DemoLoadOptions {
  /** The day the data is built around (default: the generator's fixed demo day). */
  today?: string;
  /** Load this data instead of generating it. */
  data?: DemoData;
  /** Load the plan (allocations past and present, referrals, unavailability, non-associations). Default true. */
  plan?: boolean;
  /**
   * Also owe twelve months of sessions, bookings, attendance and prisoner-days (needs the plan): recorded
   * with the present, then loaded day by day in short transactions (backfill-demo-history.ts), before
   * this returns unless `defer` (the app's first start backfills in the background). The caller passes
   * the prisoner-days refresh (PrisonerDaysService).
   */
  history?: Pick<DemoHistoryOptions, 'refreshPrisonerDays'> & Pick<BackfillOptions, 'weekdaysPerChunk' | 'onChunk'> & { defer?: boolean };
  /** Days of history before today (default DEMO_HISTORY_DAYS, a year): fewer load faster. */
  historyDays?: number;
  /** Progress lines while loading the present ("Demo data: …"). */
  onProgress?: (line: string) => void;
}

/** Held for the seeding transaction, so replicas booting together on an empty database load once. */
export const DEMO_DATA_LOCK_KEY = 4_711_002;

const CHUNK = 500;
// About a quarter of weekdays per transaction when the caller awaits the whole history.
const AWAITED_WEEKDAYS_PER_CHUNK = 65;

/**
 * Loads the national demo data into an empty database, in one transaction: the organisation, the
 * prisoners and their custody, staff, the offer and the demo users; then the plan (allocations
 * over the last twelve months and today, referrals, unavailability, non-associations) and, if asked,
 * the history it owes. Then, unless deferred, twelve months of history in short transactions (a
 * failure there leaves the present loaded and the rest owed: the next backfill carries on).
 * Idempotent: if any prison exists, nothing happens and the
 * summary says `skipped`. The data is generated only when it is needed (pass `data` to load
 * something else, e.g. another seed). Sessions from today on are the session horizon job's.
 *
 * Every statement goes through the transaction's own manager: the embedded database has a single
 * connection, and a query on any other would wait for this transaction forever.
 */
export async function loadDemoData(dataSource: DataSource, options: DemoLoadOptions = {}): Promise<DemoLoadSummary> {
  const started = Date.now();
  const timingsMs: Record<string, number> = {};
  const timed = async <T>(label: string, work: () => T | Promise<T>): Promise<T> => {
    const t = Date.now();
    const result = await work();
    timingsMs[label] = Date.now() - t;
    return result;
  };
  const say = options.onProgress ?? (() => undefined);
  const present = await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_DATA_LOCK_KEY]);
    const [{ exists }] = (await manager.query('SELECT EXISTS (SELECT 1 FROM "prison") AS "exists"')) as { exists: boolean }[];
    if (exists) return summary(true, null, null, null, 0, 0, timingsMs, started);

    say('Demo data: generating the organisation, prisoners and staff…');
    const d = options.data ?? (await timed('generate', () => generateDemoData({ today: options.today })));
    say(
      `Demo data: loading ${d.prisons.length} prisons, ${d.prisoners.length} prisoners, ${d.staffMembers.length} staff, ${d.activities.length} activities…`,
    );
    const links = await timed('insert', () => insertDemoData(manager, d));
    const users = await timed('users', () => insertDemoUsers(manager, d));
    if (options.plan === false) return summary(false, d, null, null, links, users, timingsMs, started);

    say('Demo data: planning allocations, referrals and unavailability…');
    const plan = await timed('generate-plan', () => generateDemoPlan(d, { historyDays: options.historyDays }));
    say(`Demo data: loading ${plan.allocations.length} allocations…`);
    await timed('insert-plan', () => insertDemoPlan(manager, plan));
    if (options.history) await recordDemoHistoryBackfill(manager, { seed: d.seed, today: d.today, historyFrom: plan.historyFrom });
    return summary(false, d, plan, null, links, users, timingsMs, started);
  });
  if (present.skipped || !options.history || options.history.defer) return present;

  // The history, chunk by chunk (each its own transaction), as the app's background backfill does.
  const t = Date.now();
  // Nobody is waiting on the connection here, so the history goes in a few large chunks (the result is the
  // same at any chunk size); the app's background backfill keeps to small ones.
  const totals = await backfillDemoHistory(dataSource, {
    ...options.history,
    weekdaysPerChunk: options.history.weekdaysPerChunk ?? AWAITED_WEEKDAYS_PER_CHUNK,
  });
  timingsMs.history = Date.now() - t;
  return {
    ...present,
    history: {
      sessions: totals.sessions,
      cancelledSessions: totals.cancelledSessions,
      bookings: totals.bookings,
      attendance: totals.attendance,
    },
    durationMs: Date.now() - started,
  };
}

/** The organisation, prisoners, custody, staff and the offer. Returns the number of staff–prison links. */
async function insertDemoData(manager: EntityManager, d: DemoData): Promise<number> {
  await insertChunks(
    manager,
    Region,
    d.regions.map(({ id, code, name }) => ({ id, code, name })),
  );
  await insertChunks(
    manager,
    Prison,
    d.prisons.map(({ id, code, name, regionId, securityLevel, capacity, timeZone, amStart, amEnd, pmStart, pmEnd }) => ({
      id,
      code,
      name,
      regionId,
      securityLevel,
      capacity,
      timeZone,
      amStart,
      amEnd,
      pmStart,
      pmEnd,
    })),
  );
  await insertChunks(
    manager,
    Unit,
    d.units.map(({ id, prisonId, name, securityLevel, capacity }) => ({ id, prisonId, name, securityLevel, capacity })),
  );
  // The two big tables through one JSON parameter per chunk: far fewer round trips on the embedded database.
  await insertJson(manager, 'prisoner', d.prisoners);
  await insertJson(manager, 'custody_period', d.custodyPeriods);
  await insertChunks(
    manager,
    StaffMember,
    d.staffMembers.map(({ id, firstName, lastName, roles, employer, employerName, email }) => ({
      id,
      firstName,
      lastName,
      roles,
      employer,
      employerName,
      email,
    })),
  );
  const links = d.staffMembers.flatMap((s) => s.prisonIds.map((prisonId) => [s.id, prisonId] as const));
  for (let i = 0; i < links.length; i += CHUNK) {
    const chunk = links.slice(i, i + CHUNK);
    const values = chunk.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(', ');
    await manager.query(`INSERT INTO "staff_member_prison" ("staff_member_id", "prison_id") VALUES ${values}`, chunk.flat());
  }
  await insertChunks(
    manager,
    Activity,
    d.activities.map((a) => ({ ...a })),
  );
  await insertChunks(
    manager,
    ActivitySlot,
    d.activitySlots.map((s) => ({ ...s })),
  );
  return links.length;
}

/** Allocations (ended and current), referrals, unavailability and non-associations. */
async function insertDemoPlan(manager: EntityManager, plan: DemoPlan): Promise<void> {
  await new AllocationWriter(txOf(manager)).insertMany(plan.allocations.map((a) => ({ ...a, updatedAt: a.createdAt })));
  await insertJson(
    manager,
    'referral',
    plan.referrals.map((r) => ({ ...r, updatedAt: r.decidedAt ?? r.createdAt })),
  );
  await insertJson(manager, 'unavailability', plan.unavailability);
  await insertJson(manager, 'non_association', plan.nonAssociations);
}

const JSON_CHUNK = 5000;
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Bulk insert with one JSON parameter per chunk (json_populate_recordset), much faster than thousands of
 * bind parameters on the embedded database. Keys are entity property names; every row has the same keys.
 */
async function insertJson(manager: EntityManager, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0])
    .map((k) => `"${snakeCase(k)}"`)
    .join(', ');
  for (let i = 0; i < rows.length; i += JSON_CHUNK) {
    const chunk = rows.slice(i, i + JSON_CHUNK).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [snakeCase(k), v])));
    await manager.query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`, [
      JSON.stringify(chunk),
    ]);
  }
}

async function insertChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: ObjectLiteral[],
): Promise<void> {
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

function summary(
  skipped: boolean,
  d: DemoData | null,
  plan: DemoPlan | null,
  history: DemoHistorySummary | null,
  staffPrisonLinks: number,
  users: number,
  timingsMs: Record<string, number>,
  started: number,
): DemoLoadSummary {
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
    allocations: plan?.allocations.length ?? 0,
    referrals: plan?.referrals.length ?? 0,
    unavailability: plan?.unavailability.length ?? 0,
    nonAssociations: plan?.nonAssociations.length ?? 0,
    history:
      history === null
        ? null
        : {
            sessions: history.sessions,
            cancelledSessions: history.cancelledSessions,
            bookings: history.bookings,
            attendance: history.attendance,
          },
    timingsMs,
    durationMs: Date.now() - started,
  };
}
