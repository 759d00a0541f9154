import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TxSource } from '../database/transaction-host';

/** The login_throttle counters (LoginThrottleService says the rules). */
@Injectable()
export class LoginThrottleRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  /** Keys locked now, with the seconds left. */
  findLocks(keys: string[]): Promise<Array<{ key: string; seconds: string | null }>> {
    return this.txHost.tx.query(
      `SELECT key, ceil(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
  }

  /** One failure counted atomically; a new window starts when the old one is older than the lock period. */
  async countFailure(key: string, max: number, minutes: number): Promise<{ failures: number; locked: boolean } | undefined> {
    const [row] = await this.txHost.tx.query<Array<{ failures: number; locked: boolean }>>(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
            VALUES ($1, 1, now(), CASE WHEN 1 >= $2 THEN now() + make_interval(mins => $3) END)
       ON CONFLICT (key) DO UPDATE SET
            failures = CASE WHEN t.window_started_at < now() - make_interval(mins => $3) THEN 1 ELSE t.failures + 1 END,
            window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $3) THEN now() ELSE t.window_started_at END,
            locked_until = CASE
              WHEN (CASE WHEN t.window_started_at < now() - make_interval(mins => $3) THEN 1 ELSE t.failures + 1 END) >= $2
              THEN now() + make_interval(mins => $3) ELSE t.locked_until END
       RETURNING failures, locked_until > now() AS locked`,
      [key, max, minutes],
    );
    return row;
  }

  async clear(key: string | undefined): Promise<void> {
    await this.txHost.tx.query(`DELETE FROM login_throttle WHERE key = $1`, [key]);
  }

  /** Whether the user signed in from this address within `days` days (sessions keep the address they began from). */
  async isKnownAddress(username: string, ip: string, days: number): Promise<boolean> {
    const [row] = await this.txHost.tx.query<Array<{ known: boolean }>>(
      `SELECT EXISTS (
         SELECT 1 FROM auth_session s JOIN app_user u ON u.id = s.user_id
          WHERE u.username = $1 AND s.ip = $2 AND s.created_at > now() - make_interval(days => $3)
       ) AS known`,
      [username, ip, days],
    );
    return row?.known === true;
  }
}
