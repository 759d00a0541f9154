import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { LoginThrottleRepository } from './login-throttle.repository';

/** An attempt let through to check its password; hand it back to `finish` whatever happens. */
export interface SignInAttempt {
  readonly username: string;
  readonly ip: string;
  readonly keys: readonly string[];
}

export type Admission = { locked: true; retryAfterSeconds: number } | { locked: false; attempt: SignInAttempt };

/** The username-wide limit is this many times the per-address one (5 → 50 by default). */
export const USER_WIDE_FACTOR = 10;
/** An address the user signed in from within this many days is theirs: the username-wide lock spares it. */
export const KNOWN_ADDRESS_DAYS = 30;

type Rule = 'user-ip' | 'ip' | 'user';

/** Reads of the counters one admission makes at most when other attempts keep finishing meanwhile. */
const MAX_READS = 5;

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

  /** Attempts of this process checking their password now, per counter key (see admit). */
  private readonly inFlight = new Map<string, number>();
  /**
   * Attempts of this process finished so far: a read of the counters that spans one is read again. One number,
   * not one per key, so that nothing grows with the usernames and addresses ever seen.
   */
  private finished = 0;
  /** Attempts waiting for one in flight to finish. */
  private readonly waiting = new Set<() => void>();

  /**
   * Lets one sign-in attempt check its password, or says how long the caller is locked out. A failure is
   * counted once its password has been checked (`finish`), so attempts running side by side would each see
   * the count from before the others failed, and a burst of parallel requests would get as many checks as it
   * sends. So an attempt goes ahead at once only while the failures counted plus the attempts of this process
   * still in flight stay under every limit that applies — the limit holds even if all of them fail —, and
   * otherwise waits for one of them to finish and looks again (a right password there clears the way, so a
   * double-clicked sign-in is not refused). Each replica counts its own attempts in flight: a burst spread over
   * several replicas gets at most the limit on each.
   */
  async admit(username: string, ip: string): Promise<Admission> {
    const keys = this.keys(username, ip);
    const userWide = keys.find((k) => k.rule === 'user');
    const inFlight = (key: string) => this.inFlight.get(key) ?? 0;
    for (let reads = 1; ; reads++) {
      const seen = this.finished;
      const rows = new Map(
        (
          await this.repo.readCounters(
            keys.map((k) => k.key),
            this.config.LOGIN_LOCK_MINUTES,
          )
        ).map((r) => [r.key, r] as const),
      );
      const failures = (key: string) => Number(rows.get(key)?.failures ?? 0);
      // The username-wide limit spares addresses the user signed in from recently (asked only when it matters).
      const userWideBites =
        userWide && (rows.get(userWide.key)?.seconds != null || failures(userWide.key) + inFlight(userWide.key) >= userWide.max);
      const spared = userWideBites && (await this.isKnownAddress(username, ip));
      // An attempt finished while the counters were read: its failure may be missing from them. (A few times at
      // most: under a flood of sign-ins finishing all the time, the latest read is taken as it is.)
      if (this.finished !== seen && reads < MAX_READS) continue;
      const applying = keys.filter((k) => !(spared && k === userWide));
      const locks = applying.flatMap((k) => (rows.get(k.key)?.seconds != null ? [Number(rows.get(k.key)?.seconds)] : []));
      if (locks.length > 0) return { locked: true, retryAfterSeconds: Math.max(0, ...locks) };
      const full = applying.filter((k) => failures(k.key) + inFlight(k.key) >= k.max);
      if (full.length === 0 || full.every((k) => inFlight(k.key) === 0)) {
        for (const k of keys) this.inFlight.set(k.key, inFlight(k.key) + 1);
        return { locked: false, attempt: { username, ip, keys: keys.map((k) => k.key) } };
      }
      await new Promise<void>((resolve) => this.waiting.add(resolve));
    }
  }

  /**
   * The attempt's password was checked: a failure is counted (each count one atomic upsert); a right password
   * clears this username's count from this address only — the username-wide count stays until its window ends,
   * so the owner signing in does not hand a distributed guesser a fresh budget. `failed: undefined` (the sign-in
   * broke off before an answer) counts nothing. Then the attempts waiting look again.
   */
  async finish(attempt: SignInAttempt, failed: boolean | undefined): Promise<void> {
    try {
      if (failed === true) await this.recordFailure(attempt.username, attempt.ip);
      else if (failed === false) await this.recordSuccess(attempt.username, attempt.ip);
    } finally {
      for (const key of attempt.keys) {
        const left = (this.inFlight.get(key) ?? 1) - 1;
        if (left > 0) this.inFlight.set(key, left);
        else this.inFlight.delete(key);
      }
      this.finished++;
      const waiting = [...this.waiting];
      this.waiting.clear();
      for (const wake of waiting) wake();
    }
  }

  private async recordFailure(username: string, ip: string): Promise<void> {
    const minutes = this.config.LOGIN_LOCK_MINUTES;
    for (const { rule, key, max } of this.keys(username, ip)) {
      // A new window starts when the old one is older than the lock period.
      const row = await this.repo.countFailure(key, max, minutes);
      if (row?.locked) this.logger.warn(`Sign-in locked for ${minutes} min after ${row.failures} failures (${rule})`);
    }
    this.logger.warn(`Failed sign-in for username "${username.slice(0, 60)}" from ${ip}`);
  }

  private async recordSuccess(username: string, ip: string): Promise<void> {
    const key = this.keys(username, ip).find((k) => k.rule === 'user-ip')?.key;
    await this.repo.clear(key);
  }

  /** Whether the user signed in from this address recently (sessions keep the address they began from). */
  private async isKnownAddress(username: string, ip: string): Promise<boolean> {
    return this.repo.isKnownAddress(username.toLowerCase(), ip.slice(0, 64), KNOWN_ADDRESS_DAYS);
  }
}
