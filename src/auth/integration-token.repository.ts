import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface IntegrationTokenOwner {
  tokenId: string;
  userId: string;
  username: string;
}

/** API tokens of integration clients (users with the INTEGRATION role), stored only as their SHA-256 hash. */
@Injectable()
export class IntegrationTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The live token with this hash, of an active user who has the INTEGRATION role. */
  async findLive(tokenHash: string): Promise<IntegrationTokenOwner | undefined> {
    const rows = await this.dataSource.query<Array<{ token_id: string; user_id: string; username: string }>>(
      `SELECT t.id AS token_id, u.id AS user_id, u.username
         FROM integration_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active AND 'INTEGRATION' = ANY(u.roles)`,
      [tokenHash],
    );
    const r = rows[0];
    return r ? { tokenId: r.token_id, userId: r.user_id, username: r.username } : undefined;
  }

  /** Written at most once a minute per token. */
  async touch(tokenId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE integration_token SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [tokenId],
    );
  }
}
