import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { IsoDate } from '../calendar/domain/oslo-time';
import { Page, toPage } from '../common/http/pagination.dto';
import type { AuditSubject } from './audit-subject';
import { AuditRepository, AuditRow } from './audit.repository';
import { AuditEventDto, AuditQueryDto } from './dto/audit.dto';
import { AuditOutcome } from './entities/audit-event.entity';
import { isUuid } from '../common/uuid';
import { isDatabaseUnavailable } from '../database/database-unavailable';

export interface AuditRecord {
  userId: string | null;
  username: string | null;
  roles: string[];
  action: string;
  method: string;
  path: string;
  prisonId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  prisonerId?: string | null;
  requestId?: string | null;
  outcome: AuditOutcome;
  statusCode: number;
  /**
   * The resource the request acted on: the event is filed under its prison, looked up when the
   * event is written (prisonId above is the fallback when it has none).
   */
  resource?: { subject: AuditSubject; visiblePrisons: string[] | undefined; today: IsoDate };
}

const uuidOrNull = (v: unknown) => (isUuid(v) ? v : null);
const visibleCsv = (prisonIds: string[] | undefined) => (prisonIds ? prisonIds.filter(isUuid).join(',') : null);
// Enough for any burst, well under PostgreSQL's 65,535 parameters (one array per column whatever the size).
const MAX_BATCH = 1000;
// Events kept in memory while the database is unavailable (a few minutes of heavy use); beyond that the
// oldest are written to the error log in full instead, so none disappears without a trace.
const MAX_RETAINED = 100_000;
const RETRY_MS = 2000;

/**
 * A request's event could not be written because the database is unavailable: the event is kept (as
 * FAILED, 503) and written later; the request answers 503 and must not record its failure again.
 */
export class AuditEventKeptError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(override readonly cause: unknown) {
    super('The audit event is kept until the database answers again');
  }
}

interface Pending {
  row: AuditRow;
  /** When the event was recorded (kept as its time if it is written only after an outage). */
  at: Date;
  done: () => void;
  fail: (err: unknown) => void;
}

/**
 * Writes the audit trail with group commit: events wait in a queue while one INSERT is under way,
 * and the next INSERT writes all of them at once. Each caller's promise settles when the INSERT
 * holding its event has committed, so no request answers before its event is stored, and N
 * concurrent requests cost one round trip and one commit instead of N.
 */
@Injectable()
export class AuditService implements OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private retained: AuditRow[] = [];
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly repo: AuditRepository) {}

  record(r: AuditRecord): Promise<void> {
    const row = toRow(r);
    return new Promise<void>((done, fail) => {
      this.queue.push({ row, done, fail, at: new Date() });
      // No timer: the first event is written at once; later ones gather while it is written.
      this.writing ??= this.drain();
    });
  }

  /**
   * The database is known to be unavailable (the watchdog): the event is kept and written when it answers
   * again, without trying now.
   */
  keepUntilAvailable(r: AuditRecord): void {
    this.retained.push({ ...toRow(r), occurredAt: new Date() });
    if (this.retained.length > MAX_RETAINED) this.logLost(this.retained.splice(0, this.retained.length - MAX_RETAINED), 'too many waiting');
    this.scheduleRetry();
  }

  /** The prison of a resource as it is now, by the same rules (for writes, before they change it). */
  prisonOf(subject: AuditSubject, visiblePrisons: string[] | undefined, today: IsoDate): Promise<string | null> {
    return this.repo.prisonOf(subject, visibleCsv(visiblePrisons), today);
  }

  /** Waits until every queued event is stored (on shutdown, and for tests). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.retained.length > 0) await this.writeRetained();
    if (this.retained.length > 0) this.logLost(this.retained.splice(0), 'the app is stopping and the database is unavailable');
  }

  /** Events waiting for the database to come back (for /health and tests). */
  get retainedCount(): number {
    return this.retained.length;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.repo.insertMany(batch.map((p) => p.row));
          for (const p of batch) p.done();
        } catch (err) {
          if (isDatabaseUnavailable(err)) {
            this.retain(batch, err);
            continue;
          }
          // Maybe one bad row: write the others one by one so that only the bad one fails.
          if (batch.length === 1) this.failed(batch[0], err);
          else for (const p of batch) await this.repo.insertMany([p.row]).then(p.done, (e: unknown) => this.failed(p, e));
        }
      }
    } finally {
      this.writing = null;
    }
  }

  /**
   * The database cannot be reached: the events are kept and written when it answers again. A request
   * whose event could not be stored does not succeed (it answers 503), so an event that said SUCCESS is
   * kept as what the caller got: FAILED with 503. Requests that had already failed are not held up.
   */
  private retain(batch: Pending[], err: unknown): void {
    for (const p of batch) {
      const succeeded = p.row.outcome === AuditOutcome.SUCCESS;
      const row = { ...p.row, occurredAt: p.row.occurredAt ?? p.at };
      this.retained.push(succeeded ? { ...row, outcome: AuditOutcome.FAILED, statusCode: 503 } : row);
      if (succeeded) p.fail(new AuditEventKeptError(err));
      else p.done();
    }
    if (this.retained.length > MAX_RETAINED) this.logLost(this.retained.splice(0, this.retained.length - MAX_RETAINED), 'too many waiting');
    this.scheduleRetry();
  }

  private scheduleRetry(delayMs = RETRY_MS): void {
    if (this.retryTimer || this.retained.length === 0) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.writeRetained().finally(() => this.scheduleRetry());
    }, delayMs);
    this.retryTimer.unref();
  }

  private async writeRetained(): Promise<void> {
    while (this.retained.length > 0) {
      const batch = this.retained.splice(0, MAX_BATCH);
      try {
        await this.repo.insertMany(batch);
        this.logger.warn(`Stored ${batch.length} audit events kept while the database was unavailable`);
      } catch (err) {
        if (isDatabaseUnavailable(err)) {
          this.retained.unshift(...batch);
          return;
        }
        for (const row of batch) await this.repo.insertMany([row]).catch((e: unknown) => this.logLost([row], errorText(e)));
      }
    }
  }

  private logLost(rows: AuditRow[], why: string): void {
    this.logger.error(`Could not store ${rows.length} audit events (${why}); they follow in full: ${JSON.stringify(rows)}`);
  }

  private failed(p: Pending, err: unknown): void {
    // Never lose the trail silently: an audit failure is an error in the logs, and the request fails.
    this.logger.error(`Could not write audit event ${p.row.action}: ${err instanceof Error ? err.message : String(err)}`);
    p.fail(err);
  }

  async search(q: AuditQueryDto, prisonScope: string[] | undefined): Promise<Page<AuditEventDto>> {
    const [rows, total] = await this.repo.search(q, prisonScope);
    return toPage(rows.map(AuditEventDto.from), total, q);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function toRow(r: AuditRecord): AuditRow {
  return {
    userId: r.userId,
    username: r.username,
    role: r.roles.join(',').slice(0, 120) || null,
    action: r.action.slice(0, 80),
    method: r.method.slice(0, 10),
    path: r.path.slice(0, 300),
    prisonId: uuidOrNull(r.prisonId),
    subjectType: r.subjectType ? r.subjectType.slice(0, 40) : null,
    subjectId: r.subjectId ? String(r.subjectId).slice(0, 64) : null,
    prisonerId: uuidOrNull(r.prisonerId),
    requestId: r.requestId ? String(r.requestId).slice(0, 64) : null,
    outcome: r.outcome,
    statusCode: r.statusCode,
    resolveType: r.resource?.subject.type ?? null,
    resolveId: r.resource?.subject.id ?? null,
    visible: r.resource ? visibleCsv(r.resource.visiblePrisons) : null,
    today: r.resource?.today ?? null,
    id: randomUUID(),
    occurredAt: null,
  };
}
