import { AsyncLocalStorage } from 'node:async_hooks';

/** What one audited request has learnt about the prison of the data it touched. */
export interface AuditScope {
  /** Prisons the scoping checks found the user may see, in the order they were checked. */
  notedPrisons: string[];
}

// Per request (entered by the audit interceptor around the handler), so that the scoping checks
// deep in the services can tell the audit trail which prison they resolved without new parameters.
const storage = new AsyncLocalStorage<AuditScope>();

export function runWithAuditScope<T>(scope: AuditScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** Called by the scoping checks (src/auth/principal.ts) when a prison was checked and may be seen. */
export function notePrisonSeen(prisonId: string): void {
  const scope = storage.getStore();
  if (scope && !scope.notedPrisons.includes(prisonId)) scope.notedPrisons.push(prisonId);
}
