import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens replaced by rotation, kept as SHA-256 hashes with their session, so that presenting
 * one again (a copied token) is recognised and revokes the whole session (reuse detection).
 */
export class RefreshTokenReuse1795500457310 implements MigrationInterface {
  name = 'RefreshTokenReuse1795500457310';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "auth_rotated_token" ("token_hash" character(64) NOT NULL, "session_id" uuid NOT NULL, "rotated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "auth_rotated_token_pk" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "auth_rotated_token_session_id_idx" ON "auth_rotated_token"  ("session_id") `);
    await queryRunner.query(
      `ALTER TABLE "auth_rotated_token" ADD CONSTRAINT "auth_rotated_token_session_fk" FOREIGN KEY ("session_id") REFERENCES "auth_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "auth_rotated_token" DROP CONSTRAINT "auth_rotated_token_session_fk"`);
    await queryRunner.query(`DROP INDEX "public"."auth_rotated_token_session_id_idx"`);
    await queryRunner.query(`DROP TABLE "auth_rotated_token"`);
  }
}
