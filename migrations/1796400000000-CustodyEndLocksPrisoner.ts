import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ending a custody period serialises with allocation writes on the prisoner's row, whichever path ends it.
 * Allocations lock the prisoner's row first (then the sessions, in id order) and commit the allocation and its
 * bookings together; custody_end_allocations ran without that lock, so a release committed while an allocation
 * of the same prisoner was under way could not see it, and the allocation (with bookings after the release)
 * survived. The trigger now locks the prisoner's row (FOR NO KEY UPDATE) before it looks: an allocation under
 * way commits first, and the trigger's statements, each with a fresh snapshot, end it like any other.
 *
 * The paths of the app lock the prisoner before they touch the custody period (CustodyService.move,
 * IntakeRepository.applyPopulation), so this lock is already theirs and changes nothing for them; it covers a
 * path that forgets. Such a path holds the custody period's row when it gets here, so against a path that locks
 * prisoner then custody period it could deadlock (detected, one of them fails) — never end up wrong. Against
 * allocations it cannot: they do not lock custody periods.
 */
export class CustodyEndLocksPrisoner1796400000000 implements MigrationInterface {
  name = 'CustodyEndLocksPrisoner1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION custody_end_allocations() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- Allocations of the prisoner under way finish first (they hold this row), and are then seen below.
                PERFORM 1 FROM "prisoner" WHERE id = NEW.prisoner_id FOR NO KEY UPDATE;
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The function as WeeklyPlanning made it.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION custody_end_allocations() RETURNS trigger LANGUAGE plpgsql AS $$
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
  }
}
