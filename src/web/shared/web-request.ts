import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Principal } from '../../auth/principal';
import { readCookie, WEB_SESSION_COOKIE, WebSessionRequest } from '../../auth/web-session';
import { asLang, DEFAULT_LANG, Lang } from './i18n';

export const WEB_PREFIX = '/app';
export const LOGIN_PATH = `${WEB_PREFIX}/login`;
/** Pre-sign-in CSRF cookie (double submit) for the sign-in form. */
export const LOGIN_CSRF_COOKIE = 'ka_login_csrf';
export const LANG_COOKIE = 'ka_lang';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type WebRequest = WebSessionRequest & { principal?: Principal };

/** The language: ?lang= first (and remembered in a cookie), else the cookie, else Norwegian. */
export function langOf(req: Request): Lang {
  return asLang(req.query?.lang) ?? asLang(readCookie(req, LANG_COOKIE)) ?? DEFAULT_LANG;
}

// Plain http is only acceptable on the machine itself (browsers treat localhost as a secure context);
// anywhere else the cookies are Secure, so they are never sent over an unencrypted connection.
function isLocalPlainHttp(req: Request): boolean {
  return !req.secure && ['localhost', '127.0.0.1', '::1', '[::1]'].includes(req.hostname);
}

export function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: !isLocalPlainHttp(req), path: WEB_PREFIX };
}

export function setSessionCookie(req: Request, res: Response, token: string): void {
  // No Max-Age: a browser-session cookie. The server ends the session anyway (idle and absolute expiry).
  res.cookie(WEB_SESSION_COOKIE, token, cookieOptions(req));
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(WEB_SESSION_COOKIE, cookieOptions(req));
}

export function rememberLang(req: Request, res: Response, lang: Lang): void {
  res.cookie(LANG_COOKIE, lang, { ...cookieOptions(req), httpOnly: false, sameSite: 'lax', maxAge: 365 * 86_400_000 });
}

/** Remembers a language chosen in the address (?lang=), if any. */
export function rememberAskedLang(req: Request, res: Response): void {
  const lang = asLang(req.query?.lang);
  if (lang) rememberLang(req, res, lang);
}

/** A page's remembered display choice (not secret; a year, like the language). */
export function rememberPlannerPrefs(req: Request, res: Response, name: string, value: string): void {
  res.cookie(name, value, { ...cookieOptions(req), maxAge: 365 * 86_400_000 });
}

/** A fresh random value for the sign-in form's double-submit cookie. */
export function issueLoginCsrf(req: Request, res: Response): string {
  const value = randomBytes(24).toString('base64url');
  res.cookie(LOGIN_CSRF_COOKIE, value, { ...cookieOptions(req), maxAge: 2 * 3_600_000 });
  return value;
}

/**
 * The synchronizer token of a cookie session: an HMAC of the (secret, HTTP-only) session token, so it
 * needs no storage, changes with every sign-in and cannot be computed without the cookie.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('csrf-v1').digest('base64url');
}

/** The CSRF token to put in this request's forms ('' when the caller used a bearer token: no cookie, no CSRF). */
export function csrfOf(req: WebRequest): string {
  return req.webSessionToken ? csrfTokenFor(req.webSessionToken) : '';
}

export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The submitted CSRF token: the form field, or the header for scripted requests. */
export function submittedCsrf(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const field = body?.[CSRF_FIELD];
  if (typeof field === 'string') return field;
  const header = req.headers[CSRF_HEADER];
  return typeof header === 'string' ? header : undefined;
}

/** Only local paths under the web prefix are followed after sign-in (no open redirects). */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string') return WEB_PREFIX;
  if (!value.startsWith(`${WEB_PREFIX}/`) && value !== WEB_PREFIX) return WEB_PREFIX;
  if (value.startsWith('//') || value.includes('\\') || /[\r\n]/.test(value)) return WEB_PREFIX;
  return value;
}
