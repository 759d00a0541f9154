import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Keys of the PostgreSQL advisory locks the jobs take, one per job, so replicas never run one twice at once. */
export const JOB_LOCK = {
  MIGRATIONS: 4_711_001,
  DEMO_DATA: 4_711_002,
  SESSION_HORIZON: 4_711_010,
  PRISONER_DAYS: 4_711_020,
  WEEKLY_PLAN_DRAFTS: 4_711_030,
  AUDIT_RETENTION: 4_711_040,
} as const;

/**
 * Runs `work` in one transaction holding a transaction-level advisory lock. If another replica
 * holds it, nothing runs and `{ ran: false }` comes back. All work must use the given manager.
 */
export async function withJobLock<T>(
  dataSource: DataSource,
  key: number,
  work: (manager: EntityManager) => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  return dataSource.transaction(async (manager) => {
    const [{ locked }] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock($1) AS locked', [key]);
    if (!locked) return { ran: false as const };
    return { ran: true as const, result: await work(manager) };
  });
}

/**
 * withJobLock on the request's TransactionHost: the transaction is the active one for every repository
 * (docs/architecture.md); `work` gets its manager too, for code that still takes one.
 */
export async function withJobLockTx<T>(
  txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  key: number,
  work: (manager: EntityManager) => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  return txHost.withTransaction(async () => {
    const manager = txHost.tx;
    const [{ locked }] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock($1) AS locked', [key]);
    if (!locked) return { ran: false as const };
    return { ran: true as const, result: await work(manager) };
  });
}
