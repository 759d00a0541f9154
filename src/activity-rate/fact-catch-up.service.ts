import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { addDays, IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { JOB_LOCK, withJobLockTx } from '../database/advisory-lock';
import { FactWatermarkRepository, PRISONER_DAYS_WATERMARK } from './fact-watermark.repository';
import { PrisonerDaysService } from './prisoner-days.service';

export interface CatchUpResult {
  /** The days computed in this run (null when the facts were already complete through yesterday). */
  from: IsoDate | null;
  to: IsoDate | null;
  written: number;
  deleted: number;
  /** The watermark after the run. */
  completeThrough: IsoDate | null;
}

// Each step commits at most a month, so a first build or a long outage never holds the lock for minutes,
// and a crash part-way keeps what was done (the watermark moves with each step, in the same transaction).
const STEP_DAYS = 31;

/**
 * The nightly job: computes every finished day after the watermark (the last complete fact day) for the
 * whole country, so nights on which the service was down, a restored backup (its watermark is older) or a
 * late start are all caught up. Backdated changes (imports, events, moves) refresh their own prisoner-days.
 */
@Injectable()
export class FactCatchUpService {
  private readonly log = new Logger(FactCatchUpService.name);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly prisonerDays: PrisonerDaysService,
    private readonly watermark: FactWatermarkRepository,
  ) {}

  /** The last day whose prisoner-day facts are complete, or null before the first run. */
  lastCompleteDay(): Promise<IsoDate | null> {
    return this.watermark.completeThrough(PRISONER_DAYS_WATERMARK);
  }

  /** Runs once across replicas (advisory lock); null when another replica is at it. */
  async catchUp(): Promise<CatchUpResult | null> {
    const total: CatchUpResult = { from: null, to: null, written: 0, deleted: 0, completeThrough: null };
    for (;;) {
      const outcome = await withJobLockTx(this.txHost, JOB_LOCK.PRISONER_DAYS, async () => {
        const yesterday = addDays(this.clock.today(), -1);
        const mark = await this.watermark.completeThrough(PRISONER_DAYS_WATERMARK);
        const from = mark ? addDays(mark, 1) : await this.watermark.earliestCustodyDay();
        if (from === null) {
          // Nobody was ever held: every past day is complete (empty).
          await this.watermark.setCompleteThrough(PRISONER_DAYS_WATERMARK, yesterday);
          return { step: null, mark: yesterday, more: false };
        }
        if (from > yesterday) return { step: null, mark, more: false };
        const end = addDays(from, STEP_DAYS - 1);
        const to = end < yesterday ? end : yesterday;
        const done = await this.prisonerDays.refreshDays({ from, to });
        await this.watermark.setCompleteThrough(PRISONER_DAYS_WATERMARK, to);
        return { step: { from, to, written: done.written, deleted: done.deleted }, mark: to, more: to < yesterday };
      });
      if (!outcome.ran) {
        this.log.log('prisoner-days catch-up already running elsewhere; skipped');
        return null;
      }
      const { step, mark, more } = outcome.result;
      total.completeThrough = mark;
      if (step) {
        total.from ??= step.from;
        total.to = step.to;
        total.written += step.written;
        total.deleted += step.deleted;
      }
      if (!more) break;
    }
    if (total.from) {
      this.log.log(`prisoner-days ${total.from}..${total.to}: ${total.written} written, ${total.deleted} deleted`);
    }
    return total;
  }
}
