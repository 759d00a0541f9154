import {
  applyDecorators,
  CallHandler,
  CanActivate,
  Controller,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import { readCookie, WebSession } from '../../auth/web-session';
import { WebExceptionFilter } from './web-exception.filter';
import { CsrfError } from './web-errors';
import { csrfTokenFor, LOGIN_CSRF_COOKIE, rememberAskedLang, sameSecret, submittedCsrf, WebRequest } from './web-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection of the pages' form posts (on top of SameSite=Strict cookies):
 * - cookie sessions: a synchronizer token derived from the session token (see csrfTokenFor);
 * - the sign-in form (no session yet): a double-submit cookie;
 * - bearer tokens: nothing to protect (a browser never adds an Authorization header by itself).
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    if (SAFE_METHODS.has(req.method)) return true;
    if (req.webSessionToken) {
      if (!sameSecret(submittedCsrf(req), csrfTokenFor(req.webSessionToken))) throw new CsrfError();
      return true;
    }
    if (req.principal) return true;
    if (!sameSecret(submittedCsrf(req), readCookie(req, LOGIN_CSRF_COOKIE))) throw new CsrfError();
    return true;
  }
}

/** Pages are personal and change often: never cached. Remembers a ?lang= choice in a cookie. */
@Injectable()
export class WebPageInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<WebRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    res.setHeader('Cache-Control', 'no-store');
    rememberAskedLang(req, res);
    return next.handle();
  }
}

/**
 * A controller of web pages under /app: outside the API docs, signed in by the session cookie (or a
 * bearer token), errors rendered as pages, CSRF-checked posts. Each route still declares its roles
 * with @Allow(...) (or @Public() for the sign-in page), like every API route.
 */
export function WebController(path = ''): ClassDecorator {
  return applyDecorators(
    Controller(path ? `app/${path}` : 'app'),
    ApiExcludeController(),
    WebSession(),
    UseFilters(WebExceptionFilter),
    UseGuards(CsrfGuard),
    UseInterceptors(WebPageInterceptor),
  );
}
