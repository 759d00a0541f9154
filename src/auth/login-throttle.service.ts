import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

export interface ThrottleState {
  locked: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts failed sign-ins per username and per client address in the database, so the limit
 * holds across replicas. Each update is a single atomic upsert.
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private keys(username: string, ip: string): Array<{ key: string; max: number }> {
    return [
      { key: `user:${username.toLowerCase().slice(0, 100)}`, max: this.config.LOGIN_MAX_FAILURES_PER_USER },
      { key: `ip:${ip.slice(0, 100)}`, max: this.config.LOGIN_MAX_FAILURES_PER_IP },
    ];
  }

  async check(username: string, ip: string): Promise<ThrottleState> {
    const rows = await this.dataSource.query<Array<{ seconds: string | null }>>(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [this.keys(username, ip).map((k) => k.key)],
    );
    const seconds = Math.max(0, ...rows.map((r) => Number(r.seconds ?? 0)));
    return { locked: rows.length > 0, retryAfterSeconds: seconds };
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const minutes = this.config.LOGIN_LOCK_MINUTES;
    for (const { key, max } of this.keys(username, ip)) {
      // A new window starts when the old one is older than the lock period.
      const [row] = await this.dataSource.query<Array<{ failures: number; locked: boolean }>>(
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
      if (row?.locked) this.logger.warn(`Sign-in locked for ${minutes} min after ${row.failures} failures (${key.split(':')[0]})`);
    }
    this.logger.warn(`Failed sign-in for username "${username.slice(0, 60)}" from ${ip}`);
  }

  async recordSuccess(username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE key = $1`, [`user:${username.toLowerCase().slice(0, 100)}`]);
  }
}
