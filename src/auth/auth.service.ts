import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService } from '../audit/audit.service';
import { AuditOutcome } from '../audit/entities/audit-event.entity';
import { RateLimitedError, UnauthenticatedError } from '../common/errors/domain-errors';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { AppConfig } from '../config/app-config';
import { TokenPairDto } from './dto/auth.dto';
import { AuthSessionRepository, LiveSessionRow } from './auth-session.repository';
import { LoginThrottleService } from './login-throttle.service';
import { dummyPasswordHash, verifyPassword } from './passwords';
import { Principal } from './principal';
import { Role } from './roles';
import { RequestOrigin } from './request-origin';
import { isUuid } from '../common/uuid';

export const INVALID_CREDENTIALS = ruleMessage(RuleCode.SIGN_IN_FAILED);
const INVALID_TOKEN = ruleMessage(RuleCode.SIGN_IN_AGAIN);
/** A web page session ends after this long without a request (a shared workshop tablet). */
export const WEB_SESSION_IDLE_MINUTES = 8 * 60;

interface AccessClaims {
  sub: string;
  sid: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newRefreshToken = () => randomBytes(32).toString('base64url');

function toPrincipal(row: LiveSessionRow | undefined): Principal {
  if (!row) throw new UnauthenticatedError(INVALID_TOKEN);
  return {
    userId: row.userId,
    username: row.username,
    sessionId: row.sessionId,
    roles: row.roles,
    staffMemberId: row.staffMemberId,
    prisonIds: row.prisonIds,
  };
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: AuthSessionRepository,
    private readonly audit: AuditService,
  ) {}

  async login(username: string, password: string, ip: string): Promise<TokenPairDto> {
    const normalised = username.trim().toLowerCase();
    const admission = await this.throttle.admit(normalised, ip);
    if (admission.locked)
      throw new RateLimitedError(ruleMessage(RuleCode.SIGN_IN_THROTTLED, { minutes: Math.ceil(admission.retryAfterSeconds / 60) }), {
        retryAfterSeconds: admission.retryAfterSeconds,
      });
    let failed: boolean | undefined;
    let user: Awaited<ReturnType<AuthSessionRepository['findUserByUsername']>>;
    try {
      user = await this.sessions.findUserByUsername(normalised);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
      // An integration client signs in only with its API token (src/auth/integration-auth.service.ts).
      failed = !user || !ok || !user.active || user.roles.includes(Role.INTEGRATION);
    } finally {
      await this.throttle.finish(admission.attempt, failed);
    }
    if (failed || !user) throw new UnauthenticatedError(INVALID_CREDENTIALS);
    const refreshToken = newRefreshToken();
    const session = await this.sessions.create({
      userId: user.id,
      refreshTokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      revokedAt: null,
      ip: ip.slice(0, 64),
    });
    await this.sessions.markSignedIn(user.id);
    return this.pair(user.id, session.id, refreshToken);
  }

  /**
   * Rotates the refresh token: the old one stops working, the session lives on. A refresh token that
   * rotation already replaced means a copy is in other hands (or a client replayed it): the whole
   * session is revoked, so the newer refresh token and every access token of it stop working too.
   */
  async refresh(refreshToken: string, origin: RequestOrigin): Promise<TokenPairDto> {
    const next = newRefreshToken();
    const hash = sha256(refreshToken);
    const rotated = await this.sessions.rotate(hash, sha256(next));
    if (!rotated) {
      await this.revokeOnReuse(hash, origin);
      throw new UnauthenticatedError(INVALID_TOKEN);
    }
    return this.pair(rotated.userId, rotated.sessionId, next);
  }

  /** Revokes the session of this refresh token (idempotent). */
  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId);
  }

  async revokeAllSessions(userId: string): Promise<void> {
    await this.sessions.revokeAllOfUser(userId);
  }

  /** Checks an access token and loads the user, their roles and prisons fresh from the database. */
  /** The user an access token was issued to, when its signature and expiry are valid (no database needed). */
  async accessTokenUserId(token: string): Promise<string | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
      return isUuid(claims.sub) ? claims.sub : null;
    } catch {
      return null;
    }
  }

  async principalFromAccessToken(token: string): Promise<Principal> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthenticatedError(INVALID_TOKEN);
    }
    if (!isUuid(claims.sub) || !isUuid(claims.sid)) throw new UnauthenticatedError(INVALID_TOKEN);
    return toPrincipal(await this.sessions.findLiveById(claims.sid, claims.sub));
  }

  // --- Web pages' cookie session (src/web): the cookie holds the session's refresh token. ---

  /**
   * The signed-in user of a web page: the cookie carries the session's refresh token (random, stored
   * only as its hash); the session must be live, not revoked, and used within the idle timeout. The
   * cookie is the same credential as the refresh token, so a rotated-out one revokes the session too
   * (someone swapped the cookie's token through POST /auth/refresh).
   */
  async principalFromSessionToken(token: string, origin: RequestOrigin): Promise<Principal> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new UnauthenticatedError(INVALID_TOKEN);
    const hash = sha256(token);
    const row = await this.sessions.findLiveByTokenHash(hash, WEB_SESSION_IDLE_MINUTES);
    if (!row) {
      await this.revokeOnReuse(hash, origin);
      throw new UnauthenticatedError(INVALID_TOKEN);
    }
    await this.sessions.touch(row.sessionId);
    return toPrincipal(row);
  }

  // --- end of the web session additions ---

  /** If this hash is a rotated-out refresh token, revokes its session and records the reuse. */
  private async revokeOnReuse(tokenHash: string, origin: RequestOrigin): Promise<void> {
    const owner = await this.sessions.findOwnerOfRotatedToken(tokenHash);
    if (!owner) return;
    await this.sessions.revoke(owner.sessionId);
    this.logger.warn(`Rotated-out refresh token presented again: session ${owner.sessionId} of user ${owner.userId} revoked`);
    await this.audit.record({
      userId: owner.userId,
      username: owner.username,
      roles: owner.roles,
      action: 'auth.refresh_reuse',
      method: origin.method,
      path: origin.path,
      subjectType: 'auth_session',
      subjectId: owner.sessionId,
      requestId: origin.requestId,
      outcome: AuditOutcome.DENIED,
      statusCode: 401,
    });
  }

  private async pair(userId: string, sessionId: string, refreshToken: string): Promise<TokenPairDto> {
    const accessToken = await this.jwt.signAsync({ sub: userId, sid: sessionId } satisfies AccessClaims, {
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      algorithm: 'HS256',
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, refreshToken };
  }
}
