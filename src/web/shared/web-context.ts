import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { Lang, translator, Translate } from './i18n';
import { csrfOf, langOf, WebRequest } from './web-request';

/** What every page needs to render: language, texts, the user, the CSRF token and the current URL. */
export interface WebContext {
  lang: Lang;
  t: Translate;
  principal: Principal | undefined;
  csrf: string;
  /** Path and query of this request, e.g. /app/planner?week=2026-W49 */
  url: string;
}

export function webContextOf(req: WebRequest): WebContext {
  const lang = langOf(req);
  return { lang, t: translator(lang), principal: req.principal, csrf: csrfOf(req), url: req.originalUrl };
}

/** The page context of this request (see WebContext). */
export const Web = createParamDecorator((_data: unknown, ctx: ExecutionContext): WebContext =>
  webContextOf(ctx.switchToHttp().getRequest<WebRequest>()),
);

/** This URL with one query parameter set (or removed with null). */
export function withQuery(url: string, changes: Record<string, string | null>): string {
  const u = new URL(url, 'http://x');
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) u.searchParams.delete(k);
    else u.searchParams.set(k, v);
  }
  const qs = u.searchParams.toString();
  return `${u.pathname}${qs ? `?${qs}` : ''}`;
}

/** A query parameter as a string, or undefined (arrays and objects from `a[]=` are ignored). */
export function queryString(q: Record<string, unknown>, name: string): string | undefined {
  const v = q[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
