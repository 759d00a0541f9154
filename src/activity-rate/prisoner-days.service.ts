import { Injectable, Logger } from '@nestjs/common';
import { Propagation, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager } from 'typeorm';
import { countedDaysBetween } from '../calendar/domain/counted-days';
import { addDays, IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { JOB_LOCK, withJobLockTx } from '../database/advisory-lock';
import { txOf } from '../database/transaction-host';
import { PrisonerDaysRepository } from './prisoner-days.repository';

/** Which prisoner-days to recompute. Without prisonerIds and prisonIds: every prisoner in the country. */
export interface PrisonerDaysScope {
  from: IsoDate;
  to: IsoDate;
  /** These prisoners' days, wherever they were held. */
  prisonerIds?: readonly string[];
  /** Every prisoner held at (or previously recorded at) one of these prisons in the range — all their days. */
  prisonIds?: readonly string[];
}

export interface RefreshResult {
  /** The range actually refreshed (`to` is capped at yesterday), or null when nothing was left. */
  from: IsoDate | null;
  to: IsoDate | null;
  /** Rows inserted or changed; rows deleted (no longer a counted day in custody). Unchanged rows are not touched. */
  written: number;
  deleted: number;
}

// Serialises writers of prisoner_day and its rollup (the nightly job, rebuilds and attendance hooks), so
// that each one computes from data committed by the previous one. Different key from the job lock, so an
// attendance save never makes the nightly job skip.
const PRISONER_DAYS_WRITER_LOCK = JOB_LOCK.PRISONER_DAYS + 1;

// A rebuild of a long range commits month by month, so that it never holds the writer lock for minutes.
const REBUILD_CHUNK_DAYS = 31;

/**
 * Recomputes the prisoner-days in scope with the given repository, in the transaction it writes in (the
 * writer lock is transaction-level). Idempotent: rows that come out the same are left as they are
 * (computed_at included).
 */
async function refreshInTransaction(repo: PrisonerDaysRepository, clock: Clock, scope: PrisonerDaysScope): Promise<RefreshResult> {
  const yesterday = addDays(clock.today(), -1);
  const from = scope.from;
  const to = scope.to < yesterday ? scope.to : yesterday;
  if (from > to) return { from: null, to: null, written: 0, deleted: 0 };

  await repo.lockWriters(PRISONER_DAYS_WRITER_LOCK);
  const everyone = scope.prisonerIds === undefined && scope.prisonIds === undefined;
  const result = await repo.refresh({
    countedDays: countedDaysBetween(from, to),
    from,
    to,
    everyone,
    prisonerIds: scope.prisonerIds ?? [],
    prisonIds: scope.prisonIds ?? [],
  });
  const prisonIds = result.prison_ids ?? [];
  if (prisonIds.length > 0) await repo.refreshRollup(prisonIds, result.dates ?? []);
  return { from, to, written: result.written, deleted: result.deleted };
}

/**
 * For code outside Nest (the demo loader, seeds, benches) that holds a manager of its own: the same
 * refresh on that manager's transaction (in a transaction of its own when the manager is not in one).
 */
export function refreshPrisonerDaysWith(manager: EntityManager, clock: Clock, scope: PrisonerDaysScope): Promise<RefreshResult> {
  if (!manager.queryRunner?.isTransactionActive) return manager.transaction((tx) => refreshPrisonerDaysWith(tx, clock, scope));
  return refreshInTransaction(new PrisonerDaysRepository(txOf(manager)), clock, scope);
}

/**
 * Splits a long range into months and runs `refreshPart` on each, one transaction per month (the caller's
 * `refreshPart` opens it), so that a rebuild never holds the writer lock for minutes.
 */
export async function rebuildInMonths(
  scope: PrisonerDaysScope,
  refreshPart: (part: PrisonerDaysScope) => Promise<RefreshResult>,
): Promise<RefreshResult> {
  const total: RefreshResult = { from: null, to: null, written: 0, deleted: 0 };
  for (let start = scope.from; start <= scope.to; start = addDays(start, REBUILD_CHUNK_DAYS)) {
    const end = addDays(start, REBUILD_CHUNK_DAYS - 1) < scope.to ? addDays(start, REBUILD_CHUNK_DAYS - 1) : scope.to;
    const part = await refreshPart({ ...scope, from: start, to: end });
    if (part.from === null) break;
    total.from ??= part.from;
    total.to = part.to;
    total.written += part.written;
    total.deleted += part.deleted;
  }
  return total;
}

/**
 * Keeps the prisoner_day fact table (and its per-unit daily rollup) in step with custody, bookings,
 * sessions, attendance and exclusions. Only finished days are facts: anything from today on is left out.
 */
@Injectable()
export class PrisonerDaysService {
  private readonly log = new Logger(PrisonerDaysService.name);

  constructor(
    private readonly clock: Clock,
    private readonly repo: PrisonerDaysRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /**
   * The one way a use case says "these prisoner-days may have changed" (attendance, cancellations,
   * admissions, moves, exclusions): they are recomputed in the active transaction, so they commit or
   * roll back with the change (in a transaction of their own when there is none).
   */
  daysChanged(scope: PrisonerDaysScope): Promise<RefreshResult> {
    return this.refreshDays(scope);
  }

  /**
   * Recomputes the prisoner-days in scope in the active transaction (TransactionHost), or in one of
   * their own when none is active. Idempotent: rows that come out the same are left as they are.
   */
  refreshDays(scope: PrisonerDaysScope): Promise<RefreshResult> {
    return this.txHost.withTransaction(() => refreshInTransaction(this.repo, this.clock, scope));
  }

  /** The nightly job: yesterday for the whole country, once across replicas. */
  async refreshYesterday(): Promise<RefreshResult | null> {
    const yesterday = addDays(this.clock.today(), -1);
    const outcome = await withJobLockTx(this.txHost, JOB_LOCK.PRISONER_DAYS, () => this.refreshDays({ from: yesterday, to: yesterday }));
    if (!outcome.ran) {
      this.log.log('prisoner-days job already running elsewhere; skipped');
      return null;
    }
    this.log.log(`prisoner-days for ${yesterday}: ${outcome.result.written} written, ${outcome.result.deleted} deleted`);
    return outcome.result;
  }

  /** On-demand rebuild of a range (national or some prisons), one transaction per month. */
  rebuild(scope: PrisonerDaysScope): Promise<RefreshResult> {
    return rebuildInMonths(scope, (part) =>
      this.txHost.withTransaction(Propagation.RequiresNew, () => refreshInTransaction(this.repo, this.clock, part)),
    );
  }
}
