import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The national data model, first version: regions, prisons and units; prisoners and their custody
 * periods (no overlaps, enforced by an exclusion constraint); staff under the import model;
 * activities and their weekly AM/PM slots.
 */
export class Init1795432334564 implements MigrationInterface {
  name = 'Init1795432334564';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // btree_gist lets the custody exclusion constraint combine "=" on prisoner_id with "&&" on date ranges.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "region" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(16) NOT NULL, "name" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_74f7723fdff738f92929c0056cb" UNIQUE ("code"), CONSTRAINT "UQ_8d766fc1d4d2e72ecd5f6567a02" UNIQUE ("name"), CONSTRAINT "PK_5f48ffc3af96bc486f5f3f3a6da" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."security_level" AS ENUM('HIGH', 'LOW')`);
    await queryRunner.query(
      `CREATE TABLE "prison" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(16) NOT NULL, "name" character varying(120) NOT NULL, "region_id" uuid NOT NULL, "security_level" "public"."security_level" NOT NULL, "capacity" integer NOT NULL, "time_zone" character varying(64) NOT NULL DEFAULT 'Europe/Oslo', "am_start" TIME NOT NULL DEFAULT '08:00:00', "am_end" TIME NOT NULL DEFAULT '11:30:00', "pm_start" TIME NOT NULL DEFAULT '12:00:00', "pm_end" TIME NOT NULL DEFAULT '15:00:00', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_48f9606404e740326e0e329a6bd" UNIQUE ("code"), CONSTRAINT "UQ_112885d4fe9b8597579b134fe2a" UNIQUE ("name"), CONSTRAINT "prison_day_regime_ordered" CHECK ("am_start" < "am_end" AND "am_end" <= "pm_start" AND "pm_start" < "pm_end"), CONSTRAINT "prison_capacity_positive" CHECK ("capacity" > 0), CONSTRAINT "PK_66bd1a9c96bef7859239e24e7f1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "prison_region_id_idx" ON "prison"  ("region_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."staff_role" AS ENUM('WORK_PROGRAMME_OFFICER', 'TEACHER', 'PROGRAMME_FACILITATOR', 'PRISON_MANAGER', 'NATIONAL_ADMINISTRATOR')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."employer" AS ENUM('CORRECTIONAL_SERVICE', 'COUNTY_AUTHORITY', 'MUNICIPALITY', 'OTHER')`);
    await queryRunner.query(
      `CREATE TABLE "staff_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "roles" "public"."staff_role" array NOT NULL, "employer" "public"."employer" NOT NULL, "employer_name" character varying(160), "email" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "staff_member_has_role" CHECK (cardinality("roles") > 0), CONSTRAINT "PK_342343208cbc30b3c14a976b0a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."activity_kind" AS ENUM('WORK', 'EDUCATION', 'PROGRAMME')`);
    await queryRunner.query(
      `CREATE TABLE "activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prison_id" uuid NOT NULL, "kind" "public"."activity_kind" NOT NULL, "category" character varying(40) NOT NULL, "name" character varying(160) NOT NULL, "description" text NOT NULL DEFAULT '', "location" character varying(160) NOT NULL DEFAULT '', "capacity" integer NOT NULL, "provider" "public"."employer" NOT NULL, "provider_name" character varying(160), "security_levels" "public"."security_level" array NOT NULL, "min_age" integer, "max_age" integer, "requires_referral" boolean NOT NULL DEFAULT false, "runs_on_public_holidays" boolean NOT NULL DEFAULT false, "start_date" date NOT NULL, "end_date" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "activity_security_levels_nonempty" CHECK (cardinality("security_levels") > 0), CONSTRAINT "activity_dates_ordered" CHECK ("end_date" IS NULL OR "end_date" >= "start_date"), CONSTRAINT "activity_ages_plausible" CHECK (("min_age" IS NULL OR "min_age" BETWEEN 15 AND 100) AND ("max_age" IS NULL OR "max_age" BETWEEN 15 AND 120)), CONSTRAINT "activity_ages_ordered" CHECK ("min_age" IS NULL OR "max_age" IS NULL OR "min_age" <= "max_age"), CONSTRAINT "activity_capacity_positive" CHECK ("capacity" > 0), CONSTRAINT "PK_24625a1d6b1b089c8ae206fe467" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "activity_prison_kind_idx" ON "activity"  ("prison_id", "kind") `);
    await queryRunner.query(`CREATE TYPE "public"."day_period" AS ENUM('AM', 'PM')`);
    await queryRunner.query(
      `CREATE TABLE "activity_slot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "weekday" smallint NOT NULL, "period" "public"."day_period" NOT NULL, "start_time" TIME, "end_time" TIME, "staff_member_id" uuid, CONSTRAINT "activity_slot_activity_day_period_key" UNIQUE ("activity_id", "weekday", "period"), CONSTRAINT "activity_slot_custom_times" CHECK (("start_time" IS NULL) = ("end_time" IS NULL) AND ("start_time" IS NULL OR "start_time" < "end_time")), CONSTRAINT "activity_slot_weekday_mon_fri" CHECK ("weekday" BETWEEN 1 AND 5), CONSTRAINT "PK_d555fc02128ea29ce203a95e8bd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "activity_slot_staff_member_id_idx" ON "activity_slot"  ("staff_member_id") `);
    await queryRunner.query(
      `CREATE TABLE "unit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prison_id" uuid NOT NULL, "name" character varying(120) NOT NULL, "security_level" "public"."security_level" NOT NULL, "capacity" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "unit_id_prison_key" UNIQUE ("id", "prison_id"), CONSTRAINT "unit_prison_name_key" UNIQUE ("prison_id", "name"), CONSTRAINT "unit_capacity_positive" CHECK ("capacity" > 0), CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."legal_status" AS ENUM('CONVICTED', 'REMAND')`);
    await queryRunner.query(
      `CREATE TYPE "public"."education_level" AS ENUM('NONE_OR_PRIMARY', 'LOWER_SECONDARY', 'UPPER_SECONDARY_INCOMPLETE', 'UPPER_SECONDARY', 'HIGHER', 'UNKNOWN')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."education_right" AS ENUM('NONE', 'YOUTH', 'ADULT')`);
    await queryRunner.query(
      `CREATE TABLE "prisoner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prisoner_number" character varying(20) NOT NULL, "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "date_of_birth" date NOT NULL, "legal_status" "public"."legal_status" NOT NULL, "nationality" character(2) NOT NULL, "education_level" "public"."education_level" NOT NULL DEFAULT 'UNKNOWN', "education_right" "public"."education_right" NOT NULL DEFAULT 'NONE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5d18bf43340df038f400466bb9b" UNIQUE ("prisoner_number"), CONSTRAINT "PK_4c068e32b4930f506885f4f1c7a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "prisoner_last_first_name_idx" ON "prisoner"  ("last_name", "first_name") `);
    await queryRunner.query(`CREATE TYPE "public"."custody_end_reason" AS ENUM('RELEASED', 'TRANSFERRED')`);
    await queryRunner.query(
      `CREATE TABLE "custody_period" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prisoner_id" uuid NOT NULL, "prison_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "from_date" date NOT NULL, "to_date" date, "end_reason" "public"."custody_end_reason", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "custody_period_end_reason_with_end" CHECK (("to_date" IS NULL) = ("end_reason" IS NULL)), CONSTRAINT "custody_period_dates_ordered" CHECK ("to_date" IS NULL OR "to_date" > "from_date"), CONSTRAINT "custody_period_no_overlap" EXCLUDE USING gist ("prisoner_id" WITH =, daterange("from_date", "to_date", '[)') WITH &&), CONSTRAINT "PK_5d3a7cc00bb937799f43bd0f51d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "custody_period_prisoner_id_idx" ON "custody_period"  ("prisoner_id") `);
    await queryRunner.query(`CREATE INDEX "custody_period_prison_dates_idx" ON "custody_period"  ("prison_id", "from_date", "to_date") `);
    await queryRunner.query(
      `CREATE TABLE "staff_member_prison" ("staff_member_id" uuid NOT NULL, "prison_id" uuid NOT NULL, CONSTRAINT "PK_7554b66e9ab463e9b7bab13797e" PRIMARY KEY ("staff_member_id", "prison_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8e7a88e0481e1c2d62c123a2cc" ON "staff_member_prison"  ("staff_member_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c52a239ccb267c2c5575409e4a" ON "staff_member_prison"  ("prison_id") `);
    await queryRunner.query(
      `ALTER TABLE "prison" ADD CONSTRAINT "prison_region_fk" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity" ADD CONSTRAINT "activity_prison_fk" FOREIGN KEY ("prison_id") REFERENCES "prison"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_slot" ADD CONSTRAINT "activity_slot_activity_fk" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_slot" ADD CONSTRAINT "activity_slot_staff_member_fk" FOREIGN KEY ("staff_member_id") REFERENCES "staff_member"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "unit" ADD CONSTRAINT "unit_prison_fk" FOREIGN KEY ("prison_id") REFERENCES "prison"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_period" ADD CONSTRAINT "custody_period_prisoner_fk" FOREIGN KEY ("prisoner_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_period" ADD CONSTRAINT "custody_period_prison_fk" FOREIGN KEY ("prison_id") REFERENCES "prison"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_period" ADD CONSTRAINT "FK_154cb6e490b831d2be05fbee658" FOREIGN KEY ("unit_id", "prison_id") REFERENCES "unit"("id","prison_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff_member_prison" ADD CONSTRAINT "staff_member_prison_staff_fk" FOREIGN KEY ("staff_member_id") REFERENCES "staff_member"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff_member_prison" ADD CONSTRAINT "staff_member_prison_prison_fk" FOREIGN KEY ("prison_id") REFERENCES "prison"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_member_prison" DROP CONSTRAINT "staff_member_prison_prison_fk"`);
    await queryRunner.query(`ALTER TABLE "staff_member_prison" DROP CONSTRAINT "staff_member_prison_staff_fk"`);
    await queryRunner.query(`ALTER TABLE "custody_period" DROP CONSTRAINT "FK_154cb6e490b831d2be05fbee658"`);
    await queryRunner.query(`ALTER TABLE "custody_period" DROP CONSTRAINT "custody_period_prison_fk"`);
    await queryRunner.query(`ALTER TABLE "custody_period" DROP CONSTRAINT "custody_period_prisoner_fk"`);
    await queryRunner.query(`ALTER TABLE "unit" DROP CONSTRAINT "unit_prison_fk"`);
    await queryRunner.query(`ALTER TABLE "activity_slot" DROP CONSTRAINT "activity_slot_staff_member_fk"`);
    await queryRunner.query(`ALTER TABLE "activity_slot" DROP CONSTRAINT "activity_slot_activity_fk"`);
    await queryRunner.query(`ALTER TABLE "activity" DROP CONSTRAINT "activity_prison_fk"`);
    await queryRunner.query(`ALTER TABLE "prison" DROP CONSTRAINT "prison_region_fk"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c52a239ccb267c2c5575409e4a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8e7a88e0481e1c2d62c123a2cc"`);
    await queryRunner.query(`DROP TABLE "staff_member_prison"`);
    await queryRunner.query(`DROP INDEX "public"."custody_period_prison_dates_idx"`);
    await queryRunner.query(`DROP INDEX "public"."custody_period_prisoner_id_idx"`);
    await queryRunner.query(`DROP TABLE "custody_period"`);
    await queryRunner.query(`DROP INDEX "public"."prisoner_last_first_name_idx"`);
    await queryRunner.query(`DROP TABLE "prisoner"`);
    await queryRunner.query(`DROP TABLE "unit"`);
    await queryRunner.query(`DROP INDEX "public"."activity_slot_staff_member_id_idx"`);
    await queryRunner.query(`DROP TABLE "activity_slot"`);
    await queryRunner.query(`DROP INDEX "public"."activity_prison_kind_idx"`);
    await queryRunner.query(`DROP TABLE "activity"`);
    await queryRunner.query(`DROP TABLE "staff_member"`);
    await queryRunner.query(`DROP INDEX "public"."prison_region_id_idx"`);
    await queryRunner.query(`DROP TABLE "prison"`);
    await queryRunner.query(`DROP TABLE "region"`);
    await queryRunner.query(`DROP TYPE "public"."custody_end_reason"`);
    await queryRunner.query(`DROP TYPE "public"."education_right"`);
    await queryRunner.query(`DROP TYPE "public"."education_level"`);
    await queryRunner.query(`DROP TYPE "public"."legal_status"`);
    await queryRunner.query(`DROP TYPE "public"."security_level"`);
    await queryRunner.query(`DROP TYPE "public"."day_period"`);
    await queryRunner.query(`DROP TYPE "public"."employer"`);
    await queryRunner.query(`DROP TYPE "public"."activity_kind"`);
    await queryRunner.query(`DROP TYPE "public"."staff_role"`);
  }
}
