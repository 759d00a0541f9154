import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/**
 * Every response but the API docs: helmet's defaults (script-src 'self', script-src-attr 'none', object-src 'none',
 * …) with styles from this origin only. The pages (src/web) load their CSS and JS as files and carry no inline
 * <script>, on* handler, <style> or style attribute, so none of them needs 'unsafe-inline'.
 */
export const STRICT_CSP: Directives = { 'style-src': ["'self'"] };

/**
 * Swagger UI's page only: its HTML has inline <style> blocks and style attributes. Its scripts are files, so
 * script-src stays 'self' there too.
 */
export const API_DOCS_CSP: Directives = { 'style-src': ["'self'", "'unsafe-inline'"] };

/** The Content-Security-Policy header: the strict one everywhere, relaxed for styles under the docs path. */
export function contentSecurityPolicy(docsPath: string): (req: Request, res: Response, next: NextFunction) => void {
  const strict = helmet.contentSecurityPolicy({ directives: STRICT_CSP });
  const docs = helmet.contentSecurityPolicy({ directives: API_DOCS_CSP });
  const prefix = `/${docsPath.replace(/^\/+|\/+$/g, '')}`;
  return (req, res, next) => (req.path === prefix || req.path.startsWith(`${prefix}/`) ? docs : strict)(req, res, next);
}
