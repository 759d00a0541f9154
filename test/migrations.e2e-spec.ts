import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { revertAllMigrations, runMigrationsLocked } from '../src/database/migration-runner';
import { buildDataSourceOptions, MIGRATIONS_TABLE } from '../src/database/typeorm-options';
import { resetDatabase, testDatabaseUrl } from './support/test-app';

async function appTables(ds: DataSource): Promise<string[]> {
  const rows = await ds.query<Array<{ tablename: string }>>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1 ORDER BY tablename`,
    [MIGRATIONS_TABLE],
  );
  return rows.map((r) => r.tablename);
}

async function appEnumTypes(ds: DataSource): Promise<string[]> {
  const rows = await ds.query<Array<{ typname: string }>>(
    `SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`,
  );
  return rows.map((r) => r.typname);
}

/** Triggers on app tables, with their full definition (table, timing, condition, function). */
async function appTriggers(ds: DataSource): Promise<string[]> {
  const rows = await ds.query<Array<{ def: string }>>(
    `SELECT pg_get_triggerdef(t.oid) AS def
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal
      ORDER BY c.relname, t.tgname`,
  );
  return rows.map((r) => r.def);
}

/** Functions of the app schema (trigger functions and helpers), with their full source. */
async function appFunctions(ds: DataSource): Promise<string[]> {
  const rows = await ds.query<Array<{ def: string }>>(
    `SELECT pg_get_functiondef(p.oid) AS def
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)`,
  );
  return rows.map((r) => r.def);
}

describe('migrations', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = new DataSource(buildDataSourceOptions(testDatabaseUrl(), 1));
    await ds.initialize();
  });

  afterAll(async () => {
    // Leave the database migrated for the other test files.
    await runMigrationsLocked(ds);
    await ds.destroy();
  });

  it('go up on an empty database, match the entities exactly, and go all the way down again', async () => {
    // Rows another file of this worker left behind (an INTEGRATION user, say, whose role a later migration
    // added) would stop a down migration: the database is emptied first, as every file starts.
    await resetDatabase(ds);
    await revertAllMigrations(ds);
    expect(await appTables(ds)).toEqual([]);
    expect(await appEnumTypes(ds)).toEqual([]);
    expect(await appFunctions(ds)).toEqual([]);

    const applied = await runMigrationsLocked(ds);
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await appTables(ds)).toEqual(
      expect.arrayContaining([
        'activity',
        'activity_slot',
        'custody_period',
        'prison',
        'prisoner',
        'region',
        'staff_member',
        'staff_member_prison',
        'unit',
      ]),
    );

    // The schema builder compares entities with the live schema: nothing may be pending.
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    // Triggers and functions carry rules the entities cannot show (capacity, custody ending allocations, …):
    // the committed snapshot makes any change to them visible in review, and they must come back the same.
    const triggers = await appTriggers(ds);
    const functions = await appFunctions(ds);
    expect(triggers.length).toBeGreaterThan(0);
    expect(triggers.some((t) => t.includes('custody_end_allocations'))).toBe(true);
    expect({ triggers, functions }).toMatchSnapshot();

    expect(await revertAllMigrations(ds)).toBe(MIGRATIONS.length);
    expect(await appTables(ds)).toEqual([]);
    expect(await appEnumTypes(ds)).toEqual([]);
    expect(await appFunctions(ds)).toEqual([]);
    expect(await appTriggers(ds)).toEqual([]);

    // Up again after a full down: the same triggers and functions (a down that forgot one would show here).
    await runMigrationsLocked(ds);
    expect(await appTriggers(ds)).toEqual(triggers);
    expect(await appFunctions(ds)).toEqual(functions);
    await revertAllMigrations(ds);
  });

  it('are idempotent: a second run applies nothing', async () => {
    await runMigrationsLocked(ds);
    expect(await runMigrationsLocked(ds)).toEqual([]);
  });
});
