import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TxSource } from '../database/transaction-host';

/** Integration clients are users with the INTEGRATION role; their API tokens are stored as SHA-256 hashes. */
@Injectable()
export class IntegrationClientsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  async usernameTaken(username: string): Promise<boolean> {
    return (await this.txHost.tx.query<unknown[]>(`SELECT 1 FROM app_user WHERE username = $1`, [username])).length > 0;
  }

  async createClientUser(username: string, unusablePasswordHash: string): Promise<string> {
    const [row] = await this.txHost.tx.query<Array<{ id: string }>>(
      `INSERT INTO app_user (username, password_hash, roles) VALUES ($1, $2, ARRAY['INTEGRATION']::user_role[]) RETURNING id`,
      [username, unusablePasswordHash],
    );
    return row.id;
  }

  async findClient(userId: string): Promise<{ id: string; username: string } | undefined> {
    const rows = await this.txHost.tx.query<Array<{ id: string; username: string }>>(
      `SELECT id, username FROM app_user WHERE id = $1 AND 'INTEGRATION' = ANY(roles) FOR UPDATE`,
      [userId],
    );
    return rows[0];
  }

  /** Revokes the client's live tokens and stores the new one's hash. */
  async replaceToken(userId: string, tokenHash: string): Promise<void> {
    await this.txHost.tx.query(`UPDATE integration_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
    await this.txHost.tx.query(`INSERT INTO integration_token (user_id, token_hash) VALUES ($1, $2)`, [userId, tokenHash]);
  }
}
