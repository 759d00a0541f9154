import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drafts of the automatic week planner: one row per run for a prison and ISO week, with the input
 * it was made from (and a fingerprint of it), the engine's result, the diff against the bookings at
 * the time and the predicted rate. A partial unique index lets only one draft per prison and week be
 * applied; the check keeps applied_at in step with the APPLIED status.
 */
export class PlanDrafts1795500300000 implements MigrationInterface {
  name = 'PlanDrafts1795500300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."plan_draft_status" AS ENUM('DRAFT', 'APPLIED', 'STALE', 'SUPERSEDED')`);
    await queryRunner.query(
      `CREATE TABLE "plan_draft" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prison_id" uuid NOT NULL, "week" character varying(8) NOT NULL, "status" "public"."plan_draft_status" NOT NULL DEFAULT 'DRAFT', "input_fingerprint" character(64) NOT NULL, "input" jsonb NOT NULL, "result" jsonb NOT NULL, "diff" jsonb NOT NULL, "prisoner_days" integer NOT NULL, "active_days_before" integer NOT NULL, "active_days_after" integer NOT NULL, "upper_bound" integer NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "applied_at" TIMESTAMP WITH TIME ZONE, "applied_by_user_id" uuid, "apply_summary" jsonb, CONSTRAINT "plan_draft_applied_when_applied" CHECK (("status" = 'APPLIED') = ("applied_at" IS NOT NULL)), CONSTRAINT "plan_draft_week_format" CHECK ("week" ~ '^[0-9]{4}-W[0-9]{2}$'), CONSTRAINT "PK_f4ff7725e64c841fcaaa1068847" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "plan_draft_one_applied_per_week" ON "plan_draft"  ("prison_id", "week") WHERE "status" = 'APPLIED'`,
    );
    await queryRunner.query(`CREATE INDEX "plan_draft_prison_week_idx" ON "plan_draft"  ("prison_id", "week", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "plan_draft" ADD CONSTRAINT "plan_draft_prison_fk" FOREIGN KEY ("prison_id") REFERENCES "prison"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_draft" DROP CONSTRAINT "plan_draft_prison_fk"`);
    await queryRunner.query(`DROP INDEX "public"."plan_draft_prison_week_idx"`);
    await queryRunner.query(`DROP INDEX "public"."plan_draft_one_applied_per_week"`);
    await queryRunner.query(`DROP TABLE "plan_draft"`);
    await queryRunner.query(`DROP TYPE "public"."plan_draft_status"`);
  }
}
