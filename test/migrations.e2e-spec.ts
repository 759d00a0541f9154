import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { revertAllMigrations, runMigrationsLocked } from '../src/database/migration-runner';
import { buildDataSourceOptions, MIGRATIONS_TABLE } from '../src/database/typeorm-options';
import { testDatabaseUrl } from './support/test-app';

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
    await revertAllMigrations(ds);
    expect(await appTables(ds)).toEqual([]);
    expect(await appEnumTypes(ds)).toEqual([]);

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

    expect(await revertAllMigrations(ds)).toBe(MIGRATIONS.length);
    expect(await appTables(ds)).toEqual([]);
    expect(await appEnumTypes(ds)).toEqual([]);
  });

  it('are idempotent: a second run applies nothing', async () => {
    await runMigrationsLocked(ds);
    expect(await runMigrationsLocked(ds)).toEqual([]);
  });
});
