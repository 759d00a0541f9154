import { MigrationInterface, QueryRunner } from 'typeorm';

// A prisoner holds at most one allocation to an activity over any date range (btree_gist is loaded by Init).
export class AllocationNoOverlap1795500200000 implements MigrationInterface {
  name = 'AllocationNoOverlap1795500200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "allocation" ADD CONSTRAINT "allocation_no_overlap" EXCLUDE USING gist ("prisoner_id" WITH =, "activity_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "allocation" DROP CONSTRAINT "allocation_no_overlap"`);
  }
}
