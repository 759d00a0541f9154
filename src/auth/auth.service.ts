import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { RateLimitedError, UnauthenticatedError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { TokenPairDto } from './dto/auth.dto';
import { AppUser } from './entities/app-user.entity';
import { AuthSession } from './entities/auth-session.entity';
import { LoginThrottleService } from './login-throttle.service';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { Principal } from './principal';
import { Role } from './roles';
import { parsePgArray } from '../database/pg-array';

export const INVALID_CREDENTIALS = 'Wrong username or password';
const INVALID_TOKEN = 'Sign in again: the token is missing, invalid, expired or revoked';
/** A web page session ends after this long without a request (a shared workshop tablet). */
export const WEB_SESSION_IDLE_MINUTES = 8 * 60;

interface AccessClaims {
  sub: string;
  sid: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newRefreshToken = () => randomBytes(32).toString('base64url');

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottleService,
  ) {}

  async login(username: string, password: string, ip: string): Promise<TokenPairDto> {
    const normalised = username.trim().toLowerCase();
    const state = await this.throttle.check(normalised, ip);
    if (state.locked) throw new RateLimitedError(`Too many failed sign-ins; try again in ${Math.ceil(state.retryAfterSeconds / 60)} minute(s)`, { retryAfterSeconds: state.retryAfterSeconds });
    const user = await this.dataSource.getRepository(AppUser).findOneBy({ username: normalised });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok || !user.active) {
      await this.throttle.recordFailure(normalised, ip);
      throw new UnauthenticatedError(INVALID_CREDENTIALS);
    }
    await this.throttle.recordSuccess(normalised);
    const refreshToken = newRefreshToken();
    const session = await this.dataSource.getRepository(AuthSession).save({
      userId: user.id,
      refreshTokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      revokedAt: null,
      ip: ip.slice(0, 64),
    });
    await this.dataSource.getRepository(AppUser).update(user.id, { lastLoginAt: new Date() });
    return this.pair(user.id, session.id, refreshToken);
  }

  /** Rotates the refresh token: the old one stops working, the session lives on. */
  async refresh(refreshToken: string): Promise<TokenPairDto> {
    const next = newRefreshToken();
    const result = await this.dataSource
      .createQueryBuilder()
      .update(AuthSession)
      .set({ refreshTokenHash: sha256(next), lastUsedAt: () => 'now()' })
      .where('refresh_token_hash = :hash AND revoked_at IS NULL AND expires_at > now()', { hash: sha256(refreshToken) })
      .andWhere('user_id IN (SELECT id FROM app_user WHERE active)')
      .returning('"id", "user_id"')
      .execute();
    const row = (result.raw as Array<{ id: string; user_id: string }>)[0];
    if (!row) throw new UnauthenticatedError(INVALID_TOKEN);
    return this.pair(row.user_id, row.id, next);
  }

  /** Revokes the session of this refresh token (idempotent). */
  async logout(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE auth_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  async revokeAllSessions(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
  }

  /** Checks an access token and loads the user, their roles and prisons fresh from the database. */
  async principalFromAccessToken(token: string): Promise<Principal> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthenticatedError(INVALID_TOKEN);
    }
    if (!isUuid(claims.sub) || !isUuid(claims.sid)) throw new UnauthenticatedError(INVALID_TOKEN);
    return this.loadPrincipal('s.id = $1 AND u.id = $2', [claims.sid, claims.sub]);
  }

  // --- Web pages' cookie session (src/web): the cookie holds the session's refresh token. ---

  /**
   * The signed-in user of a web page: the cookie carries the session's refresh token (random, stored
   * only as its hash); the session must be live, not revoked, and used within the idle timeout.
   */
  async principalFromSessionToken(token: string): Promise<Principal> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new UnauthenticatedError(INVALID_TOKEN);
    const principal = await this.loadPrincipal('s.refresh_token_hash = $1 AND s.last_used_at > now() - make_interval(mins => $2)', [
      sha256(token),
      WEB_SESSION_IDLE_MINUTES,
    ]);
    // Sliding idle timeout; written at most once a minute per session.
    await this.dataSource.query(`UPDATE auth_session SET last_used_at = now() WHERE id = $1 AND last_used_at < now() - interval '1 minute'`, [principal.sessionId]);
    return principal;
  }

  // --- end of the web session additions ---

  /** Loads the user, their roles and prisons fresh from the database for a live session matching `where`. */
  private async loadPrincipal(where: string, params: unknown[]): Promise<Principal> {
    const rows = await this.dataSource.query<
      Array<{ session_id: string; user_id: string; username: string; roles: Role[] | string; staff_member_id: string | null; prison_ids: string[] | null }>
    >(
      `SELECT s.id AS session_id, u.id AS user_id, u.username, u.roles::text[] AS roles, u.staff_member_id,
              (SELECT array_agg(sp.prison_id ORDER BY sp.prison_id) FROM staff_member_prison sp WHERE sp.staff_member_id = u.staff_member_id) AS prison_ids
         FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE ${where} AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      params,
    );
    const row = rows[0];
    if (!row) throw new UnauthenticatedError(INVALID_TOKEN);
    const roles = parsePgArray(row.roles) as Role[];
    return { userId: row.user_id, username: row.username, sessionId: row.session_id, roles, staffMemberId: row.staff_member_id, prisonIds: row.prison_ids ?? [] };
  }

  private async pair(userId: string, sessionId: string, refreshToken: string): Promise<TokenPairDto> {
    const accessToken = await this.jwt.signAsync({ sub: userId, sid: sessionId } satisfies AccessClaims, {
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      algorithm: 'HS256',
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, refreshToken };
  }
}
