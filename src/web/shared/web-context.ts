import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { Lang, translator, Translate } from './i18n';
import type { Request } from 'express';
import { csrfOf, langOf, WEB_PREFIX, WebRequest } from './web-request';

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
  return { lang, t: translator(lang), principal: req.principal, csrf: csrfOf(req), url: pageUrlOf(req) };
}

type RouterStack = Array<{ route?: { path: unknown; methods: Record<string, boolean> } }>;
// The GET routes of the pages, as patterns (cached per application: the routes do not change once it listens).
const pagePatterns = new WeakMap<object, RegExp[]>();
// Fields of a form that say which page it was on (the prison, week or day shown), carried to that page's address.
const PAGE_FIELDS = ['prisonId', 'week', 'date'];

/** An Express route path (/app/sessions/:id) as a pattern of the addresses it answers. */
function routePattern(path: string): RegExp {
  const escaped = path.replace(/[.+?^$(){}|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}/?$`);
}

function getPatterns(req: Request): RegExp[] {
  const app = req.app as unknown as { router?: { stack?: RouterStack } };
  let patterns = pagePatterns.get(app);
  if (!patterns) {
    patterns = (app.router?.stack ?? [])
      .map((layer) => layer.route)
      .filter((r): r is { path: string; methods: Record<string, boolean> } => typeof r?.path === 'string' && r.methods.get === true)
      // Not the catch-all of unknown addresses: it matches everything.
      .filter((r) => r.path.startsWith(`${WEB_PREFIX}/`) && !r.path.includes('*'))
      .map((r) => routePattern(r.path));
    pagePatterns.set(app, patterns);
  }
  return patterns;
}

/**
 * The address of the page shown: the request's own for a GET. A page rendered as the answer to a
 * post (a refused form) is at the post's address, which has no GET: its links (the language switch,
 * previous/next week) lead instead to the page the form is on — the nearest GET page found by dropping
 * the address's last parts (/app/sessions/:id/cancel → /app/sessions/:id), with the form's prison,
 * week or day.
 */
function pageUrlOf(req: WebRequest): string {
  if (req.method === 'GET' || req.method === 'HEAD') return req.originalUrl;
  const patterns = getPatterns(req);
  const parts = req.path.split('/');
  while (parts.length > 2 && !patterns.some((p) => p.test(parts.join('/')))) parts.pop();
  const body = (req.body ?? {}) as Record<string, unknown>;
  const query = new URLSearchParams();
  for (const name of PAGE_FIELDS) if (typeof body[name] === 'string' && body[name] !== '') query.set(name, body[name] as string);
  const qs = query.toString();
  return `${parts.join('/') || WEB_PREFIX}${qs ? `?${qs}` : ''}`;
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
