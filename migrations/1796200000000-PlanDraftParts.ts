import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drafts applied in part and undone (issue 14): every apply of a draft is a plan_draft_apply row with
 * what it wrote, so that it can be undone. The status type gains PARTIAL and UNDONE; it is recreated
 * rather than altered with ADD VALUE, because the index and check below use the new values in this same
 * transaction (a value added by ADD VALUE cannot be used before its transaction commits). A week still
 * has at most one draft applied, now in full or in part.
 */
export class PlanDraftParts1796200000000 implements MigrationInterface {
  name = 'PlanDraftParts1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."plan_draft_one_applied_per_week"`);
    await queryRunner.query(`ALTER TABLE "plan_draft" DROP CONSTRAINT "plan_draft_applied_when_applied"`);
    await queryRunner.query(`ALTER TYPE "public"."plan_draft_status" RENAME TO "plan_draft_status_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."plan_draft_status" AS ENUM('DRAFT', 'PARTIAL', 'APPLIED', 'UNDONE', 'STALE', 'SUPERSEDED')`,
    );
    await queryRunner.query(`ALTER TABLE "plan_draft" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "plan_draft" ALTER COLUMN "status" TYPE "public"."plan_draft_status" USING "status"::"text"::"public"."plan_draft_status"`,
    );
    await queryRunner.query(`ALTER TABLE "plan_draft" ALTER COLUMN "status" SET DEFAULT 'DRAFT'`);
    await queryRunner.query(`DROP TYPE "public"."plan_draft_status_old"`);
    await queryRunner.query(
      `ALTER TABLE "plan_draft" ADD CONSTRAINT "plan_draft_applied_when_applied" CHECK (("status" IN ('APPLIED', 'PARTIAL', 'UNDONE')) = ("applied_at" IS NOT NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "plan_draft_one_applied_per_week" ON "plan_draft"  ("prison_id", "week") WHERE "status" IN ('APPLIED', 'PARTIAL')`,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_draft_apply" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "draft_id" uuid NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL, "applied_by_user_id" uuid NOT NULL, "part" jsonb, "change_keys" jsonb NOT NULL, "record" jsonb NOT NULL, "summary" jsonb NOT NULL, "undone_at" TIMESTAMP WITH TIME ZONE, "undone_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_40c89e4bc4129e7884d7626e1dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "plan_draft_apply_draft_idx" ON "plan_draft_apply"  ("draft_id", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "plan_draft_apply" ADD CONSTRAINT "plan_draft_apply_draft_fk" FOREIGN KEY ("draft_id") REFERENCES "plan_draft"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "plan_draft_apply" DROP CONSTRAINT "plan_draft_apply_draft_fk"`);
    await queryRunner.query(`DROP INDEX "public"."plan_draft_apply_draft_idx"`);
    await queryRunner.query(`DROP TABLE "plan_draft_apply"`);
    await queryRunner.query(`DROP INDEX "public"."plan_draft_one_applied_per_week"`);
    await queryRunner.query(`ALTER TABLE "plan_draft" DROP CONSTRAINT "plan_draft_applied_when_applied"`);
    // The old states: a part applied counts as applied, an undone draft as superseded.
    await queryRunner.query(`UPDATE "plan_draft" SET "status" = 'APPLIED' WHERE "status" = 'PARTIAL'`);
    await queryRunner.query(`UPDATE "plan_draft" SET "status" = 'SUPERSEDED', "applied_at" = NULL WHERE "status" = 'UNDONE'`);
    await queryRunner.query(`ALTER TYPE "public"."plan_draft_status" RENAME TO "plan_draft_status_old"`);
    await queryRunner.query(`CREATE TYPE "public"."plan_draft_status" AS ENUM('DRAFT', 'APPLIED', 'STALE', 'SUPERSEDED')`);
    await queryRunner.query(`ALTER TABLE "plan_draft" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "plan_draft" ALTER COLUMN "status" TYPE "public"."plan_draft_status" USING "status"::"text"::"public"."plan_draft_status"`,
    );
    await queryRunner.query(`ALTER TABLE "plan_draft" ALTER COLUMN "status" SET DEFAULT 'DRAFT'`);
    await queryRunner.query(`DROP TYPE "public"."plan_draft_status_old"`);
    await queryRunner.query(
      `ALTER TABLE "plan_draft" ADD CONSTRAINT "plan_draft_applied_when_applied" CHECK (("status" = 'APPLIED') = ("applied_at" IS NOT NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "plan_draft_one_applied_per_week" ON "plan_draft"  ("prison_id", "week") WHERE "status" = 'APPLIED'`,
    );
  }
}
