import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regions, prisons, units and staff members are referred to by history (custody, sessions, attendance,
 * facts), so organisation administration deactivates them instead of deleting them. `active` and
 * `deactivated_at` always agree (a check), so "when" is never lost.
 */
export class OrganisationDeactivation1795900000000 implements MigrationInterface {
  name = 'OrganisationDeactivation1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['region', 'prison', 'unit', 'staff_member']) {
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD "active" boolean NOT NULL DEFAULT true, ADD "deactivated_at" TIMESTAMP WITH TIME ZONE`,
      );
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${table}_deactivated_when_inactive" CHECK ("active" = ("deactivated_at" IS NULL))`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['staff_member', 'unit', 'prison', 'region']) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${table}_deactivated_when_inactive"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "deactivated_at", DROP COLUMN "active"`);
    }
  }
}
