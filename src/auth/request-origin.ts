import type { Request } from 'express';

/** Where a request came from, for audit events that auth writes itself (outside the audit interceptor). */
export interface RequestOrigin {
  method: string;
  path: string;
  requestId: string | null;
}

export function requestOrigin(req: Request & { id?: unknown }): RequestOrigin {
  return { method: req.method, path: req.originalUrl, requestId: typeof req.id === 'string' ? req.id : null };
}

/**
 * The client's address. Express's req.ip honours TRUST_PROXY: behind a trusted reverse proxy it is the
 * address the proxy saw (X-Forwarded-For), otherwise the socket's peer, never a header a client chose.
 */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
