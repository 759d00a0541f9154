import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

// The web pages' cookie session (src/web). Routes marked @WebSession() also accept the HTTP-only
// session cookie set by the sign-in page; every other route accepts only the bearer token, so the
// cookie can never authenticate an API call (and API writes need no CSRF protection).

export const WEB_SESSION_KEY = 'web-session';
export const WEB_SESSION_COOKIE = 'ka_session';

/** Accept the web session cookie (as well as a bearer token) on this controller or route. */
export const WebSession = () => SetMetadata(WEB_SESSION_KEY, true);

/** A request authenticated by the session cookie carries its token here (the CSRF check derives from it). */
export type WebSessionRequest = Request & { webSessionToken?: string };

/** One cookie's value from the Cookie header (no cookie-parser needed). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
