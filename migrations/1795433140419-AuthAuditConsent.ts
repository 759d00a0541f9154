import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in (users, sessions with revocable refresh tokens, login throttling), the append-only
 * audit trail, and consent and certificates for sharing qualifications with NAV.
 */
export class AuthAuditConsent1795433140419 implements MigrationInterface {
  name = 'AuthAuditConsent1795433140419';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."audit_outcome" AS ENUM('SUCCESS', 'DENIED', 'FAILED')`);
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid, "username" character varying(60), "role" character varying(120), "action" character varying(80) NOT NULL, "method" character varying(10) NOT NULL, "path" character varying(300) NOT NULL, "prison_id" uuid, "subject_type" character varying(40), "subject_id" character varying(64), "prisoner_id" uuid, "request_id" character varying(64), "outcome" "public"."audit_outcome" NOT NULL, "status_code" integer NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "audit_event_user_time_idx" ON "audit_event"  ("user_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "audit_event_prisoner_time_idx" ON "audit_event"  ("prisoner_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "audit_event_prison_time_idx" ON "audit_event"  ("prison_id", "occurred_at") `);
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('OFFICER', 'TEACHER', 'MANAGER', 'NATIONAL_ADMIN')`);
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(60) NOT NULL, "password_hash" text NOT NULL, "staff_member_id" uuid, "roles" "public"."user_role" array NOT NULL, "active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c480e576dd71729addbc2d51b67" UNIQUE ("username"), CONSTRAINT "UQ_7349774ad38a18dab96fc29f877" UNIQUE ("staff_member_id"), CONSTRAINT "REL_7349774ad38a18dab96fc29f87" UNIQUE ("staff_member_id"), CONSTRAINT "app_user_has_role" CHECK (cardinality("roles") > 0), CONSTRAINT "app_user_username_format" CHECK ("username" ~ '^[a-z0-9._-]{3,60}$'), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "refresh_token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c36ab9d68474b35d9e11d199c18" UNIQUE ("refresh_token_hash"), CONSTRAINT "PK_19354ed146424a728c1112a8cbf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "auth_session_user_id_idx" ON "auth_session"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "login_throttle" ("key" character varying(120) NOT NULL, "failures" integer NOT NULL DEFAULT '0', "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "locked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "certificate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prisoner_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "issuer" character varying(200), "issued_on" date NOT NULL, "activity_id" uuid, "recorded_by_user_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8daddfc65f59e341c2bbc9c9e43" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "certificate_prisoner_id_idx" ON "certificate"  ("prisoner_id") `);
    await queryRunner.query(`CREATE TYPE "public"."consent_purpose" AS ENUM('NAV_QUALIFICATIONS')`);
    await queryRunner.query(
      `CREATE TABLE "prisoner_consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prisoner_id" uuid NOT NULL, "purpose" "public"."consent_purpose" NOT NULL, "given" boolean NOT NULL, "effective_date" date NOT NULL, "recorded_by_user_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07a292a8c8c046d88c9caaae128" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "prisoner_consent_prisoner_purpose_idx" ON "prisoner_consent"  ("prisoner_id", "purpose", "recorded_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "app_user_staff_member_fk" FOREIGN KEY ("staff_member_id") REFERENCES "staff_member"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificate" ADD CONSTRAINT "certificate_prisoner_fk" FOREIGN KEY ("prisoner_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "certificate" ADD CONSTRAINT "certificate_activity_fk" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "prisoner_consent" ADD CONSTRAINT "prisoner_consent_prisoner_fk" FOREIGN KEY ("prisoner_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The audit trail is append-only in the database too (TRUNCATE, used by tests, is not a row change).
    await queryRunner.query(`CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_event rows cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_event_append_only" ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_refuse_change()`);
    await queryRunner.query(`ALTER TABLE "prisoner_consent" DROP CONSTRAINT "prisoner_consent_prisoner_fk"`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "certificate_activity_fk"`);
    await queryRunner.query(`ALTER TABLE "certificate" DROP CONSTRAINT "certificate_prisoner_fk"`);
    await queryRunner.query(`ALTER TABLE "auth_session" DROP CONSTRAINT "auth_session_user_fk"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "app_user_staff_member_fk"`);
    await queryRunner.query(`DROP INDEX "public"."prisoner_consent_prisoner_purpose_idx"`);
    await queryRunner.query(`DROP TABLE "prisoner_consent"`);
    await queryRunner.query(`DROP TYPE "public"."consent_purpose"`);
    await queryRunner.query(`DROP INDEX "public"."certificate_prisoner_id_idx"`);
    await queryRunner.query(`DROP TABLE "certificate"`);
    await queryRunner.query(`DROP TABLE "login_throttle"`);
    await queryRunner.query(`DROP INDEX "public"."auth_session_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "auth_session"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_prison_time_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_prisoner_time_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_user_time_idx"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP TYPE "public"."audit_outcome"`);
  }
}
