import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last day whose prisoner-day facts are complete for the whole country. The nightly job computes
 * every finished day after it (so missed nights, a restored backup or a late start are caught up) and
 * moves it forward; /health and the dashboard show it. No row yet = nothing known complete: the first
 * run builds from the earliest custody day.
 */
export class FactWatermark1796000000000 implements MigrationInterface {
  name = 'FactWatermark1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fact_watermark" ("name" character varying(40) NOT NULL, "complete_through" date NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "fact_watermark_pkey" PRIMARY KEY ("name"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "fact_watermark"`);
  }
}
