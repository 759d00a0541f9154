import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance: what happened to each booked prisoner in each session (no row = not recorded), its
 * append-only change history, and the daily allowance rates as dated data.
 */
export class Attendance1795500000000 implements MigrationInterface {
  name = 'Attendance1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."attendance_outcome" AS ENUM('ATTENDED', 'ABSENT')`);
    await queryRunner.query(
      `CREATE TYPE "public"."absence_reason" AS ENUM('SICK', 'REFUSED', 'COURT', 'VISIT', 'HEALTH_APPOINTMENT', 'LAWYER', 'OTHER_CLASH', 'NOT_REQUIRED', 'LEAVE', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "prisoner_id" uuid NOT NULL, "prison_id" uuid NOT NULL, "date" date NOT NULL, "period" "public"."day_period" NOT NULL, "outcome" "public"."attendance_outcome" NOT NULL, "absence_reason" "public"."absence_reason", "absence_note" text, "comment" text NOT NULL DEFAULT '', "recorded_by_user_id" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "attendance_session_prisoner_key" UNIQUE ("session_id", "prisoner_id"), CONSTRAINT "attendance_other_explained" CHECK ("absence_reason" IS DISTINCT FROM 'OTHER' OR length(trim("absence_note")) > 0), CONSTRAINT "attendance_absence_has_reason" CHECK (("outcome" = 'ABSENT') = ("absence_reason" IS NOT NULL)), CONSTRAINT "PK_ee0ffe42c1f1a01e72b725c0cb2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "attendance_prisoner_date_idx" ON "attendance"  ("prisoner_id", "date") `);
    await queryRunner.query(`CREATE INDEX "attendance_prison_date_idx" ON "attendance"  ("prison_id", "date") `);
    await queryRunner.query(
      `CREATE TABLE "attendance_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "attendance_id" uuid NOT NULL, "session_id" uuid NOT NULL, "prisoner_id" uuid NOT NULL, "changed_by_user_id" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "old_outcome" "public"."attendance_outcome" NOT NULL, "old_absence_reason" "public"."absence_reason", "old_absence_note" text, "new_outcome" "public"."attendance_outcome" NOT NULL, "new_absence_reason" "public"."absence_reason", "new_absence_note" text, "reason" text, CONSTRAINT "PK_048b031580a2e2aa6e508ffa271" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "attendance_change_attendance_idx" ON "attendance_change"  ("attendance_id", "changed_at") `);
    await queryRunner.query(
      `CREATE TABLE "allowance_rate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "valid_from" date NOT NULL, "daily_rate_nok" numeric(8,2) NOT NULL, "max_supplement_nok" numeric(8,2) NOT NULL, "support_rate_nok" numeric(8,2) NOT NULL, CONSTRAINT "allowance_rate_valid_from_key" UNIQUE ("valid_from"), CONSTRAINT "PK_27a2ed51b29350b82be1457b082" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_fk" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "attendance_prisoner_fk" FOREIGN KEY ("prisoner_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance_change" ADD CONSTRAINT "attendance_change_attendance_fk" FOREIGN KEY ("attendance_id") REFERENCES "attendance"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // Dagpenger 2023 (DOMAIN.md, from public sources): NOK 79 a day, supplement up to NOK 32,
    // stønadspenger NOK 53. Later years are added as new rows, never by editing this one.
    await queryRunner.query(
      `INSERT INTO "allowance_rate" ("valid_from", "daily_rate_nok", "max_supplement_nok", "support_rate_nok") VALUES ('2023-01-01', 79, 32, 53)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance_change" DROP CONSTRAINT "attendance_change_attendance_fk"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "attendance_prisoner_fk"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "attendance_session_fk"`);
    await queryRunner.query(`DROP TABLE "allowance_rate"`);
    await queryRunner.query(`DROP INDEX "public"."attendance_change_attendance_idx"`);
    await queryRunner.query(`DROP TABLE "attendance_change"`);
    await queryRunner.query(`DROP INDEX "public"."attendance_prison_date_idx"`);
    await queryRunner.query(`DROP INDEX "public"."attendance_prisoner_date_idx"`);
    await queryRunner.query(`DROP TABLE "attendance"`);
    await queryRunner.query(`DROP TYPE "public"."absence_reason"`);
    await queryRunner.query(`DROP TYPE "public"."attendance_outcome"`);
  }
}
