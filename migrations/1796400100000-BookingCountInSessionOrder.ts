import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The roster counter locks its sessions in id order. The statement-level counters of BookingCountPerStatement
 * updated session.booked with an UPDATE … FROM a GROUP BY of the statement's bookings, which locks the session
 * rows in whatever order the plan yields: two statements whose bookings share sessions (two prisoners of one
 * prison released at the same moment, each release removing their bookings) could lock them in opposite
 * orders and deadlock ("deadlock detected … while updating tuple in relation session"). Each counter now first
 * locks the statement's sessions in id order (FOR NO KEY UPDATE, the lock its UPDATE takes anyway; allocations
 * lock sessions in that order too), then writes the very same counts as before.
 */
export class BookingCountInSessionOrder1796400100000 implements MigrationInterface {
  name = 'BookingCountInSessionOrder1796400100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION booking_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- Locked in id order first, so statements sharing sessions queue instead of deadlocking.
                PERFORM 1 FROM "session" WHERE id IN (SELECT session_id FROM inserted_bookings) ORDER BY id FOR NO KEY UPDATE;
                UPDATE "session" s SET booked = s.booked + n.n
                  FROM (SELECT session_id, count(*)::int AS n FROM inserted_bookings GROUP BY session_id) n
                 WHERE s.id = n.session_id;
                RETURN NULL;
            END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION booking_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- Locked in id order first, so statements sharing sessions queue instead of deadlocking.
                PERFORM 1 FROM "session" WHERE id IN (SELECT session_id FROM deleted_bookings) ORDER BY id FOR NO KEY UPDATE;
                UPDATE "session" s SET booked = s.booked - n.n
                  FROM (SELECT session_id, count(*)::int AS n FROM deleted_bookings GROUP BY session_id) n
                 WHERE s.id = n.session_id;
                RETURN NULL;
            END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // The functions as BookingCountPerStatement made them.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION booking_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "session" s SET booked = s.booked - n.n
                  FROM (SELECT session_id, count(*)::int AS n FROM deleted_bookings GROUP BY session_id) n
                 WHERE s.id = n.session_id;
                RETURN NULL;
            END $$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION booking_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "session" s SET booked = s.booked + n.n
                  FROM (SELECT session_id, count(*)::int AS n FROM inserted_bookings GROUP BY session_id) n
                 WHERE s.id = n.session_id;
                RETURN NULL;
            END $$`);
  }
}
