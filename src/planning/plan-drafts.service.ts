import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TypeOrmTxHost } from '../database/transaction-host';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { canSeePrison, Principal } from '../auth/principal';
import { IsoWeek, isoWeekOf } from '../calendar/domain/iso-week';
import { addDays } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { JOB_LOCK } from '../database/advisory-lock';
import { PlanDraftDto, PlanDraftSummaryDto, WeeklyDraftRun } from './dto/plan-draft.dto';
import { composeDraft, toDraftDto, toSummaryDto } from './plan-draft.view';
import { PlanDraftsRepository } from './plan-drafts.repository';
import { PlannerEngine } from './planner-engine';
import { PlanningInputBuilder } from './planning-input.builder';
import { PlanningJobLock } from './planning-job-lock';

type DraftOutcome = { id: string } | { skipped: 'UNCHANGED' | 'ALREADY_APPLIED' | 'NOTHING_TO_PLAN' };

/**
 * Plan drafts: the engine run on a prison's week and stored for people to read and apply
 * (PlanDraftApplyService). No transaction is open while the engine runs: the input is read in one
 * short snapshot transaction, the solve runs off the database (in the engine's worker thread when
 * compiled), and the draft is stored in another short transaction.
 */
@Injectable()
export class PlanDraftsService {
  private readonly logger = new Logger('PlanDrafts');

  constructor(
    @Inject(TransactionHost) private readonly txHost: TypeOrmTxHost,
    private readonly builder: PlanningInputBuilder,
    private readonly drafts: PlanDraftsRepository,
    private readonly engine: PlannerEngine,
    private readonly jobLock: PlanningJobLock,
    private readonly clock: Clock,
  ) {}

  async create(prisonId: string, week: IsoWeek, principal: Principal): Promise<PlanDraftDto> {
    assertVisible(prisonId, principal);
    const outcome = await this.draft(prisonId, week, principal.userId, false);
    if (!('id' in outcome)) throw new RuleBrokenError(ruleMessage(RuleCode.DRAFT_NOTHING_TO_PLAN, { week }));
    return this.get(prisonId, week, outcome.id, principal);
  }

  async get(prisonId: string, week: IsoWeek, id: string, principal: Principal): Promise<PlanDraftDto> {
    assertVisible(prisonId, principal);
    const { row, applies } = await this.txHost.withTransaction(async () => ({
      row: await this.drafts.find(id),
      applies: await this.drafts.listApplies(id),
    }));
    if (!row || row.prisonId !== prisonId || row.week !== week) throw new NotFoundError('Plan draft', id);
    return toDraftDto(row, applies);
  }

  async list(prisonId: string, week: IsoWeek, principal: Principal): Promise<PlanDraftSummaryDto[]> {
    assertVisible(prisonId, principal);
    const rows = await this.txHost.withTransaction(async () => {
      if (!(await this.drafts.prisonExists(prisonId))) throw new NotFoundError('Prison', prisonId);
      return this.drafts.list(prisonId, week);
    });
    return rows.map(toSummaryDto);
  }

  /**
   * The weekly job: next week's draft for every prison, one after the other. Idempotent: a prison
   * whose DRAFT for the week was made from the same data, or whose week is already applied, is
   * skipped. A failure is logged and counted and the other prisons go on.
   */
  async draftNextWeekForAllPrisons(): Promise<{ ran: true; result: WeeklyDraftRun } | { ran: false }> {
    const week = isoWeekOf(addDays(this.clock.today(), 7));
    return this.jobLock.runExclusive(JOB_LOCK.WEEKLY_PLAN_DRAFTS, async () => {
      const prisons = await this.txHost.withTransaction(() => this.drafts.prisonIds());
      const run: WeeklyDraftRun = { week, prisons: prisons.length, drafted: 0, unchanged: 0, skipped: 0, failed: 0 };
      for (const prisonId of prisons) {
        try {
          const outcome = await this.draft(prisonId, week, null, true);
          if ('id' in outcome) run.drafted++;
          else if (outcome.skipped === 'UNCHANGED') run.unchanged++;
          else run.skipped++;
        } catch (err) {
          run.failed++;
          this.logger.error(
            `Weekly plan draft for prison ${prisonId}, ${week} failed: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
      this.logger.log(`Weekly plan drafts for ${week}: ${JSON.stringify(run)}`);
      return run;
    });
  }

  private async draft(prisonId: string, week: IsoWeek, userId: string | null, fromJob: boolean): Promise<DraftOutcome> {
    const today = this.clock.today();
    // One consistent snapshot of the week; committed before the engine runs.
    const built = await this.txHost.withTransaction({ isolationLevel: 'REPEATABLE READ' }, async () => {
      try {
        return await this.builder.build(prisonId, week, today);
      } catch (err) {
        if (fromJob && err instanceof RuleBrokenError) return null;
        throw err;
      }
    });
    if (!built || (fromJob && (built.input.prisoners.length === 0 || built.input.sessions.length === 0)))
      return { skipped: 'NOTHING_TO_PLAN' };
    const done = fromJob ? await this.alreadyDone(prisonId, week, built.fingerprint) : null;
    if (done) return { skipped: done };

    const result = await this.engine.plan(built.input);
    const composed = composeDraft(built, result);

    return this.txHost.withTransaction(async () => {
      await this.drafts.lockWeek(prisonId, week);
      const doneMeanwhile = fromJob ? await this.doneIn(prisonId, week, built.fingerprint) : null;
      if (doneMeanwhile) return { skipped: doneMeanwhile };
      return { id: await this.drafts.insert({ ...composed, prisonId, week, createdByUserId: userId }) };
    });
  }

  // Checked before solving so that an unchanged prison costs no solve; checked again under the lock when storing.
  private alreadyDone(prisonId: string, week: IsoWeek, fingerprint: string): Promise<'ALREADY_APPLIED' | 'UNCHANGED' | null> {
    return this.txHost.withTransaction(() => this.doneIn(prisonId, week, fingerprint));
  }

  private async doneIn(prisonId: string, week: IsoWeek, fingerprint: string): Promise<'ALREADY_APPLIED' | 'UNCHANGED' | null> {
    if (await this.drafts.findApplied(prisonId, week)) return 'ALREADY_APPLIED';
    return (await this.drafts.hasDraftFrom(prisonId, week, fingerprint)) ? 'UNCHANGED' : null;
  }
}

/** A prison not among the caller's is answered as if it did not exist. */
export function assertVisible(prisonId: string, principal: Principal): void {
  if (!canSeePrison(principal, prisonId)) throw new NotFoundError('Prison', prisonId);
}
