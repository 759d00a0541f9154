import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The roster counter (session.booked) moves once per statement instead of once per booking row: a
 * statement-level trigger with the statement's inserted (or deleted) bookings as a transition table,
 * counted per session. Same invariant — the session_booked_within_capacity check still refuses the
 * statement that would overbook — but a set-based write of thousands of bookings (the draft apply of a
 * large prison: ~10,000 bookings) no longer runs one UPDATE per row (measured: ~1 s of its ~3 s).
 * Bookings are still never updated in place (booking_no_update, unchanged).
 */
export class BookingCountPerStatement1796300000000 implements MigrationInterface {
  name = 'BookingCountPerStatement1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION booking_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "session" s SET booked = s.booked + n.n
                  FROM (SELECT session_id, count(*)::int AS n FROM inserted_bookings GROUP BY session_id) n
                 WHERE s.id = n.session_id;
                RETURN NULL;
            END $$`);
    await queryRunner.query(`CREATE FUNCTION booking_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "session" s SET booked = s.booked - n.n
                  FROM (SELECT session_id, count(*)::int AS n FROM deleted_bookings GROUP BY session_id) n
                 WHERE s.id = n.session_id;
                RETURN NULL;
            END $$`);
    await queryRunner.query(`DROP TRIGGER "booking_count_session" ON "booking"`);
    await queryRunner.query(
      `CREATE TRIGGER booking_count_inserted AFTER INSERT ON "booking" REFERENCING NEW TABLE AS inserted_bookings FOR EACH STATEMENT EXECUTE FUNCTION booking_count_inserted()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER booking_count_deleted AFTER DELETE ON "booking" REFERENCING OLD TABLE AS deleted_bookings FOR EACH STATEMENT EXECUTE FUNCTION booking_count_deleted()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "booking_count_deleted" ON "booking"`);
    await queryRunner.query(`DROP TRIGGER "booking_count_inserted" ON "booking"`);
    await queryRunner.query(
      `CREATE TRIGGER booking_count_session AFTER INSERT OR DELETE ON "booking" FOR EACH ROW EXECUTE FUNCTION booking_count_session()`,
    );
    await queryRunner.query(`DROP FUNCTION booking_count_deleted()`);
    await queryRunner.query(`DROP FUNCTION booking_count_inserted()`);
  }
}
