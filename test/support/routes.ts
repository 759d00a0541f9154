import { randomUUID } from 'node:crypto';
import { TestApp } from './test-app';

export interface Route {
  method: string;
  path: string;
}

/** Every route the HTTP server answers, read from the Express router (not a hand list). */
export function discoverRoutes(t: TestApp): Route[] {
  const express = t.app.getHttpAdapter().getInstance() as {
    router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
  };
  const out: Route[] = [];
  for (const layer of express.router.stack) {
    // Skip the framework's catch-all (404) layers, registered for every HTTP method.
    if (!layer.route || Object.keys(layer.route.methods).length > 10) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') out.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return out;
}

/** The route's path with a fresh UUID for every parameter. */
export const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, () => randomUUID());

/**
 * A response as a comparable value: status and body, with the id sent replaced (a refused id is named in
 * the message) and the per-request CSP nonce of a page removed.
 */
export function answerOf(res: { status: number; text: string }, sentId: string): { status: number; body: string } {
  return {
    status: res.status,
    body: res.text
      .split(sentId)
      .join('<id>')
      .replace(/nonce="[^"]*"/g, 'nonce'),
  };
}
