import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, from, Observable, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/policy.decorators';
import { DomainError } from '../common/errors/domain-errors';
import { statusForKind } from '../common/errors/domain-exception.filter';
import { AUDIT_KEY, AuditSpec } from './audit.decorators';
import { AuditService } from './audit.service';
import { AuditOutcome } from './entities/audit-event.entity';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Bag = Record<string, unknown> | undefined;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Records every write, and every read marked @Audited (lists and records with personal data),
 * with the signed-in user, the prison and the prisoner affected, and the outcome.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_KEY, ctx.getHandler());
    if (!spec && !WRITES.has(req.method)) return next.handle();
    const routePath: string = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const action = spec?.action ?? `${req.method} ${routePath}`;

    const write = (outcome: AuditOutcome, statusCode: number, body: unknown) => {
      const params = req.params as Bag;
      const query = req.query as Bag;
      const reqBody = req.body as Bag;
      const res = (body && typeof body === 'object' ? body : undefined) as Bag;
      const subjectId = str(params?.[spec?.subjectParam ?? 'id']) ?? str(res?.id);
      const prisonId =
        str(params?.prisonId) ?? str(query?.prisonId) ?? str(reqBody?.prisonId) ?? str(res?.prisonId) ?? str((res?.custody as Bag)?.prisonId) ?? str((reqBody?.admission as Bag)?.prisonId);
      const prisonerId = spec?.subjectIsPrisoner ? subjectId : (str(params?.prisonerId) ?? str(reqBody?.prisonerId) ?? str(res?.prisonerId));
      return this.audit.record({
        userId: req.principal?.userId ?? null,
        username: req.principal?.username ?? null,
        roles: req.principal?.roles ?? [],
        action,
        method: req.method,
        path: req.originalUrl,
        prisonId: prisonId ?? null,
        subjectType: spec?.subjectType ?? null,
        subjectId: subjectId ?? null,
        prisonerId: prisonerId ?? null,
        requestId: typeof req.id === 'string' ? req.id : null,
        outcome,
        statusCode,
      });
    };

    return next.handle().pipe(
      concatMap((body) => from(write(AuditOutcome.SUCCESS, ctx.switchToHttp().getResponse<{ statusCode: number }>().statusCode, body).then(() => body))),
      catchError((err: unknown) => {
        const status = err instanceof DomainError ? statusForKind(err.kind) : err instanceof HttpException ? err.getStatus() : 500;
        const outcome = status === 403 || status === 404 ? AuditOutcome.DENIED : AuditOutcome.FAILED;
        return from(write(outcome, status, undefined)).pipe(concatMap(() => throwError(() => err)));
      }),
    );
  }
}
