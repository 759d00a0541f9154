import { MigrationInterface, QueryRunner } from 'typeorm';

// The tables each cached read is computed from (src/read-version). prison, unit etc. feed names and labels.
const SOURCES: Record<string, string[]> = {
  'week-plan': [
    'prison',
    'unit',
    'prisoner',
    'custody_period',
    'activity',
    'staff_member',
    'session',
    'booking',
    'unavailability',
    'non_association',
  ],
  'activity-rate': ['region', 'prison', 'unit', 'prisoner_day', 'prison_day_rate'],
};

const triggerName = (name: string, table: string) => `${table}_${name.replace('-', '_')}_read_version`;

/**
 * Read versions: one number per cached read ('week-plan', 'activity-rate') that changes with every
 * committed transaction that wrote one of its source tables, so a cache keyed by it can never serve a
 * result computed before a write. A statement trigger on each source table notes the transaction once
 * (a row in read_version_pending); a deferred trigger on that row moves the version to a fresh sequence
 * value at commit, so the row lock on read_version is held only while committing (no lock-order
 * deadlocks with the writer's other locks) and the new version becomes visible with the data.
 * Versions come from a sequence that TRUNCATE … RESTART IDENTITY does not reset, so they never repeat;
 * a missing row (a truncated table) means "unknown" and the reads are not cached.
 */
export class ReadVersions1795500470000 implements MigrationInterface {
  name = 'ReadVersions1795500470000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "read_version_seq"`);
    await queryRunner.query(
      `CREATE TABLE "read_version" ("name" character varying(40) NOT NULL, "version" bigint NOT NULL, CONSTRAINT "read_version_pkey" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(`CREATE TABLE "read_version_pending" ("name" character varying(40) NOT NULL)`);
    await queryRunner.query(
      `INSERT INTO "read_version" ("name", "version") SELECT n, nextval('read_version_seq') FROM unnest($1::text[]) AS n`,
      [Object.keys(SOURCES)],
    );
    await queryRunner.query(`
            CREATE FUNCTION "read_version_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                flag text := 'read_version.' || replace(TG_ARGV[0], '-', '_');
            BEGIN
                -- Once per transaction and version: the setting is local to the transaction.
                IF coalesce(current_setting(flag, true), '') <> 'on' THEN
                    PERFORM set_config(flag, 'on', true);
                    INSERT INTO read_version_pending (name) VALUES (TG_ARGV[0]);
                END IF;
                RETURN NULL;
            END $$`);
    await queryRunner.query(`
            CREATE FUNCTION "read_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- Every name this transaction owes, at once and in name order: two transactions committing
                -- together then lock the version rows in the same order and cannot deadlock. Later firings
                -- of this trigger in the same commit find nothing pending.
                PERFORM 1 FROM read_version WHERE name IN (SELECT name FROM read_version_pending) ORDER BY name FOR UPDATE;
                INSERT INTO read_version (name, version)
                    SELECT p.name, nextval('read_version_seq') FROM (SELECT DISTINCT name FROM read_version_pending ORDER BY name) p
                    ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version;
                DELETE FROM read_version_pending;
                RETURN NULL;
            END $$`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER "read_version_bump" AFTER INSERT ON "read_version_pending" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "read_version_bump"()`,
    );
    for (const [name, tables] of Object.entries(SOURCES)) {
      for (const table of tables) {
        await queryRunner.query(
          `CREATE TRIGGER "${triggerName(name, table)}" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "read_version_touch"('${name}')`,
        );
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name, tables] of Object.entries(SOURCES)) {
      for (const table of tables) await queryRunner.query(`DROP TRIGGER "${triggerName(name, table)}" ON "${table}"`);
    }
    await queryRunner.query(`DROP TRIGGER "read_version_bump" ON "read_version_pending"`);
    await queryRunner.query(`DROP FUNCTION "read_version_bump"()`);
    await queryRunner.query(`DROP FUNCTION "read_version_touch"()`);
    await queryRunner.query(`DROP TABLE "read_version_pending"`);
    await queryRunner.query(`DROP TABLE "read_version"`);
    await queryRunner.query(`DROP SEQUENCE "read_version_seq"`);
  }
}
