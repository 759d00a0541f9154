import { Client } from 'pg';

/** How long the app waits on its database (milliseconds; 0 = no limit). See docs/operations.md. */
export interface DatabaseTimeouts {
  connectMs: number;
  statementMs: number;
  idleInTransactionMs: number;
  queryMs: number;
  keepAliveDelayMs: number;
}

/** Settings of AppConfig that shape the timeouts (a subset, so CLIs and tests can pass their own). */
export interface DatabaseTimeoutSettings {
  DB_CONNECT_TIMEOUT_MS: number;
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number;
  DB_QUERY_TIMEOUT_MS?: number;
  DB_KEEPALIVE_DELAY_MS: number;
}

export function databaseTimeouts(settings: DatabaseTimeoutSettings): DatabaseTimeouts {
  const statementMs = settings.DB_STATEMENT_TIMEOUT_MS;
  return {
    connectMs: settings.DB_CONNECT_TIMEOUT_MS,
    statementMs,
    idleInTransactionMs: settings.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    queryMs: settings.DB_QUERY_TIMEOUT_MS ?? (statementMs > 0 ? statementMs + 5000 : 0),
    keepAliveDelayMs: settings.DB_KEEPALIVE_DELAY_MS,
  };
}

/**
 * The embedded database runs in this process: no network can fail between the two, and its one
 * connection may legitimately wait behind background work, so only the connect timeout applies.
 */
export function embeddedTimeouts(connectMs: number): DatabaseTimeouts {
  return { connectMs, statementMs: 0, idleInTransactionMs: 0, queryMs: 0, keepAliveDelayMs: 0 };
}

/**
 * A pg client that closes its connection when a query's answer never arrives (query_timeout), so the
 * pool discards it instead of handing out a connection whose protocol state is unknown.
 */
export class TimeoutClosingClient extends Client {
  override query(...args: unknown[]): never {
    const callback = typeof args[args.length - 1] === 'function' ? (args[args.length - 1] as (err: unknown, res: unknown) => void) : null;
    if (callback) {
      args[args.length - 1] = (err: unknown, res: unknown) => {
        this.closeOnReadTimeout(err);
        callback(err, res);
      };
    }
    const result = (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    if (result && typeof (result as Promise<unknown>).catch === 'function' && !callback) {
      // Observe the rejection without swallowing it: the caller still gets it from `result`.
      (result as Promise<unknown>).catch((err: unknown) => this.closeOnReadTimeout(err));
    }
    return result as never;
  }

  private closeOnReadTimeout(err: unknown): void {
    if (err instanceof Error && err.message === 'Query read timeout') {
      (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    }
  }
}

/** The node-postgres pool options for these timeouts (TypeORM passes `extra` to pg.Pool). */
export function pgPoolTimeoutOptions(t: DatabaseTimeouts): Record<string, unknown> {
  const options: Record<string, unknown> = { Client: TimeoutClosingClient };
  if (t.connectMs > 0) options.connectionTimeoutMillis = t.connectMs;
  if (t.statementMs > 0) options.statement_timeout = t.statementMs;
  if (t.idleInTransactionMs > 0) options.idle_in_transaction_session_timeout = t.idleInTransactionMs;
  if (t.queryMs > 0) options.query_timeout = t.queryMs;
  if (t.keepAliveDelayMs > 0) {
    options.keepAlive = true;
    options.keepAliveInitialDelayMillis = t.keepAliveDelayMs;
  }
  return options;
}
