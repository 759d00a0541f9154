import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AllocationWriter } from '../allocations/allocation-writer.repository';
import { AllocationsRepository } from '../allocations/allocations.repository';
import { Principal } from '../auth/principal';
import { IsoWeek } from '../calendar/domain/iso-week';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { groupBy } from '../common/collections/group-by';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { translateRefusedChange } from '../database/pg-errors';
import { horizonEnd } from '../sessions/domain/session-horizon';
import { PlanDraftDto } from './dto/plan-draft.dto';
import { PlanApplyRepository } from './plan-apply.repository';
import type { ApplyRecord } from './plan-draft-apply.service';
import { PlanDraftStatus } from './plan-draft.enums';
import { PlanDraftsRepository } from './plan-drafts.repository';
import { assertVisible, PlanDraftsService } from './plan-drafts.service';
import { PlanningInputBuilder } from './planning-input.builder';

/**
 * Undoing an apply of a plan draft: the latest apply not undone yet (applies are undone last first), as a new
 * change in one transaction with the week locked. The allocations it created are removed, those it ended get
 * their previous end back, those it removed come back, referrals it marked allocated get their status back,
 * and the restored allocations are booked again; the week's bookings of every prisoner it changed must then
 * be what they were before the apply, or nothing is kept. Refused (409, nothing written) once the first day
 * the apply changed has passed, when attendance is recorded on a booking it changed, or when someone changed
 * those prisoners' allocations or bookings since.
 */
@Injectable()
export class PlanDraftUndoService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly builder: PlanningInputBuilder,
    private readonly drafts: PlanDraftsRepository,
    private readonly views: PlanDraftsService,
    private readonly writer: AllocationWriter,
    private readonly allocations: AllocationsRepository,
    private readonly applyRepo: PlanApplyRepository,
    private readonly clock: Clock,
  ) {}

  async undo(prisonId: string, week: IsoWeek, id: string, principal: Principal): Promise<PlanDraftDto> {
    assertVisible(prisonId, principal);
    const today = this.clock.today();
    await this.txHost.withTransaction(async () => {
      await this.drafts.lockWeek(prisonId, week);
      const draft = await this.drafts.find(id, true);
      if (!draft || draft.prisonId !== prisonId || draft.week !== week) throw new NotFoundError('Plan draft', id);
      const active = (await this.drafts.listApplies(id)).filter((a) => a.undoneAt === null);
      const last = active[active.length - 1];
      if (!last || (draft.status !== PlanDraftStatus.APPLIED && draft.status !== PlanDraftStatus.PARTIAL))
        throw new ConflictError(ruleMessage(RuleCode.DRAFT_UNDO_NOTHING), { status: draft.status });
      const rec = last.record as ApplyRecord;
      if (today > rec.firstDay)
        throw new ConflictError(ruleMessage(RuleCode.DRAFT_UNDO_WEEK_STARTED, { date: rec.firstDay }), { firstDay: rec.firstDay });
      // The locks of an allocation change first, as the apply takes them (AllocationsRepository.lockForAllocationChanges):
      // the changed prisoners, then their activities' sessions from the first changed day to the horizon.
      const prisonerIds = Object.keys(rec.before);
      const sessionIds = [...new Set(prisonerIds.flatMap((p) => [...(rec.before[p] ?? []), ...(rec.after[p] ?? [])]))];
      await this.allocations.lockForAllocationChanges(
        prisonerIds,
        await this.applyRepo.activitiesOfSessions(sessionIds),
        rec.firstDay,
        horizonEnd(today),
      );
      await this.assertUnchanged(rec);
      try {
        await this.restore(rec, today);
      } catch (e) {
        throw translateRefusedChange(e);
      }
      await this.assertRestored(rec);
      const at = this.clock.now().toJSDate();
      await this.drafts.markUndone(last.id, principal.userId, at);
      if (active.length === 1) await this.drafts.setStatus(id, PlanDraftStatus.UNDONE);
      else {
        // Parts stay applied: the rest (this part again included) is checked against the week as it now is.
        await this.drafts.setStatus(id, PlanDraftStatus.PARTIAL);
        const now = await this.builder.build(prisonId, week, today);
        await this.drafts.setInput(id, now.fingerprint, now.input);
      }
    });
    return this.views.get(prisonId, week, id, principal);
  }

  /** Refuses when attendance is recorded on a changed booking, or the apply's allocations or bookings are not as it left them. */
  private async assertUnchanged(rec: ApplyRecord): Promise<void> {
    const touched: Array<{ prisonerId: string; sessionId: string }> = [];
    for (const [prisonerId, after] of Object.entries(rec.after)) {
      const before = new Set(rec.before[prisonerId] ?? []);
      const was = new Set(after);
      for (const sessionId of [...after.filter((s) => !before.has(s)), ...[...before].filter((s) => !was.has(s))])
        touched.push({ prisonerId, sessionId });
    }
    const attended = await this.applyRepo.countAttendance(touched);
    if (attended > 0) throw new ConflictError(ruleMessage(RuleCode.DRAFT_UNDO_ATTENDANCE, { count: attended }), { count: attended });

    const states = new Map(
      (await this.applyRepo.findAllocationStates([...rec.created, ...rec.ended.map((e) => e.id)])).map((s) => [s.id, s]),
    );
    const changed = new Set<string>();
    const created = new Set(rec.created);
    for (const e of rec.ended) if (states.get(e.id)?.endDate !== e.endedTo) changed.add(e.prisonerId);
    for (const prisonerId of await this.bookingsDiffer(rec.after, rec.sessionIds)) changed.add(prisonerId);
    const missing = [...created].filter((aid) => !states.has(aid));
    if (missing.length > 0 || changed.size > 0) {
      const count = changed.size + (changed.size === 0 ? missing.length : 0);
      throw new ConflictError(ruleMessage(RuleCode.DRAFT_UNDO_CHANGED, { count }), {
        prisonerIds: [...changed].sort(),
        missingAllocationIds: missing,
      });
    }
  }

  private async restore(rec: ApplyRecord, today: string): Promise<void> {
    // What the apply created goes first, so its places are free for what comes back.
    for (const aid of rec.created) await this.writer.delete(aid);
    const back: string[] = [];
    for (const e of rec.ended) {
      await this.applyRepo.reopen(e);
      back.push(e.id);
    }
    for (const d of rec.deleted) {
      back.push(
        await this.writer.insert({
          prisonerId: d.prisonerId,
          activityId: d.activityId,
          prisonId: d.prisonId,
          startDate: d.startDate,
          endDate: d.endDate,
          pattern: d.pattern,
          chosenSlots: d.chosenSlots as never,
          overrideReason: d.overrideReason,
          createdByUserId: d.createdByUserId,
        }),
      );
    }
    const at = this.clock.now().toJSDate();
    for (const r of rec.referrals) await this.applyRepo.restoreReferral(r.id, r.status, at);
    if (back.length > 0) await this.writer.book({ from: rec.firstDay, to: horizonEnd(today), allocationIds: back });
  }

  /** The week's bookings of everyone the apply changed are what they were before it, or nothing is kept. */
  private async assertRestored(rec: ApplyRecord): Promise<void> {
    const differ = await this.bookingsDiffer(rec.before, rec.sessionIds);
    if (differ.length > 0)
      throw new ConflictError(ruleMessage(RuleCode.DRAFT_UNDO_BOOKINGS_DIFFER, { count: differ.length }), { prisonerIds: differ });
  }

  /** The prisoners whose bookings among the week's sessions are not the ones expected (prisoner → session ids). */
  private async bookingsDiffer(expected: Record<string, string[]>, sessionIds: string[]): Promise<string[]> {
    const now = groupBy(await this.applyRepo.findBookings(Object.keys(expected), sessionIds), (b) => b.prisonerId);
    return Object.entries(expected)
      .filter(
        ([pid, sessions]) =>
          !sameSet(
            sessions,
            (now.get(pid) ?? []).map((b) => b.sessionId),
          ),
      )
      .map(([pid]) => pid);
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  return x.size === new Set(b).size && b.every((s) => x.has(s));
}
