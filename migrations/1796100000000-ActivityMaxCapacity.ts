import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The room or workshop size of an activity (issue 16, the capacity what-if): a session may grow up to
 * it. NULL = the activity's capacity, i.e. no growth until someone records the size.
 */
export class ActivityMaxCapacity1796100000000 implements MigrationInterface {
  name = 'ActivityMaxCapacity1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "activity" ADD "max_capacity" integer`);
    await queryRunner.query(
      `ALTER TABLE "activity" ADD CONSTRAINT "activity_max_capacity_at_least_capacity" CHECK ("max_capacity" IS NULL OR "max_capacity" >= "capacity")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "activity" DROP CONSTRAINT "activity_max_capacity_at_least_capacity"`);
    await queryRunner.query(`ALTER TABLE "activity" DROP COLUMN "max_capacity"`);
  }
}
