import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuditRecord, AuditService } from '../audit/audit.service';
import { AUDIT_KEY, AuditSpec } from '../audit/audit.decorators';
import { AuditOutcome } from '../audit/entities/audit-event.entity';
import { DatabaseUnavailableError, isDatabaseUnavailable } from '../database/database-unavailable';
import { DatabaseWatchdog } from '../database/database-watchdog';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-errors';
import { AuthService } from './auth.service';
import { IntegrationAuthService } from './integration-auth.service';
import { AccessPolicy, AuthenticatedRequest, POLICY_KEY } from './policy.decorators';
import { Principal } from './principal';
import { requestOrigin } from './request-origin';
import { readCookie, WEB_SESSION_COOKIE, WEB_SESSION_KEY, WebSessionRequest } from './web-session';

const AUDITED_WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BEARER = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/;
const INTEGRATION_BEARER = /^Bearer (kit_\S+)$/;

/** Deny by default: a route is reachable only through an explicit @Public() or @Allow(...roles). */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly database: DatabaseWatchdog,
    private readonly integration: IntegrationAuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(POLICY_KEY, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!policy) {
      this.logger.error(`Route ${req.method} ${req.route?.path ?? req.path} has no access policy; denied`);
      throw new ForbiddenError('This route has no access policy');
    }
    if (policy.kind === 'public') return true;

    const header = req.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
    const integrationMatch = typeof header === 'string' ? INTEGRATION_BEARER.exec(header.trim()) : null;
    let principal: Principal;
    // The watchdog knows the database is not answering: fail at once instead of waiting for a connection.
    if (this.database.unavailable) {
      await this.recordUnavailable(ctx, req, match?.[1], true);
      throw new DatabaseUnavailableError();
    }
    try {
      if (integrationMatch) {
        // A prison record system's API token (src/intake): the INTEGRATION role and nothing else.
        principal = await this.integration.principalFromToken(integrationMatch[1]);
      } else if (match) {
        principal = await this.auth.principalFromAccessToken(match[1]);
      } else {
        // Web pages (src/web) also accept their HTTP-only session cookie; API routes never do.
        const cookie = this.reflector.getAllAndOverride<boolean | undefined>(WEB_SESSION_KEY, [ctx.getHandler(), ctx.getClass()])
          ? readCookie(req, WEB_SESSION_COOKIE)
          : undefined;
        if (!cookie) throw new UnauthenticatedError('Sign in first: send "Authorization: Bearer <access token>"');
        principal = await this.auth.principalFromSessionToken(cookie, requestOrigin(req));
        (req as WebSessionRequest).webSessionToken = cookie;
      }
    } catch (err) {
      if (isDatabaseUnavailable(err)) await this.recordUnavailable(ctx, req, match?.[1]);
      throw err;
    }
    req.principal = principal;
    if (!principal.roles.some((r) => policy.roles.includes(r))) {
      await this.audit.record({
        userId: principal.userId,
        username: principal.username,
        roles: principal.roles,
        action: 'access.denied',
        method: req.method,
        path: req.originalUrl,
        requestId: typeof req.id === 'string' ? req.id : null,
        outcome: AuditOutcome.DENIED,
        statusCode: 403,
      });
      throw new ForbiddenError(`This needs one of the roles: ${policy.roles.join(', ')}`);
    }
    return true;
  }

  /**
   * The database could not be asked who the caller is: an audited request still leaves its event (kept
   * by the audit trail until the database answers again), under the user its access token names.
   */
  private async recordUnavailable(
    ctx: ExecutionContext,
    req: AuthenticatedRequest,
    accessToken: string | undefined,
    knownUnavailable = false,
  ): Promise<void> {
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_KEY, ctx.getHandler());
    if (!spec && !AUDITED_WRITES.has(req.method)) return;
    const routePath: string = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const record: AuditRecord = {
      userId: accessToken ? await this.auth.accessTokenUserId(accessToken) : null,
      username: null,
      roles: [],
      action: spec?.action ?? `${req.method} ${routePath}`,
      method: req.method,
      path: req.originalUrl,
      requestId: typeof req.id === 'string' ? req.id : null,
      outcome: AuditOutcome.FAILED,
      statusCode: 503,
    };
    if (knownUnavailable) this.audit.keepUntilAvailable(record);
    else await this.audit.record(record).catch(() => undefined);
  }
}
