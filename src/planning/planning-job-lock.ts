import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseEndpoint } from '../database/database-endpoint';

/**
 * "Only one run at a time" for a long job that must not hold a transaction (withJobLock would keep
 * one open, and so a connection, for the whole run):
 * - with a connection pool of two or more, a session-level advisory lock on a dedicated connection
 *   that runs no transaction; the job's own short transactions use the other connections, so the
 *   API keeps its share of the pool;
 * - with a single connection (always the case with the embedded PGlite, which belongs to this one
 *   process, so no other replica can share it), holding it would block every request: an
 *   in-process guard instead.
 * Either way, a second run in the same process while one is going is refused.
 */
@Injectable()
export class PlanningJobLock {
  private readonly running = new Set<number>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DatabaseEndpoint) private readonly endpoint: DatabaseEndpoint,
  ) {}

  async runExclusive<T>(key: number, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    if (this.running.has(key)) return { ran: false };
    this.running.add(key);
    try {
      if (this.endpoint.poolSize < 2) return { ran: true, result: await work() };
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      try {
        const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key])) as Array<{ locked: boolean }>;
        if (!locked) return { ran: false };
        try {
          return { ran: true, result: await work() };
        } finally {
          await runner.query('SELECT pg_advisory_unlock($1)', [key]);
        }
      } finally {
        await runner.release();
      }
    } finally {
      this.running.delete(key);
    }
  }
}
