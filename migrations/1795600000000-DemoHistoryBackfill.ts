import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress of the demo history backfill: on first start the present is loaded at once and the twelve
 * months of history afterwards, day by day in the background (newest first). One row per load, so a
 * stopped app resumes where it was and the dashboards can say how far it has got.
 */
export class DemoHistoryBackfill1795600000000 implements MigrationInterface {
  name = 'DemoHistoryBackfill1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "demo_history_backfill" ("id" smallint NOT NULL DEFAULT 1, "seed" integer NOT NULL, "today" date NOT NULL, "history_from" date NOT NULL, "next_day" date, "days_total" integer NOT NULL, "days_done" integer NOT NULL DEFAULT 0, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "demo_history_backfill_one_row" CHECK ("id" = 1), CONSTRAINT "demo_history_backfill_done_when_finished" CHECK (("next_day" IS NULL) = ("finished_at" IS NOT NULL)), CONSTRAINT "PK_demo_history_backfill" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "demo_history_backfill"`);
  }
}
