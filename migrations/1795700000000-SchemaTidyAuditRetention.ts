import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - (app_user.staff_member_id is declared UNIQUE twice in the first migration's CREATE TABLE, but
 *   PostgreSQL creates one constraint for identical ones: a migrated database has only
 *   UQ_7349774ad38a18dab96fc29f877, so nothing to drop.)
 * - allocation.prison_id had no index: a prison's allocations were found through its activities.
 * - audit_event by time alone: the retention job deletes the oldest events, and the unfiltered trail is
 *   read newest first.
 * - The audit trail stays append-only, except that the retention job (AuditRetentionJob) may delete
 *   events older than the cutoff it sets for its own transaction (audit.retention_cutoff).
 */
export class SchemaTidyAuditRetention1795700000000 implements MigrationInterface {
  name = 'SchemaTidyAuditRetention1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "allocation_prison_idx" ON "allocation" ("prison_id", "start_date") `);
    await queryRunner.query(`CREATE INDEX "audit_event_time_idx" ON "audit_event" ("occurred_at") `);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' AND OLD.occurred_at < NULLIF(current_setting('audit.retention_cutoff', true), '')::timestamptz THEN
                    RETURN OLD;
                END IF;
                RAISE EXCEPTION 'audit_event rows cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
            END $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_event rows cannot be changed or deleted' USING ERRCODE = 'insufficient_privilege';
            END $$`);
    await queryRunner.query(`DROP INDEX "public"."audit_event_time_idx"`);
    await queryRunner.query(`DROP INDEX "public"."allocation_prison_idx"`);
  }
}
