import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LoginThrottleRepository } from './login-throttle.repository';

export interface ThrottleState {
  locked: boolean;
  retryAfterSeconds: number;
}

/** The username-wide limit is this many times the per-address one (5 → 50 by default). */
export const USER_WIDE_FACTOR = 10;
/** An address the user signed in from within this many days is theirs: the username-wide lock spares it. */
export const KNOWN_ADDRESS_DAYS = 30;

type Rule = 'user-ip' | 'ip' | 'user';

/**
 * Counts failed sign-ins in the database, so the limits hold across replicas; each count is one atomic
 * upsert. Three rules, each locking for LOGIN_LOCK_MINUTES once reached within that window:
 * - per username from one address (LOGIN_MAX_FAILURES_PER_USER): guessing from one address stops
 *   there, while the owner signing in from elsewhere is not locked out by it;
 * - per address (LOGIN_MAX_FAILURES_PER_IP): one address spraying many usernames;
 * - per username from all addresses (USER_WIDE_FACTOR times the first): many addresses guessing one
 *   password. It spares addresses the user recently signed in from, so a distributed attack cannot lock
 *   the owner out of their usual places.
 * The client address is Express's req.ip, which is only right behind a reverse proxy when TRUST_PROXY
 * says which proxies to believe.
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly repo: LoginThrottleRepository,
    private readonly config: AppConfig,
  ) {}

  private keys(username: string, ip: string): Array<{ rule: Rule; key: string; max: number }> {
    // username ≤ 60 characters (LoginDto), so every key fits the 120-character column.
    const user = username.toLowerCase().slice(0, 60);
    const address = ip.slice(0, 50);
    const perUser = this.config.LOGIN_MAX_FAILURES_PER_USER;
    return [
      { rule: 'user-ip', key: `user-ip:${user}|${address}`, max: perUser },
      { rule: 'ip', key: `ip:${address}`, max: this.config.LOGIN_MAX_FAILURES_PER_IP },
      { rule: 'user', key: `user:${user}`, max: perUser * USER_WIDE_FACTOR },
    ];
  }

  async check(username: string, ip: string): Promise<ThrottleState> {
    const keys = this.keys(username, ip);
    const rows = await this.repo.findLocks(keys.map((k) => k.key));
    const userWideKey = keys.find((k) => k.rule === 'user')?.key;
    let locks = rows;
    if (rows.some((r) => r.key === userWideKey) && (await this.isKnownAddress(username, ip)))
      locks = rows.filter((r) => r.key !== userWideKey);
    const seconds = Math.max(0, ...locks.map((r) => Number(r.seconds ?? 0)));
    return { locked: locks.length > 0, retryAfterSeconds: seconds };
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const minutes = this.config.LOGIN_LOCK_MINUTES;
    for (const { rule, key, max } of this.keys(username, ip)) {
      // A new window starts when the old one is older than the lock period.
      const row = await this.repo.countFailure(key, max, minutes);
      if (row?.locked) this.logger.warn(`Sign-in locked for ${minutes} min after ${row.failures} failures (${rule})`);
    }
    this.logger.warn(`Failed sign-in for username "${username.slice(0, 60)}" from ${ip}`);
  }

  /**
   * A correct password clears this username's count from this address only. The username-wide count
   * stays until its window ends: the owner signing in must not hand a distributed guesser a fresh budget.
   */
  async recordSuccess(username: string, ip: string): Promise<void> {
    const key = this.keys(username, ip).find((k) => k.rule === 'user-ip')?.key;
    await this.repo.clear(key);
  }

  /** Whether the user signed in from this address recently (sessions keep the address they began from). */
  private async isKnownAddress(username: string, ip: string): Promise<boolean> {
    return this.repo.isKnownAddress(username.toLowerCase(), ip.slice(0, 64), KNOWN_ADDRESS_DAYS);
  }
}
