import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { countedDaysBetween } from '../calendar/domain/counted-days';
import { addDays, IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { JOB_LOCK, withJobLock } from '../database/advisory-lock';
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
 * Keeps the prisoner_day fact table (and its per-unit daily rollup) in step with custody, bookings,
 * sessions, attendance and exclusions. Only finished days are facts: anything from today on is left out.
 */
@Injectable()
export class PrisonerDaysService {
  private readonly log = new Logger(PrisonerDaysService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    // Built here when the service is made by hand (seeds, benches).
    private readonly repo: PrisonerDaysRepository = new PrisonerDaysRepository(),
    private readonly txHost?: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /**
   * The one way a use case says "these prisoner-days may have changed" (attendance, cancellations,
   * admissions, moves, exclusions): they are recomputed in the active transaction, so they commit or
   * roll back with the change (in a transaction of their own when there is none).
   */
  daysChanged(scope: PrisonerDaysScope): Promise<RefreshResult> {
    return this.refreshDays(this.txHost?.tx ?? this.dataSource.manager, scope);
  }

  /**
   * Recomputes the prisoner-days in scope, in the caller's transaction (all queries through `em`).
   * Idempotent: rows that come out the same are left as they are (computed_at included).
   */
  async refreshDays(em: EntityManager, scope: PrisonerDaysScope): Promise<RefreshResult> {
    if (!em.queryRunner?.isTransactionActive) return em.transaction((tx) => this.refreshDays(tx, scope));
    const yesterday = addDays(this.clock.today(), -1);
    const from = scope.from;
    const to = scope.to < yesterday ? scope.to : yesterday;
    if (from > to) return { from: null, to: null, written: 0, deleted: 0 };

    await this.repo.lockWriters(em, PRISONER_DAYS_WRITER_LOCK);
    const everyone = scope.prisonerIds === undefined && scope.prisonIds === undefined;
    const result = await this.repo.refresh(em, {
      countedDays: countedDaysBetween(from, to),
      from,
      to,
      everyone,
      prisonerIds: scope.prisonerIds ?? [],
      prisonIds: scope.prisonIds ?? [],
    });
    const prisonIds = result.prison_ids ?? [];
    if (prisonIds.length > 0) await this.repo.refreshRollup(em, prisonIds, result.dates ?? []);
    return { from, to, written: result.written, deleted: result.deleted };
  }

  /** The nightly job: yesterday for the whole country, once across replicas. */
  async refreshYesterday(): Promise<RefreshResult | null> {
    const yesterday = addDays(this.clock.today(), -1);
    const outcome = await withJobLock(this.dataSource, JOB_LOCK.PRISONER_DAYS, (em) =>
      this.refreshDays(em, { from: yesterday, to: yesterday }),
    );
    if (!outcome.ran) {
      this.log.log('prisoner-days job already running elsewhere; skipped');
      return null;
    }
    this.log.log(`prisoner-days for ${yesterday}: ${outcome.result.written} written, ${outcome.result.deleted} deleted`);
    return outcome.result;
  }

  /** On-demand rebuild of a range (national or some prisons), one transaction per month. */
  async rebuild(scope: PrisonerDaysScope): Promise<RefreshResult> {
    const total: RefreshResult = { from: null, to: null, written: 0, deleted: 0 };
    for (let start = scope.from; start <= scope.to; start = addDays(start, REBUILD_CHUNK_DAYS)) {
      const end = addDays(start, REBUILD_CHUNK_DAYS - 1) < scope.to ? addDays(start, REBUILD_CHUNK_DAYS - 1) : scope.to;
      const part = await this.dataSource.transaction((em) => this.refreshDays(em, { ...scope, from: start, to: end }));
      if (part.from === null) break;
      total.from ??= part.from;
      total.to = part.to;
      total.written += part.written;
      total.deleted += part.deleted;
    }
    return total;
  }
}
