import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A population file uploaded on the import page, kept between its dry run and its apply (post/redirect/get:
 * the page after the redirect shows the dry run of the stored file). Only its uploader sees it; drafts
 * older than a day are deleted when the next one is stored.
 */
export class ImportDrafts1796000200000 implements MigrationInterface {
  name = 'ImportDrafts1796000200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "population_import_draft" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "prison_id" uuid NOT NULL, "user_id" uuid NOT NULL, "format" character varying(4) NOT NULL, "content" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "population_import_draft_pkey" PRIMARY KEY ("id"), CONSTRAINT "population_import_draft_prison_fk" FOREIGN KEY ("prison_id") REFERENCES "prison"("id") ON DELETE CASCADE, CONSTRAINT "population_import_draft_user_fk" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "population_import_draft"`);
  }
}
