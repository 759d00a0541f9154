import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AllocationPatternKind } from '../allocations/allocation.enums';
import { AllocationChecks, withMessage } from '../allocations/allocation-checks';
import { AllocationWriter, OpenAllocation } from '../allocations/allocation-writer.repository';
import type { ActivityRow } from '../allocations/allocations.repository';
import { SuitabilityCheck, SuitabilityCode } from '../allocations/domain/suitability';
import { englishPart } from '../common/messages/english-rule';
import { RuleCode, RuleMessage, ruleMessage } from '../common/messages/rule-message';
import { Principal } from '../auth/principal';
import { IsoWeek, parseIsoWeek } from '../calendar/domain/iso-week';
import { addDays, IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { translateRefusedChange } from '../database/pg-errors';
import { ReferralsService } from '../referrals/referrals.service';
import { horizonEnd } from '../sessions/domain/session-horizon';
import { AllocationChange, allocationChanges, currentPlan, effectivePlan, WeekPlan } from './domain/draft-diff';
import { describeInputChanges, InputChanges } from './domain/input-changes';
import { ApplySummaryDto, PlanDraftDto } from './dto/plan-draft.dto';
import type { DraftInput } from './domain/week-input';
import type { PlanningInput } from './engine';
import { PlanApplyRepository } from './plan-apply.repository';
import { PlanDraftStatus } from './plan-draft.enums';
import type { StoredResult } from './plan-draft.view';
import { PlanDraftsRepository } from './plan-drafts.repository';
import { assertVisible, PlanDraftsService } from './plan-drafts.service';
import { BuiltInput, PlanningInputBuilder } from './planning-input.builder';

interface FailedChange {
  prisonerId: string;
  activityId: string;
  failedChecks: SuitabilityCheck[];
}

/**
 * Applying a draft: in one transaction, with the prison's week locked, the input is read again and
 * must have the draft's fingerprint (else 409 with what changed, the draft becomes STALE and nothing
 * else is written). Then every (prisoner, activity) whose sessions in the week change gets its
 * allocation(s) ended the day before and a new one from that day with the proposed pattern; every new
 * allocation passes the allocation checks on locked rows for the week; bookings are made to the end of
 * the session horizon. Any failure rolls everything back (409 with the failed checks).
 */
@Injectable()
export class PlanDraftApplyService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly builder: PlanningInputBuilder,
    private readonly drafts: PlanDraftsRepository,
    private readonly views: PlanDraftsService,
    private readonly checks: AllocationChecks,
    private readonly writer: AllocationWriter,
    private readonly applyRepo: PlanApplyRepository,
    private readonly referrals: ReferralsService,
    private readonly clock: Clock,
  ) {}

  async apply(prisonId: string, week: IsoWeek, id: string, principal: Principal): Promise<PlanDraftDto> {
    assertVisible(prisonId, principal);
    const today = this.clock.today();
    const outcome = await this.txHost.withTransaction(async (): Promise<{ stale: InputChanges } | { applied: true }> => {
      // The drafts and the input builder still take the manager (not yet on TransactionHost): the transaction's.
      const em = this.txHost.tx;
      await this.drafts.lockWeek(em, prisonId, week);
      const draft = await this.drafts.find(em, id, true);
      if (!draft || draft.prisonId !== prisonId || draft.week !== week) throw new NotFoundError('Plan draft', id);
      if (draft.status !== PlanDraftStatus.DRAFT) throw new ConflictError(notApplicable(draft.status), { status: draft.status });
      const applied = await this.drafts.findApplied(em, prisonId, week);
      if (applied)
        throw new ConflictError(ruleMessage(RuleCode.DRAFT_OTHER_APPLIED, { week, draftId: applied.id }), {
          appliedDraftId: applied.id,
        });

      const built = await this.builder.build(em, prisonId, week, today);
      if (built.fingerprint !== draft.inputFingerprint) {
        await this.drafts.markStale(em, id);
        return { stale: describeInputChanges(draft.input as DraftInput, built.input) };
      }
      const summary = await this.write(built, (draft.result as StoredResult).assignments, principal, `${week} (draft ${id})`);
      await this.drafts.markApplied(em, draft, principal.userId, this.clock.now().toJSDate(), summary);
      return { applied: true };
    });
    if ('stale' in outcome) {
      // The API's details keep the summary as English lines.
      const summary = outcome.stale.summary.map(englishPart);
      throw new ConflictError(ruleMessage(RuleCode.DRAFT_DATA_CHANGED, { changes: outcome.stale.summary }), {
        changes: { ...outcome.stale, summary },
      });
    }
    return this.views.get(prisonId, week, id, principal);
  }

  private async write(
    built: BuiltInput,
    assignments: StoredResult['assignments'],
    principal: Principal,
    label: string,
  ): Promise<ApplySummaryDto> {
    const { input } = built;
    const before = currentPlan(input);
    const after = effectivePlan(input, assignments);
    const changes = allocationChanges(input, before, after);
    const sunday = parseIsoWeek(input.isoWeek!).sunday;
    const lastDay = input.days[input.days.length - 1];
    const horizon = horizonEnd(this.clock.today());
    const summary: ApplySummaryDto = {
      allocationsEnded: 0,
      allocationsDeleted: 0,
      allocationsCreated: 0,
      bookingsRemoved: 0,
      bookingsCreated: 0,
    };
    try {
      // Every old allocation first, so that places and half-days freed by one change are there for the others.
      const ends = await this.endCurrent(changes, sunday, principal, label, summary);
      const { failed, created } = await this.create(
        changes.filter((c) => c.pattern !== null),
        ends,
        lastDay,
        principal,
      );
      if (failed.length === 0 && created.length > 0) {
        // One set-based statement for all new allocations, to the end of the session horizon (within capacity).
        const from = changes.map((c) => c.fromDate).sort()[0];
        summary.allocationsCreated = created.length;
        summary.bookingsCreated = await this.writer.book({ from, to: horizon, allocationIds: created });
        failed.push(...(await this.apartTogether(created, input)));
      }
      if (failed.length > 0) {
        const names = failed.map((f) => ({
          prisoner: built.prisoners.get(f.prisonerId)?.name ?? f.prisonerId,
          activity: built.activities.get(f.activityId)?.name ?? f.activityId,
        }));
        throw new ConflictError(ruleMessage(RuleCode.DRAFT_BREAKS_RULES, { count: failed.length, names }), {
          failed,
        });
      }
      await this.assertBooked(input, after, changes);
    } catch (e) {
      throw translateRefusedChange(e);
    }
    return summary;
  }

  /**
   * Ends (or removes, when it starts within the change) each prisoner's allocations to the activity;
   * returns, per change, the end the new one keeps. One statement each for all changes: the rows are
   * read and locked together, then bookings removed, allocations removed and ended.
   */
  private async endCurrent(
    changes: readonly AllocationChange[],
    sunday: IsoDate,
    principal: Principal,
    label: string,
    summary: ApplySummaryDto,
  ): Promise<Map<AllocationChange, IsoDate | null>> {
    const open = await this.writer.lockOpenFromMany(
      changes.map((c) => ({ prisonerId: c.prisonerId, activityId: c.activityId, from: c.fromDate })),
    );
    const openOf = new Map<string, OpenAllocation[]>();
    for (const r of open) {
      const key = `${r.prisonerId}|${r.activityId}`;
      (openOf.get(key) ?? openOf.set(key, []).get(key)!).push(r);
    }
    const ends = new Map<AllocationChange, IsoDate | null>();
    const removeBookings: Array<{ allocationId: string; from: IsoDate }> = [];
    const deleted: string[] = [];
    const ended: Array<{ id: string; endDate: IsoDate }> = [];
    for (const c of changes) {
      // Oldest first, as lockOpenFromMany answers them.
      const rows = openOf.get(`${c.prisonerId}|${c.activityId}`) ?? [];
      if (rows.some((r) => r.locked && r.startDate <= sunday)) {
        throw new ConflictError(ruleMessage(RuleCode.DRAFT_LOCKED_CHANGED), {
          prisonerId: c.prisonerId,
          activityId: c.activityId,
        });
      }
      // An allocation planned to start after the week is left alone: the new one ends the day before it.
      const later = rows.filter((r) => r.startDate > sunday);
      let keepEnd: IsoDate | null = later.length > 0 ? addDays(later[0].startDate, -1) : null;
      const current = rows.filter((r) => r.startDate <= sunday);
      if (keepEnd === null && current.length > 0 && current.every((r) => r.endDate !== null)) {
        keepEnd = current.map((r) => r.endDate!).sort()[current.length - 1];
        if (keepEnd < sunday) keepEnd = sunday;
      }
      for (const r of current) {
        removeBookings.push({ allocationId: r.id, from: c.fromDate });
        if (r.startDate >= c.fromDate) deleted.push(r.id);
        else ended.push({ id: r.id, endDate: addDays(c.fromDate, -1) });
      }
      ends.set(c, keepEnd);
    }
    summary.bookingsRemoved += await this.writer.removeBookingsFromMany(removeBookings);
    await this.writer.deleteAll(deleted);
    summary.allocationsDeleted += deleted.length;
    await this.writer.endAll(ended, {
      reason: 'OTHER',
      note: `Changed by the automatic week plan for ${label}`,
      byUserId: principal.userId,
    });
    summary.allocationsEnded += ended.length;
    return ends;
  }

  /**
   * Checks the new allocations and inserts those that pass (bookings come after, for all of them at
   * once). Each check sees the bookings left after every old allocation was ended; that the new ones fit
   * together (places, non-associations) is checked once they are booked: assertBooked and apartTogether.
   */
  private async create(
    changes: readonly AllocationChange[],
    ends: ReadonlyMap<AllocationChange, IsoDate | null>,
    lastDay: IsoDate,
    principal: Principal,
  ): Promise<{ failed: FailedChange[]; created: string[] }> {
    // Every rule re-checked on locked rows for the days planned. Later weeks (and sessions on holidays, which the
    // planner does not plan) get bookings within capacity like any allocation; clashes there show in their views.
    const checked = await this.checks.runMany(
      changes.map((c) => ({
        prisonerId: c.prisonerId,
        activityId: c.activityId,
        pattern: AllocationPatternKind[c.pattern!],
        chosenSlots: c.chosenSlots,
        startDate: c.fromDate,
        endDate: lastDay,
      })),
    );
    const allocatedReferrals = await this.applyRepo.findAllocatedReferrals(changes.filter((_, i) => checked[i].activity.requiresReferral));
    const failed: FailedChange[] = [];
    const passed: Array<{ change: AllocationChange; activity: ActivityRow; allocatedReferral: boolean }> = [];
    changes.forEach((c, i) => {
      const { activity, checks } = checked[i];
      const allocatedReferral = activity.requiresReferral && allocatedReferrals.has(`${c.prisonerId}|${c.activityId}`);
      // A member whose days change keeps the referral they were allocated through; a booking the plan keeps on a
      // half-day the prisoner is unavailable (a one-off: see effectivePlan) was there before and stays flagged in the views.
      const current = new Set(c.currentSessionIds);
      const failedChecks = checks.filter(
        (k) =>
          !k.passed &&
          !(k.code === SuitabilityCode.REFERRAL && allocatedReferral) &&
          !(k.code === SuitabilityCode.UNAVAILABILITY_CLASH && (k.affected ?? []).every((x) => current.has(x.sessionId))),
      );
      if (failedChecks.length > 0) failed.push({ prisonerId: c.prisonerId, activityId: c.activityId, failedChecks });
      else passed.push({ change: c, activity, allocatedReferral });
    });
    const created = await this.writer.insertAll(
      passed.map(({ change: c, activity }) => ({
        prisonerId: c.prisonerId,
        activityId: c.activityId,
        prisonId: activity.prisonId,
        startDate: c.fromDate,
        endDate: ends.get(c) ?? null,
        pattern: c.pattern!,
        chosenSlots: c.chosenSlots ?? null,
        createdByUserId: principal.userId,
      })),
    );
    await this.referrals.markAllocatedMany(passed.filter((p) => p.activity.requiresReferral && !p.allocatedReferral).map((p) => p.change));
    return { failed, created };
  }

  /** New bookings in the week that put someone beside a prisoner they must be kept apart from. */
  private async apartTogether(allocationIds: string[], input: PlanningInput): Promise<FailedChange[]> {
    const rows = await this.applyRepo.findApartTogether(
      allocationIds,
      input.sessions.map((x) => x.id),
    );
    return rows.map((r) => ({
      prisonerId: r.prisonerId,
      activityId: r.activityId,
      failedChecks: [
        withMessage({
          code: SuitabilityCode.NON_ASSOCIATION,
          passed: false,
          rule: RuleCode.NON_ASSOCIATION,
          params: { days: [{ date: r.date, period: r.period }] },
          affected: [{ sessionId: r.sessionId, date: r.date, period: r.period as never, otherPrisonerId: r.otherId }],
        }),
      ],
    }));
  }

  /** The week's bookings of everyone changed must now be the plan, or nothing is kept. */
  private async assertBooked(input: PlanningInput, after: WeekPlan, changes: readonly AllocationChange[]): Promise<void> {
    const prisoners = [...new Set(changes.map((c) => c.prisonerId))];
    if (prisoners.length === 0) return;
    const rows = await this.applyRepo.findBookings(
      prisoners,
      input.sessions.map((s) => s.id),
    );
    const booked = new Map<string, Set<string>>();
    for (const r of rows) (booked.get(r.prisonerId) ?? booked.set(r.prisonerId, new Set()).get(r.prisonerId)!).add(r.sessionId);
    const mismatched = prisoners.filter((p) => {
      const want = new Set(after.get(p) ?? []);
      const got = booked.get(p) ?? new Set<string>();
      return want.size !== got.size || [...want].some((s) => !got.has(s));
    });
    if (mismatched.length > 0) {
      throw new ConflictError(ruleMessage(RuleCode.DRAFT_BOOKINGS_DIFFER, { count: mismatched.length }), {
        prisonerIds: mismatched,
      });
    }
  }
}

function notApplicable(status: PlanDraftStatus): RuleMessage {
  switch (status) {
    case PlanDraftStatus.APPLIED:
      return ruleMessage(RuleCode.DRAFT_ALREADY_APPLIED);
    case PlanDraftStatus.STALE:
      return ruleMessage(RuleCode.DRAFT_STALE);
    case PlanDraftStatus.SUPERSEDED:
      return ruleMessage(RuleCode.DRAFT_SUPERSEDED);
    default:
      return ruleMessage(RuleCode.DRAFT_NOT_APPLICABLE, { status });
  }
}
