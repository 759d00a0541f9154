import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { readCookie, WEB_SESSION_COOKIE } from '../../auth/web-session';
import { DomainError } from '../../common/errors/domain-errors';
import { DomainExceptionFilter } from '../../common/errors/domain-exception.filter';
import { RETRY_AFTER_SECONDS } from '../../database/database-unavailable';
import { concurrencyRefusal } from '../../database/pg-errors';
import { html } from './html';
import { MessageKey } from './i18n';
import { layout } from './layout';
import { errorText } from './rule-text';
import { webContextOf } from './web-context';
import { CsrfError, WebPageError } from './web-errors';
import { clearSessionCookie, LOGIN_PATH, rememberAskedLang, WEB_PREFIX, WebRequest } from './web-request';

const TITLES: Record<number, MessageKey> = { 400: 'error.400.title', 403: 'error.403.title', 404: 'error.404.title' };

/**
 * Errors on web pages as pages: not signed in → the sign-in page (302, back here afterwards);
 * wrong role → a 403 page; not found → 404 page; anything else → a page with the service's message.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrors');
  private readonly api = new DomainExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    res.setHeader('Cache-Control', 'no-store');
    if (exception instanceof WebPageError) {
      res.status(exception.getStatus()).type('html').send(exception.html);
      return;
    }
    if (exception instanceof CsrfError && req.path === LOGIN_PATH) {
      res.redirect(303, `${LOGIN_PATH}?csrf=1`);
      return;
    }
    // A deadlock or serialisation failure is a refusal in the page's words (409, try again), like the API's.
    const refused = concurrencyRefusal(exception);
    if (refused) {
      this.logger.warn(`Refused as a concurrent change: ${exception instanceof Error ? exception.message : String(exception)}`);
      this.catch(refused, host);
      return;
    }
    const body = this.api.toBody(exception);
    if (body.statusCode === 401) {
      if (readCookie(req, WEB_SESSION_COOKIE)) clearSessionCookie(req, res);
      // A ?lang= chosen on the way in holds for the sign-in page too (the page interceptor, which remembers
      // it, runs only once the request is signed in).
      rememberAskedLang(req, res);
      // A form sent after the session ended is lost: say so on the sign-in page, and come back to the page the form was on.
      const next =
        req.method === 'GET'
          ? `?next=${encodeURIComponent(req.originalUrl)}`
          : req.path === `${WEB_PREFIX}/logout`
            ? ''
            : `?next=${encodeURIComponent(webContextOf(req).url)}&expired=1`;
      res.redirect(302, `${LOGIN_PATH}${next}`);
      return;
    }
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const ctx = webContextOf(req);
    const { t } = ctx;
    const title = t(TITLES[body.statusCode] ?? 'error.title');
    const text =
      exception instanceof CsrfError
        ? t('error.csrf')
        : body.statusCode === 403
          ? t('error.403.text')
          : body.statusCode === 404
            ? t('error.404.text')
            : body.statusCode === 503
              ? t('error.503.text')
              : body.statusCode >= 500
                ? t('error.500.text')
                : exception instanceof DomainError
                  ? errorText(ctx.lang, exception)
                  : body.message;
    if (body.statusCode === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    const page = layout(ctx, {
      title,
      body: html`<h1>${title}</h1><p class="error-text">${text}</p><p><a href="${WEB_PREFIX}">${t('error.home')}</a></p>`,
    });
    res.status(body.statusCode).type('html').send(page);
  }
}
