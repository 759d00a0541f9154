import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { PrisonerNumberUpperCase1796500000000 } from '../migrations/1796500000000-PrisonerNumberUpperCase';
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

  it('PrisonerNumberUpperCase: up stops on numbers that differ only in case, naming them; else upper-cases; down drops the check', async () => {
    await resetDatabase(ds);
    await runMigrationsLocked(ds);
    const migration = new PrisonerNumberUpperCase1796500000000();
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await migration.down(qr);
      const insert = (numbers: string[]) =>
        qr.query(
          `INSERT INTO prisoner (prisoner_number, first_name, last_name, date_of_birth, legal_status, nationality)
           SELECT n, 'A', 'B', '1990-01-01', 'CONVICTED', 'NO' FROM unnest($1::text[]) AS n`,
          [numbers],
        );
      await insert(['OSL-1', 'osl-1', 'Osl-1', 'TRD-5', 'trd-5', 'bgo-7 ']);
      await expect(migration.up(qr)).rejects.toThrow(
        'PrisonerNumberUpperCase: 2 prisoner number(s) are stored more than once in different case (OSL-1 = Osl-1 = osl-1; TRD-5 = trd-5).',
      );
      await qr.query(`DELETE FROM prisoner WHERE prisoner_number IN ('osl-1', 'Osl-1', 'trd-5')`);
      await migration.up(qr);
      const rows: Array<{ prisoner_number: string }> = await qr.query(`SELECT prisoner_number FROM prisoner ORDER BY 1`);
      expect(rows.map((r) => r.prisoner_number)).toEqual(['BGO-7', 'OSL-1', 'TRD-5']);
      await expect(insert(['osl-1'])).rejects.toThrow(/prisoner_number_normalised/);
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });
});
