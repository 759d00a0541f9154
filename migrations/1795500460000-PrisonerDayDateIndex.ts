import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * National and regional figures by activity kind read prisoner_day by date across all prisons; the only
 * index led by prison_id, so every such read was a whole-table scan (~0.5 s for a national year on the
 * demo data, more on a longer history). A range shorter than the table now takes a bitmap index scan.
 */
export class PrisonerDayDateIndex1795500460000 implements MigrationInterface {
  name = 'PrisonerDayDateIndex1795500460000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "prisoner_day_date_idx" ON "prisoner_day" ("date") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."prisoner_day_date_idx"`);
  }
}
