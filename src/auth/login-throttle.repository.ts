import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TxSource } from '../database/transaction-host';

/** The login_throttle counters (LoginThrottleService says the rules). */
@Injectable()
export class LoginThrottleRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  /**
   * The keys' failures in their current window (0 once it is older than `minutes`, as countFailure starts a
   * new one) and, where locked now, the seconds left.
   */
  readCounters(keys: string[], minutes: number): Promise<Array<{ key: string; failures: number; seconds: number | null }>> {
    return this.txHost.tx.query(
      `SELECT key,
              CASE WHEN window_started_at < now() - make_interval(mins => $2) THEN 0 ELSE failures END AS failures,
              CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()))::int END AS seconds
         FROM login_throttle WHERE key = ANY($1)`,
      [keys, minutes],
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
