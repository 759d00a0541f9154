import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { catchError, concatMap, defer, from, Observable, of, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/policy.decorators';
import { Principal, prisonScope } from '../auth/principal';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-errors';
import { statusForKind } from '../common/errors/domain-exception.filter';
import { AuditScope, runWithAuditScope } from './audit-context';
import { auditSubject } from './audit-subject';
import { AUDIT_KEY, AuditSpec } from './audit.decorators';
import { AuditEventKeptError, AuditRecord, AuditService } from './audit.service';
import { AuditOutcome } from './entities/audit-event.entity';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Bag = Record<string, unknown> | undefined;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Records every write, and every read marked @Audited (lists and records with personal data),
 * with the signed-in user, the prison and the prisoner affected, and the outcome.
 *
 * The prison is never taken from what the caller sends. It is the prison of the resource the route
 * names by id (see audit-subject.ts), looked up on the server: for a read when its event is written,
 * for a write before it runs (it may move or delete the resource). Without such a resource, it is the
 * prison the service's scoping checks resolved and let the user see (see audit-context.ts).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_KEY, ctx.getHandler());
    const isWrite = WRITES.has(req.method);
    if (!spec && !isWrite) return next.handle();
    const routePath: string = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const action = spec?.action ?? `${req.method} ${routePath}`;
    const params = req.params as Bag;
    const principal: Principal | undefined = req.principal;
    const scope: AuditScope = { notedPrisons: [] };
    // Public writes (sign-in) have no user whose access to a prison's data could be recorded.
    const subject = principal ? auditSubject(routePath, params) : undefined;
    const resource = subject && principal ? { subject, visiblePrisons: prisonScope(principal), today: this.clock.today() } : undefined;

    const write = (priorPrison: string | null, outcome: AuditOutcome, statusCode: number, body: unknown) => {
      const reqBody = req.body as Bag;
      const res = (body && typeof body === 'object' ? body : undefined) as Bag;
      const subjectId = str(params?.[spec?.subjectParam ?? 'id']) ?? str(res?.id);
      const prisonerId = spec?.subjectIsPrisoner
        ? subjectId
        : (str(params?.prisonerId) ?? str(reqBody?.prisonerId) ?? str((req.query as Bag)?.prisonerId) ?? str(res?.prisonerId));
      const record: AuditRecord = {
        userId: principal?.userId ?? null,
        username: principal?.username ?? null,
        roles: principal?.roles ?? [],
        action,
        method: req.method,
        path: req.originalUrl,
        prisonId: priorPrison ?? scope.notedPrisons[0] ?? null,
        subjectType: spec?.subjectType ?? null,
        subjectId: subjectId ?? null,
        prisonerId: prisonerId ?? null,
        requestId: typeof req.id === 'string' ? req.id : null,
        outcome,
        statusCode,
        // A read changes nothing: its resource's prison is looked up in the INSERT itself.
        resource: isWrite ? undefined : resource,
      };
      return this.audit.record(record);
    };

    const prior$ =
      isWrite && resource ? defer(() => this.audit.prisonOf(resource.subject, resource.visiblePrisons, resource.today)) : of(null);
    return prior$.pipe(
      concatMap((prior) =>
        runWithAuditScope(scope, () => next.handle()).pipe(
          concatMap((body) =>
            from(
              write(prior, AuditOutcome.SUCCESS, ctx.switchToHttp().getResponse<{ statusCode: number }>().statusCode, body).then(
                () => body,
              ),
            ),
          ),
          catchError((err: unknown) => {
            // The request's own event is already kept (as a failure) until the database answers again.
            if (err instanceof AuditEventKeptError) return throwError(() => err);
            const status =
              err instanceof DomainError
                ? statusForKind(err.kind)
                : err instanceof HttpException
                  ? err.getStatus()
                  : isDatabaseUnavailable(err)
                    ? 503
                    : 500;
            const outcome = status === 403 || status === 404 ? AuditOutcome.DENIED : AuditOutcome.FAILED;
            return from(write(prior, outcome, status, undefined)).pipe(concatMap(() => throwError(() => err)));
          }),
        ),
      ),
    );
  }
}
