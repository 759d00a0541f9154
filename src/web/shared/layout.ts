import { hasRole } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { html, SafeHtml } from './html';
import type { MessageKey } from './i18n';
import { WebContext, withQuery } from './web-context';
import { CSRF_FIELD, WEB_PREFIX } from './web-request';

export const ASSETS = `${WEB_PREFIX}/assets`;

interface NavItem {
  href: string;
  label: MessageKey;
  roles: Role[];
}

const NAV: NavItem[] = [
  { href: `${WEB_PREFIX}/dashboard`, label: 'nav.dashboard', roles: [Role.MANAGER, Role.NATIONAL_ADMIN] },
  { href: `${WEB_PREFIX}/planner`, label: 'nav.planner', roles: [Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN] },
  { href: `${WEB_PREFIX}/sessions`, label: 'nav.sessions', roles: [Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN] },
  { href: `${WEB_PREFIX}/prisoners`, label: 'nav.prisoners', roles: [Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN] },
  { href: `${WEB_PREFIX}/referrals`, label: 'nav.referrals', roles: [Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN] },
  { href: `${WEB_PREFIX}/attendance`, label: 'nav.attendance', roles: [Role.OFFICER, Role.TEACHER, Role.MANAGER, Role.NATIONAL_ADMIN] },
  { href: `${WEB_PREFIX}/teacher`, label: 'nav.teacher', roles: [Role.TEACHER] },
  { href: `${WEB_PREFIX}/admin`, label: 'nav.admin', roles: [Role.NATIONAL_ADMIN] },
  { href: `${WEB_PREFIX}/import`, label: 'nav.import', roles: [Role.MANAGER, Role.NATIONAL_ADMIN] },
];

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Extra scripts under /app/assets (nothing inline — no script, handler or style attribute: the CSP allows only 'self'). */
  scripts?: string[];
  /** Print-first pages hide the navigation when printed anyway; this also hides it on screen. */
  bare?: boolean;
}

export function csrfField(ctx: WebContext): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${ctx.csrf}">`;
}

function header(ctx: WebContext): SafeHtml {
  const { t, principal: p } = ctx;
  const path = ctx.url.split('?')[0];
  const otherLang = ctx.lang === 'nb' ? 'en' : 'nb';
  const items = p ? NAV.filter((n) => hasRole(p, ...n.roles)) : [];
  return html`<header class="site-header">
    <div class="brand"><a href="${WEB_PREFIX}">${t('app.name')}</a></div>
    ${
      items.length > 0
        ? html`<nav aria-label="${t('app.nav')}"><ul>
          ${items.map((n) => html`<li><a href="${n.href}"${path.startsWith(n.href) ? html` aria-current="page"` : ''}>${t(n.label)}</a></li>`)}
        </ul></nav>`
        : ''
    }
    <div class="user">
      <a href="${withQuery(ctx.url, { lang: otherLang })}" lang="${otherLang}" hreflang="${otherLang}" aria-label="${t('app.switchLangLabel')}">${t('app.switchLang')}</a>
      ${
        p
          ? html`<span class="who">${t('app.signedInAs', { user: p.username })}</span>
            <form method="post" action="${WEB_PREFIX}/logout" class="inline">${csrfField(ctx)}<button type="submit" class="link">${t('app.signOut')}</button></form>`
          : ''
      }
    </div>
  </header>`;
}

/** The whole HTML document around a page's body. */
export function layout(ctx: WebContext, page: PageOptions): string {
  const scripts = [`${ASSETS}/app.js`, ...(page.scripts ?? [])];
  return html`<!doctype html>
<html lang="${ctx.lang === 'nb' ? 'nb' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} – ${ctx.t('app.name')}</title>
<link rel="stylesheet" href="${ASSETS}/app.css">
<link rel="stylesheet" href="${ASSETS}/print.css" media="print">
${scripts.map((s) => html`<script src="${s}" defer></script>`)}
</head>
<body${page.bare ? html` class="bare"` : ''}>
<a class="skip" href="#main">${ctx.t('app.skip')}</a>
${header(ctx)}
<main id="main" tabindex="-1">
${page.body}
</main>
</body>
</html>`.toString();
}

/** A notice box: role="status" for confirmations, role="alert" for errors. */
export function notice(kind: 'ok' | 'error' | 'info', content: SafeHtml | string): SafeHtml {
  return html`<div class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${content}</div>`;
}
