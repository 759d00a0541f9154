import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The activity measure as data: prisoner_day holds one row per prisoner per counted day held, with
 * planned/realised activity and exactly one reason when not active (check constraints keep the
 * status and its detail consistent); prison_day_rate rolls it up per unit and day so that national
 * multi-year rates sum a few hundred thousand rows instead of millions. Both are derived tables,
 * rebuilt by PrisonerDaysService; nothing else writes them.
 */
export class PrisonerDays1795500100000 implements MigrationInterface {
  name = 'PrisonerDays1795500100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."prisoner_day_reason" AS ENUM('NO_OFFER', 'SESSION_CANCELLED', 'ABSENT', 'NOT_RECORDED', 'EXCLUDED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "prisoner_day" ("prisoner_id" uuid NOT NULL, "date" date NOT NULL, "prison_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "planned_active" boolean NOT NULL, "realised_active" boolean NOT NULL, "reason" "public"."prisoner_day_reason", "cancellation_reason" "public"."cancellation_reason", "absence_reason" "public"."absence_reason", "activity_kind" "public"."activity_kind", "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "prisoner_day_absence_detail" CHECK (("absence_reason" IS NOT NULL) = ("reason" IS NOT DISTINCT FROM 'ABSENT')), CONSTRAINT "prisoner_day_cancellation_detail" CHECK (("cancellation_reason" IS NOT NULL) = ("reason" IS NOT DISTINCT FROM 'SESSION_CANCELLED')), CONSTRAINT "prisoner_day_realised_is_planned" CHECK (NOT "realised_active" OR "planned_active"), CONSTRAINT "prisoner_day_one_status" CHECK (("reason" IS NULL) = "realised_active"), CONSTRAINT "PK_4a1766f86c9a1ca6564afbaa313" PRIMARY KEY ("prisoner_id", "date"))`,
    );
    await queryRunner.query(`CREATE INDEX "prisoner_day_prison_date_idx" ON "prisoner_day"  ("prison_id", "date") `);
    await queryRunner.query(
      `CREATE TABLE "prison_day_rate" ("prison_id" uuid NOT NULL, "date" date NOT NULL, "unit_id" uuid NOT NULL, "prisoner_days" integer NOT NULL, "planned_active_days" integer NOT NULL, "realised_active_days" integer NOT NULL, "no_offer" integer NOT NULL, "session_cancelled" integer NOT NULL, "absent" integer NOT NULL, "not_recorded" integer NOT NULL, "excluded" integer NOT NULL, CONSTRAINT "prison_day_rate_adds_up" CHECK ("prisoner_days" - "realised_active_days" = "no_offer" + "session_cancelled" + "absent" + "not_recorded" + "excluded"), CONSTRAINT "PK_98441abcd2781e3e41936139ee8" PRIMARY KEY ("prison_id", "date", "unit_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "prison_day_rate_date_idx" ON "prison_day_rate"  ("date") `);
    await queryRunner.query(
      `ALTER TABLE "prisoner_day" ADD CONSTRAINT "prisoner_day_prisoner_fk" FOREIGN KEY ("prisoner_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "prisoner_day" ADD CONSTRAINT "prisoner_day_prison_fk" FOREIGN KEY ("prison_id") REFERENCES "prison"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "prisoner_day" ADD CONSTRAINT "prisoner_day_unit_fk" FOREIGN KEY ("unit_id") REFERENCES "unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "prisoner_day" DROP CONSTRAINT "prisoner_day_unit_fk"`);
    await queryRunner.query(`ALTER TABLE "prisoner_day" DROP CONSTRAINT "prisoner_day_prison_fk"`);
    await queryRunner.query(`ALTER TABLE "prisoner_day" DROP CONSTRAINT "prisoner_day_prisoner_fk"`);
    await queryRunner.query(`DROP INDEX "public"."prison_day_rate_date_idx"`);
    await queryRunner.query(`DROP TABLE "prison_day_rate"`);
    await queryRunner.query(`DROP INDEX "public"."prisoner_day_prison_date_idx"`);
    await queryRunner.query(`DROP TABLE "prisoner_day"`);
    await queryRunner.query(`DROP TYPE "public"."prisoner_day_reason"`);
  }
}
