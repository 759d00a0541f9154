import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { AllocationPatternKind } from '../allocations/allocation.enums';
import { AllocationChecks, withMessage } from '../allocations/allocation-checks';
import { AllocationWriter, OpenAllocation } from '../allocations/allocation-writer.repository';
import { AllocationsRepository, type ActivityRow } from '../allocations/allocations.repository';
import { SuitabilityCheck, SuitabilityCode } from '../allocations/domain/suitability';
import { englishPart } from '../common/messages/english-rule';
import { RuleCode, RuleMessage, ruleMessage } from '../common/messages/rule-message';
import { Principal } from '../auth/principal';
import { IsoWeek, parseIsoWeek } from '../calendar/domain/iso-week';
import { addDays, IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { translateRefusedChange } from '../database/pg-errors';
import { ReferralsService } from '../referrals/referrals.service';
import { horizonEnd } from '../sessions/domain/session-horizon';
import {
  AllocationChange,
  allocationChanges,
  changeKey,
  choosePart,
  matchesPart,
  currentPlan,
  effectivePlan,
  PartChoice,
  planWith,
  WeekPlan,
} from './domain/draft-diff';
import { describeInputChanges, InputChanges } from './domain/input-changes';
import { ApplySummaryDto, PartPreviewDto, PlanDraftDto } from './dto/plan-draft.dto';
import type { DraftInput } from './domain/week-input';
import type { PlanningInput } from './engine';
import { AllocationSnapshot, PlanApplyRepository } from './plan-apply.repository';
import { PlanDraftStatus } from './plan-draft.enums';
import { appliedChangeKeys, type StoredResult } from './plan-draft.view';
import { PlanDraftsRepository } from './plan-drafts.repository';
import { assertVisible, PlanDraftsService } from './plan-drafts.service';
import { BuiltInput, PlanningInputBuilder } from './planning-input.builder';

/** What one apply wrote, stored with it (plan_draft_apply.record) so that it can be undone. */
export interface ApplyRecord {
  /** The first day the apply changed (the earliest change's first day). */
  firstDay: IsoDate;
  /** The week's sessions the draft planned. */
  sessionIds: string[];
  /** Allocations the apply created. */
  created: string[];
  /** Allocations it ended, as they were (end and ending fields) and the end it gave them. */
  ended: Array<AllocationSnapshot & { endedTo: IsoDate }>;
  /** Allocations it removed (they started within the change), whole. */
  deleted: AllocationSnapshot[];
  /** Referrals it marked allocated, with their status before. */
  referrals: Array<{ id: string; status: string }>;
  /** The week's sessions of each prisoner changed, before and after the apply. */
  before: Record<string, string[]>;
  after: Record<string, string[]>;
}

/** How an apply went: what it wrote, and the change keys it applied. */
interface Written {
  summary: ApplySummaryDto;
  keys: string[];
  record: ApplyRecord;
}

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
    private readonly allocations: AllocationsRepository,
    private readonly applyRepo: PlanApplyRepository,
    private readonly referrals: ReferralsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Applies the draft, or the part chosen (see choosePart) of what is left of it. A part applied leaves the
   * draft PARTIAL, its input replaced by the week as it now is: the rest is checked against that, so it
   * can still be applied (and anything else that changed meanwhile makes it stale as before).
   */
  async apply(prisonId: string, week: IsoWeek, id: string, principal: Principal, part: PartChoice | null = null): Promise<PlanDraftDto> {
    assertVisible(prisonId, principal);
    const today = this.clock.today();
    const outcome = await this.txHost.withTransaction(async (): Promise<{ stale: InputChanges } | { applied: true }> => {
      await this.drafts.lockWeek(prisonId, week);
      const draft = await this.drafts.find(id, true);
      if (!draft || draft.prisonId !== prisonId || draft.week !== week) throw new NotFoundError('Plan draft', id);
      if (draft.status !== PlanDraftStatus.DRAFT && draft.status !== PlanDraftStatus.PARTIAL)
        throw new ConflictError(notApplicable(draft.status), { status: draft.status });
      const applied = await this.drafts.findApplied(prisonId, week);
      if (applied && applied.id !== id)
        throw new ConflictError(ruleMessage(RuleCode.DRAFT_OTHER_APPLIED, { week, draftId: applied.id }), {
          appliedDraftId: applied.id,
        });

      const built = await this.builder.build(prisonId, week, today);
      if (built.fingerprint !== draft.inputFingerprint) {
        // A draft applied in part keeps its status: what it applied stays applied (and can be undone).
        if (draft.status === PlanDraftStatus.DRAFT) await this.drafts.markStale(id);
        return { stale: describeInputChanges(draft.input as DraftInput, built.input) };
      }
      const applies = await this.drafts.listApplies(id);
      const done = appliedChangeKeys(applies);
      const units = part?.unitIds?.length ? await this.unitsOf(prisonId, built.input) : new Map<string, string>();
      const written = await this.write(built, (draft.result as StoredResult).assignments, principal, `${week} (draft ${id})`, (changes) =>
        choosePart(built.input, changes, part, (pid) => units.get(pid), done),
      );
      // A part that matches nothing left is refused; the whole of a draft without changes is applied as before.
      if (part && written.keys.length === 0) throw new RuleBrokenError(ruleMessage(RuleCode.DRAFT_PART_EMPTY));
      const at = this.clock.now().toJSDate();
      await this.drafts.insertApply({
        draftId: id,
        appliedAt: at,
        appliedByUserId: principal.userId,
        part,
        changeKeys: written.keys,
        record: written.record,
        summary: written.summary,
      });
      const all = allocationChanges(
        built.input,
        currentPlan(built.input),
        effectivePlan(built.input, (draft.result as StoredResult).assignments),
      );
      const left = all.filter((c) => !done.has(changeKey(c)) && !written.keys.includes(changeKey(c))).length;
      await this.drafts.markApplied(
        draft,
        left > 0 ? PlanDraftStatus.PARTIAL : PlanDraftStatus.APPLIED,
        principal.userId,
        at,
        written.summary,
      );
      if (left > 0) {
        const now = await this.builder.build(prisonId, week, today);
        await this.drafts.setInput(id, now.fingerprint, now.input);
      }
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

  /** What applying a part would change now, from the stored draft (the confirmation's counts). */
  async preview(prisonId: string, week: IsoWeek, id: string, principal: Principal, part: PartChoice | null): Promise<PartPreviewDto> {
    assertVisible(prisonId, principal);
    return this.txHost.withTransaction(async () => {
      const draft = await this.drafts.find(id);
      if (!draft || draft.prisonId !== prisonId || draft.week !== week) throw new NotFoundError('Plan draft', id);
      const input = draft.input as DraftInput;
      const applies = await this.drafts.listApplies(id);
      const done = appliedChangeKeys(applies);
      const before = currentPlan(input);
      const all = allocationChanges(input, before, effectivePlan(input, (draft.result as StoredResult).assignments));
      const units = part?.unitIds?.length ? await this.unitsOf(prisonId, input) : new Map<string, string>();
      const unitOf = (pid: string) => units.get(pid);
      const chosen = choosePart(input, all, part, unitOf, done);
      const matching = chosen.filter((c) => matchesPart(c, part, unitOf)).length;
      return {
        allocationChanges: chosen.length,
        prisoners: new Set(chosen.map((c) => c.prisonerId)).size,
        activities: new Set(chosen.map((c) => c.activityId)).size,
        left: all.filter((c) => !done.has(changeKey(c))).length - chosen.length,
        alreadyApplied: done.size,
        linked: chosen.length - matching,
      };
    });
  }

  /** Each planned prisoner's unit on their first planned day. */
  private unitsOf(prisonId: string, input: PlanningInput): Promise<Map<string, string>> {
    const first = [...input.days].sort()[0];
    return this.applyRepo.unitsOn(
      prisonId,
      input.prisoners.map((p) => ({ prisonerId: p.id, date: [...p.custodyDays].sort()[0] ?? first })),
    );
  }

  private async write(
    built: BuiltInput,
    assignments: StoredResult['assignments'],
    principal: Principal,
    label: string,
    part: (changes: AllocationChange[]) => AllocationChange[],
  ): Promise<Written> {
    const { input } = built;
    const before = currentPlan(input);
    const changes = part(allocationChanges(input, before, effectivePlan(input, assignments)));
    const after = planWith(input, before, changes);
    const horizon = horizonEnd(this.clock.today());
    // The locks first, in the order an officer's allocation takes them (prisoners, then sessions), so that the two
    // queue instead of deadlocking: the changes' prisoners, and their activities' sessions to the horizon (the
    // bookings removed and made are there).
    await this.allocations.lockForAllocationChanges(
      changes.map((c) => c.prisonerId),
      changes.map((c) => c.activityId),
      changes.map((c) => c.fromDate).sort()[0] ?? input.days[0],
      horizon,
    );
    const record = await this.recordOf(input, changes, before, after);
    const sunday = parseIsoWeek(input.isoWeek!).sunday;
    const lastDay = input.days[input.days.length - 1];
    const summary: ApplySummaryDto = {
      allocationsEnded: 0,
      allocationsDeleted: 0,
      allocationsCreated: 0,
      bookingsRemoved: 0,
      bookingsCreated: 0,
    };
    try {
      // Every old allocation first, so that places and half-days freed by one change are there for the others.
      const ends = await this.endCurrent(changes, sunday, principal, label, summary, record);
      const { failed, created } = await this.create(
        changes.filter((c) => c.pattern !== null),
        ends,
        lastDay,
        principal,
        record,
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
    const { snapshots: _, ...stored } = record;
    return { summary, keys: changes.map(changeKey), record: stored };
  }

  /** The record's "before" side: the allocations the changes touch as they are, and the week's bookings of those prisoners. */
  private async recordOf(
    input: PlanningInput,
    changes: AllocationChange[],
    before: WeekPlan,
    after: WeekPlan,
  ): Promise<ApplyRecord & { snapshots: Map<string, AllocationSnapshot> }> {
    const firstDay = changes.map((c) => c.fromDate).sort()[0] ?? input.days[0];
    const snapshots = await this.applyRepo.findAllocationsOf(changes, firstDay);
    const prisoners = [...new Set(changes.map((c) => c.prisonerId))];
    return {
      firstDay,
      sessionIds: input.sessions.map((x) => x.id),
      created: [],
      ended: [],
      deleted: [],
      referrals: [],
      before: Object.fromEntries(prisoners.map((p) => [p, [...(before.get(p) ?? [])]])),
      after: Object.fromEntries(prisoners.map((p) => [p, [...(after.get(p) ?? [])]])),
      snapshots: new Map(snapshots.map((a) => [a.id, a])),
    };
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
    record: ApplyRecord & { snapshots: Map<string, AllocationSnapshot> },
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
        // The record keeps each allocation whole as it was, for undo.
        const was = record.snapshots.get(r.id);
        if (r.startDate >= c.fromDate) {
          deleted.push(r.id);
          if (was) record.deleted.push(was);
        } else {
          ended.push({ id: r.id, endDate: addDays(c.fromDate, -1) });
          if (was) record.ended.push({ ...was, endedTo: addDays(c.fromDate, -1) });
        }
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
    record: ApplyRecord,
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
    const toMark = passed.filter((p) => p.activity.requiresReferral && !p.allocatedReferral).map((p) => p.change);
    // The record keeps each open referral's status before it becomes ALLOCATED (few: programmes only), for undo.
    for (const c of toMark) record.referrals.push(...(await this.applyRepo.findOpenReferrals(c.prisonerId, c.activityId)));
    record.created.push(...created);
    await this.referrals.markAllocatedMany(toMark);
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
