import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Weekly planning: dated sessions, allocations and their bookings (the rosters), prisoners'
 * unavailability, non-associations, referrals (the waiting list) and staff calendar feeds.
 */
export class WeeklyPlanning1795434217540 implements MigrationInterface {
  name = 'WeeklyPlanning1795434217540';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."allocation_pattern" AS ENUM('ALL', 'AM_ONLY', 'PM_ONLY', 'CHOSEN')`);
    await queryRunner.query(
      `CREATE TYPE "public"."deallocation_reason" AS ENUM('COMPLETED', 'TRANSFERRED', 'RELEASED', 'WITHDRAWN_BY_STAFF', 'WITHDRAWN_BY_PRISONER', 'HEALTH', 'SECURITY', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "allocation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prisoner_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "prison_id" uuid NOT NULL, "start_date" date NOT NULL, "end_date" date, "pattern" "public"."allocation_pattern" NOT NULL, "chosen_slots" jsonb, "ended_reason" "public"."deallocation_reason", "ended_note" text, "locked" boolean NOT NULL DEFAULT false, "override_reason" text, "created_by_user_id" uuid, "ended_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "allocation_override_explained" CHECK ("override_reason" IS NULL OR length(trim("override_reason")) > 0), CONSTRAINT "allocation_end_reason_with_end" CHECK ("ended_reason" IS NULL OR "end_date" IS NOT NULL), CONSTRAINT "allocation_chosen_slots" CHECK (("pattern" = 'CHOSEN') = ("chosen_slots" IS NOT NULL AND jsonb_array_length("chosen_slots") > 0)), CONSTRAINT "allocation_dates_ordered" CHECK ("end_date" IS NULL OR "end_date" >= "start_date"), CONSTRAINT "PK_7df89c736595e454b6ae07264fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "allocation_activity_idx" ON "allocation"  ("activity_id", "start_date") `);
    await queryRunner.query(`CREATE INDEX "allocation_prisoner_idx" ON "allocation"  ("prisoner_id", "start_date") `);
    await queryRunner.query(
      `CREATE TYPE "public"."cancellation_reason" AS ENUM('STAFF_UNAVAILABLE', 'STAFF_TRAINING', 'LOCATION_UNAVAILABLE', 'LOCKDOWN', 'NOT_REQUIRED', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity_id" uuid NOT NULL, "slot_id" uuid, "prison_id" uuid NOT NULL, "date" date NOT NULL, "period" "public"."day_period" NOT NULL, "start_time" TIME NOT NULL, "end_time" TIME NOT NULL, "staff_member_id" uuid, "capacity" integer NOT NULL, "booked" integer NOT NULL DEFAULT '0', "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" "public"."cancellation_reason", "cancellation_note" text, "cancelled_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "session_activity_date_period_key" UNIQUE ("activity_id", "date", "period"), CONSTRAINT "session_other_reason_explained" CHECK ("cancellation_reason" IS DISTINCT FROM 'OTHER' OR length(trim("cancellation_note")) > 0), CONSTRAINT "session_cancellation_complete" CHECK (("cancelled_at" IS NULL) = ("cancellation_reason" IS NULL)), CONSTRAINT "session_times_ordered" CHECK ("start_time" < "end_time"), CONSTRAINT "session_booked_within_capacity" CHECK ("booked" >= 0 AND "booked" <= "capacity"), CONSTRAINT "session_capacity_positive" CHECK ("capacity" > 0), CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "session_staff_date_idx" ON "session"  ("staff_member_id", "date") `);
    await queryRunner.query(`CREATE INDEX "session_prison_date_idx" ON "session"  ("prison_id", "date") `);
    await queryRunner.query(
      `CREATE TABLE "booking" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "prisoner_id" uuid NOT NULL, "allocation_id" uuid NOT NULL, "date" date NOT NULL, "period" "public"."day_period" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "booking_prisoner_half_day_key" UNIQUE ("prisoner_id", "date", "period"), CONSTRAINT "booking_session_prisoner_key" UNIQUE ("session_id", "prisoner_id"), CONSTRAINT "PK_49171efc69702ed84c812f33540" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "booking_allocation_idx" ON "booking"  ("allocation_id") `);
    await queryRunner.query(
      `CREATE TABLE "non_association" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prisoner_a_id" uuid NOT NULL, "prisoner_b_id" uuid NOT NULL, "reason" text NOT NULL, "from_date" date NOT NULL, "to_date" date, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "non_association_reason_given" CHECK (length(trim("reason")) > 0), CONSTRAINT "non_association_dates_ordered" CHECK ("to_date" IS NULL OR "to_date" >= "from_date"), CONSTRAINT "non_association_ordered_pair" CHECK ("prisoner_a_id" < "prisoner_b_id"), CONSTRAINT "PK_34878693ef05a89bc8351a821e3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "non_association_b_idx" ON "non_association"  ("prisoner_b_id") `);
    await queryRunner.query(`CREATE INDEX "non_association_a_idx" ON "non_association"  ("prisoner_a_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."unavailability_kind" AS ENUM('COURT', 'VISIT', 'HEALTH_APPOINTMENT', 'LAWYER', 'LEAVE', 'EXCLUDED_FROM_COMPANY', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "unavailability" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prisoner_id" uuid NOT NULL, "kind" "public"."unavailability_kind" NOT NULL, "from_date" date NOT NULL, "to_date" date NOT NULL, "period" "public"."day_period", "start_time" TIME, "end_time" TIME, "note" text NOT NULL DEFAULT '', "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "unavailability_other_explained" CHECK ("kind" <> 'OTHER' OR length(trim("note")) > 0), CONSTRAINT "unavailability_period_or_times" CHECK ("period" IS NULL OR "start_time" IS NULL), CONSTRAINT "unavailability_time_range" CHECK (("start_time" IS NULL) = ("end_time" IS NULL) AND ("start_time" IS NULL OR "start_time" < "end_time")), CONSTRAINT "unavailability_dates_ordered" CHECK ("to_date" >= "from_date"), CONSTRAINT "PK_176e6b52ee1b44acea3b66e8aac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "unavailability_prisoner_dates_idx" ON "unavailability"  ("prisoner_id", "from_date", "to_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feed" ("staff_member_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_3a0b1d1c7619ea19ff1affaaf70" UNIQUE ("token_hash"), CONSTRAINT "PK_73624b82ba73270e7c265b5b905" PRIMARY KEY ("staff_member_id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_source" AS ENUM('PRISONER', 'OFFICER', 'TEACHER', 'PROGRAMME_STAFF', 'MANAGER', 'OTHER')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."referral_status" AS ENUM('PENDING', 'APPROVED', 'DECLINED', 'ALLOCATED', 'WITHDRAWN')`);
    await queryRunner.query(
      `CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prisoner_id" uuid NOT NULL, "activity_id" uuid NOT NULL, "requested_by" "public"."referral_source" NOT NULL, "status" "public"."referral_status" NOT NULL DEFAULT 'PENDING', "note" text NOT NULL DEFAULT '', "decision_note" text, "decided_by_user_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "referral_one_open_per_activity" ON "referral"  ("prisoner_id", "activity_id") WHERE "status" IN ('PENDING', 'APPROVED')`,
    );
    await queryRunner.query(`CREATE INDEX "referral_prisoner_idx" ON "referral"  ("prisoner_id") `);
    await queryRunner.query(`CREATE INDEX "referral_activity_status_idx" ON "referral"  ("activity_id", "status") `);
    await queryRunner.query(
      `ALTER TABLE "allocation" ADD CONSTRAINT "allocation_prisoner_fk" FOREIGN KEY ("prisoner_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation" ADD CONSTRAINT "allocation_activity_fk" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "allocation" ADD CONSTRAINT "allocation_prison_fk" FOREIGN KEY ("prison_id") REFERENCES "prison"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "session_activity_fk" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "session_slot_fk" FOREIGN KEY ("slot_id") REFERENCES "activity_slot"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "session_prison_fk" FOREIGN KEY ("prison_id") REFERENCES "prison"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "session" ADD CONSTRAINT "session_staff_member_fk" FOREIGN KEY ("staff_member_id") REFERENCES "staff_member"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "booking" ADD CONSTRAINT "booking_session_fk" FOREIGN KEY ("session_id") REFERENCES "session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "booking" ADD CONSTRAINT "booking_prisoner_fk" FOREIGN KEY ("prisoner_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "booking" ADD CONSTRAINT "booking_allocation_fk" FOREIGN KEY ("allocation_id") REFERENCES "allocation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "non_association" ADD CONSTRAINT "non_association_prisoner_a_fk" FOREIGN KEY ("prisoner_a_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "non_association" ADD CONSTRAINT "non_association_prisoner_b_fk" FOREIGN KEY ("prisoner_b_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "unavailability" ADD CONSTRAINT "unavailability_prisoner_fk" FOREIGN KEY ("prisoner_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_staff_member_fk" FOREIGN KEY ("staff_member_id") REFERENCES "staff_member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_prisoner_fk" FOREIGN KEY ("prisoner_id") REFERENCES "prisoner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral" ADD CONSTRAINT "referral_activity_fk" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // The roster counter: every booking added or removed moves session.booked, whose check
    // constraint (booked <= capacity) makes the last place impossible to overbook, whatever the caller.
    await queryRunner.query(`CREATE FUNCTION booking_count_session() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    UPDATE "session" SET booked = booked + 1 WHERE id = NEW.session_id;
                    RETURN NEW;
                ELSIF TG_OP = 'DELETE' THEN
                    UPDATE "session" SET booked = booked - 1 WHERE id = OLD.session_id;
                    RETURN OLD;
                END IF;
                RAISE EXCEPTION 'bookings are not updated in place; delete and insert' USING ERRCODE = 'check_violation';
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER booking_count_session AFTER INSERT OR DELETE ON "booking" FOR EACH ROW EXECUTE FUNCTION booking_count_session()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER booking_no_update BEFORE UPDATE ON "booking" FOR EACH ROW EXECUTE FUNCTION booking_count_session()`,
    );

    // Allocations end on release or transfer, whichever path ends the custody period: the last
    // allocated day is the day before; allocations that had not started are removed, and the
    // prisoner leaves every roster from that day on.
    await queryRunner.query(`CREATE FUNCTION custody_end_allocations() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM "booking" b USING "session" s
                 WHERE b.session_id = s.id AND b.prisoner_id = NEW.prisoner_id AND s.prison_id = NEW.prison_id AND b.date >= NEW.to_date;
                DELETE FROM "allocation"
                 WHERE prisoner_id = NEW.prisoner_id AND prison_id = NEW.prison_id AND start_date >= NEW.to_date;
                UPDATE "allocation"
                   SET end_date = NEW.to_date - 1,
                       ended_reason = (CASE WHEN NEW.end_reason = 'TRANSFERRED' THEN 'TRANSFERRED' ELSE 'RELEASED' END)::deallocation_reason,
                       updated_at = now()
                 WHERE prisoner_id = NEW.prisoner_id AND prison_id = NEW.prison_id AND (end_date IS NULL OR end_date >= NEW.to_date);
                RETURN NEW;
            END $$`);
    await queryRunner.query(`CREATE TRIGGER custody_end_allocations AFTER UPDATE OF to_date ON "custody_period" FOR EACH ROW
            WHEN (NEW.to_date IS NOT NULL AND (OLD.to_date IS NULL OR NEW.to_date < OLD.to_date)) EXECUTE FUNCTION custody_end_allocations()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "custody_end_allocations" ON "custody_period"`);
    await queryRunner.query(`DROP FUNCTION custody_end_allocations()`);
    await queryRunner.query(`DROP TRIGGER "booking_no_update" ON "booking"`);
    await queryRunner.query(`DROP TRIGGER "booking_count_session" ON "booking"`);
    await queryRunner.query(`DROP FUNCTION booking_count_session()`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "referral_activity_fk"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "referral_prisoner_fk"`);
    await queryRunner.query(`ALTER TABLE "calendar_feed" DROP CONSTRAINT "calendar_feed_staff_member_fk"`);
    await queryRunner.query(`ALTER TABLE "unavailability" DROP CONSTRAINT "unavailability_prisoner_fk"`);
    await queryRunner.query(`ALTER TABLE "non_association" DROP CONSTRAINT "non_association_prisoner_b_fk"`);
    await queryRunner.query(`ALTER TABLE "non_association" DROP CONSTRAINT "non_association_prisoner_a_fk"`);
    await queryRunner.query(`ALTER TABLE "booking" DROP CONSTRAINT "booking_allocation_fk"`);
    await queryRunner.query(`ALTER TABLE "booking" DROP CONSTRAINT "booking_prisoner_fk"`);
    await queryRunner.query(`ALTER TABLE "booking" DROP CONSTRAINT "booking_session_fk"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "session_staff_member_fk"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "session_prison_fk"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "session_slot_fk"`);
    await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "session_activity_fk"`);
    await queryRunner.query(`ALTER TABLE "allocation" DROP CONSTRAINT "allocation_prison_fk"`);
    await queryRunner.query(`ALTER TABLE "allocation" DROP CONSTRAINT "allocation_activity_fk"`);
    await queryRunner.query(`ALTER TABLE "allocation" DROP CONSTRAINT "allocation_prisoner_fk"`);
    await queryRunner.query(`DROP INDEX "public"."referral_activity_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."referral_prisoner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."referral_one_open_per_activity"`);
    await queryRunner.query(`DROP TABLE "referral"`);
    await queryRunner.query(`DROP TYPE "public"."referral_status"`);
    await queryRunner.query(`DROP TYPE "public"."referral_source"`);
    await queryRunner.query(`DROP TABLE "calendar_feed"`);
    await queryRunner.query(`DROP INDEX "public"."unavailability_prisoner_dates_idx"`);
    await queryRunner.query(`DROP TABLE "unavailability"`);
    await queryRunner.query(`DROP TYPE "public"."unavailability_kind"`);
    await queryRunner.query(`DROP INDEX "public"."non_association_a_idx"`);
    await queryRunner.query(`DROP INDEX "public"."non_association_b_idx"`);
    await queryRunner.query(`DROP TABLE "non_association"`);
    await queryRunner.query(`DROP INDEX "public"."booking_allocation_idx"`);
    await queryRunner.query(`DROP TABLE "booking"`);
    await queryRunner.query(`DROP INDEX "public"."session_prison_date_idx"`);
    await queryRunner.query(`DROP INDEX "public"."session_staff_date_idx"`);
    await queryRunner.query(`DROP TABLE "session"`);
    await queryRunner.query(`DROP TYPE "public"."cancellation_reason"`);
    await queryRunner.query(`DROP INDEX "public"."allocation_prisoner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."allocation_activity_idx"`);
    await queryRunner.query(`DROP TABLE "allocation"`);
    await queryRunner.query(`DROP TYPE "public"."deallocation_reason"`);
    await queryRunner.query(`DROP TYPE "public"."allocation_pattern"`);
  }
}
