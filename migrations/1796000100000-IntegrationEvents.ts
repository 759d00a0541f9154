import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * System-to-system intake: the INTEGRATION role (a user that signs in only with an API token, never a
 * password), its hashed tokens, and the custody events received — one row per event id, holding the answer
 * given, so a repeated event changes nothing and gets the same answer.
 */
export class IntegrationEvents1796000100000 implements MigrationInterface {
  name = 'IntegrationEvents1796000100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."user_role" ADD VALUE IF NOT EXISTS 'INTEGRATION'`);
    await queryRunner.query(
      `CREATE TABLE "integration_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "integration_token_hash_key" UNIQUE ("token_hash"), CONSTRAINT "integration_token_pkey" PRIMARY KEY ("id"), CONSTRAINT "integration_token_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(`CREATE INDEX "integration_token_user_idx" ON "integration_token" ("user_id")`);
    await queryRunner.query(
      `CREATE TABLE "custody_event" ("event_id" character varying(100) NOT NULL, "client_user_id" uuid NOT NULL, "type" character varying(20) NOT NULL, "prisoner_number" character varying(20) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload_hash" character(64) NOT NULL, "applied" boolean NOT NULL, "status_code" smallint NOT NULL, "answer" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "custody_event_pkey" PRIMARY KEY ("event_id"))`,
    );
    // The latest applied event of a prisoner, by kind: a late event is judged against it.
    await queryRunner.query(
      `CREATE INDEX "custody_event_prisoner_time_idx" ON "custody_event" ("prisoner_number", "occurred_at") WHERE applied`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "custody_event"`);
    await queryRunner.query(`DROP TABLE "integration_token"`);
    // An enum value cannot be dropped: the type is made again without it (no user may still hold the role).
    await queryRunner.query(`ALTER TYPE "public"."user_role" RENAME TO "user_role_old"`);
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('OFFICER', 'TEACHER', 'MANAGER', 'NATIONAL_ADMIN')`);
    await queryRunner.query(
      `ALTER TABLE "app_user" ALTER COLUMN "roles" TYPE "public"."user_role"[] USING "roles"::text[]::"public"."user_role"[]`,
    );
    await queryRunner.query(`DROP TYPE "public"."user_role_old"`);
  }
}
