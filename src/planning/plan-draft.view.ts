import { DayPeriod } from '../activities/activity.enums';
import { AllocationPatternKind } from '../allocations/allocation.enums';
import { allocationChanges, currentPlan, effectivePlan, plannedActiveDays, sessionDiff } from './domain/draft-diff';
import {
  AllocationChangeDto,
  ApplyDraftDto,
  ApplySummaryDto,
  DraftConflictDto,
  DraftExplanationDto,
  DraftSessionRefDto,
  DraftSolverDto,
  PlanDraftDto,
  PlanDraftMetricsDto,
  PlanDraftSummaryDto,
  PrisonerDiffDto,
} from './dto/plan-draft.dto';
import type { Allocation, PlanningInput, PlanningResult } from './engine';
import type { BuiltInput } from './planning-input.builder';
import type { DraftApplyRow, NewPlanDraft, PlanDraftRow, PlanDraftSummaryRow } from './plan-drafts.repository';

/** The draft's result as stored (jsonb): the engine's plan with names on everything shown. */
export interface StoredResult {
  days: string[];
  assignments: Allocation[];
  metrics: PlanDraftMetricsDto;
  explanations: DraftExplanationDto[];
  conflicts: DraftConflictDto[];
  solver: DraftSolverDto;
}

export interface StoredDiff {
  prisoners: PrisonerDiffDto[];
  allocationChanges: AllocationChangeDto[];
}

/** Everything a new draft row holds, from the input it was built from and the engine's result. */
export function composeDraft(built: BuiltInput, result: PlanningResult): Omit<NewPlanDraft, 'prisonId' | 'week' | 'createdByUserId'> {
  const { input } = built;
  const before = currentPlan(input);
  const after = effectivePlan(input, result.assignments);
  const names = namer(built);
  const m = result.metrics;
  const stored: StoredResult = {
    days: [...input.days],
    assignments: result.assignments,
    metrics: {
      activeDays: m.activeDays,
      prisonerDays: m.prisonerDays,
      upperBound: m.upperBound,
      gap: m.gap,
      shareOfBound: m.shareOfBound,
      provenOptimalActiveDays: m.provenOptimalActiveDays,
      greedyActiveDays: result.greedy.activeDays,
      prisonersInCustody: m.prisonersInCustody,
      prisonersWithoutActivity: m.prisonersWithoutActivity,
      changesFromCurrent: m.changesFromCurrent,
      fullDays: m.fullDays,
      prioritiesMet: m.prioritiesMet,
      priorityClaims: m.priorityClaims,
    },
    explanations: result.explanations.map((e) => ({
      ...names.prisoner(e.prisonerId),
      date: e.date,
      reason: e.reason,
      proven: e.proven,
      params: {
        ...e.params,
        periods: e.params.periods as DayPeriod[],
        unavailable: e.params.unavailable?.map((u) => ({ period: u.period as DayPeriod, reason: u.reason })),
        blockedBy: e.params.blockedBy?.map((b) => ({ ...names.prisoner(b.prisonerId), session: names.session(b.sessionId) })),
      },
    })),
    conflicts: result.conflicts.map((c) => ({
      source: c.source,
      prisonerId: c.prisonerId,
      name: names.prisoner(c.prisonerId).name,
      sessionId: c.sessionId,
      code: c.code,
      detail: c.detail,
    })),
    solver: {
      method: result.solver.method,
      chosen: result.solver.chosen,
      timedOut: result.solver.timedOut,
      elapsedMs: Math.round(result.solver.elapsedMs),
      flowUpperBound: result.solver.flowUpperBound,
      exactSolves: result.solver.exact?.solves ?? 0,
    },
  };
  const diff: StoredDiff = {
    prisoners: sessionDiff(input, before, after).map((d) => {
      const { prisonerId, name, prisonerNumber } = names.prisoner(d.prisonerId);
      return {
        prisonerId,
        name,
        prisonerNumber,
        added: d.added.map(names.session),
        removed: d.removed.map(names.session),
        moved: d.moved.map((mv) => ({ from: names.session(mv.fromSessionId), to: names.session(mv.toSessionId) })),
      };
    }),
    allocationChanges: allocationChanges(input, before, after).map((c) => ({
      prisonerId: c.prisonerId,
      name: names.prisoner(c.prisonerId).name,
      activityId: c.activityId,
      activityName: names.activity(c.activityId),
      fromDate: c.fromDate,
      pattern: c.pattern as AllocationPatternKind | null,
      chosenSlots: c.chosenSlots as Array<{ weekday: number; period: DayPeriod }> | null,
      sessionsBefore: c.currentSessionIds.length,
      sessionsAfter: c.proposedSessionIds.length,
    })),
  };
  return {
    inputFingerprint: built.fingerprint,
    input,
    result: stored,
    diff,
    prisonerDays: m.prisonerDays,
    activeDaysBefore: plannedActiveDays(input, before),
    activeDaysAfter: plannedActiveDays(input, after),
    upperBound: m.upperBound,
  };
}

export function toSummaryDto(row: PlanDraftSummaryRow): PlanDraftSummaryDto {
  const rate = (n: number) => (row.prisonerDays === 0 ? null : Math.round((n / row.prisonerDays) * 10000) / 10000);
  return {
    id: row.id,
    prisonId: row.prisonId,
    week: row.week,
    status: row.status,
    createdAt: row.createdAt,
    createdByUserId: row.createdByUserId,
    appliedAt: row.appliedAt,
    appliedByUserId: row.appliedByUserId,
    upperBound: row.upperBound,
    predictedPlannedRate: {
      before: rate(row.activeDaysBefore),
      after: rate(row.activeDaysAfter),
      activeDaysBefore: row.activeDaysBefore,
      activeDaysAfter: row.activeDaysAfter,
      prisonerDays: row.prisonerDays,
    },
  };
}

/** The changes ("prisonerId|activityId") of a draft's applies that are not undone: what it has applied so far. */
export function appliedChangeKeys(applies: readonly DraftApplyRow[]): Set<string> {
  return new Set(applies.filter((a) => a.undoneAt === null).flatMap((a) => a.changeKeys));
}

export function toDraftDto(row: PlanDraftRow, applies: readonly DraftApplyRow[] = []): PlanDraftDto {
  const result = row.result as StoredResult;
  const diff = row.diff as StoredDiff;
  const applied = appliedChangeKeys(applies);
  return {
    ...toSummaryDto(row),
    days: result.days,
    metrics: result.metrics,
    diff: diff.prisoners,
    allocationChanges: diff.allocationChanges.map((c) => ({ ...c, applied: applied.has(`${c.prisonerId}|${c.activityId}`) })),
    explanations: result.explanations,
    conflicts: result.conflicts,
    solver: result.solver,
    ...(row.applySummary ? { applySummary: row.applySummary as ApplySummaryDto } : {}),
    applies: applies.map((a) => ({
      id: a.id,
      appliedAt: a.appliedAt,
      appliedByUserId: a.appliedByUserId,
      part: (a.part as ApplyDraftDto | null) ?? null,
      allocationChanges: a.changeKeys.length,
      summary: a.summary as ApplySummaryDto,
      undoneAt: a.undoneAt,
      undoneByUserId: a.undoneByUserId,
    })),
  };
}

function namer(built: BuiltInput) {
  const sessions = new Map((built.input as PlanningInput).sessions.map((s) => [s.id, s]));
  const activity = (id: string) => built.activities.get(id)?.name ?? '';
  return {
    activity,
    prisoner: (id: string) => {
      const p = built.prisoners.get(id);
      return { prisonerId: id, name: p?.name ?? '', prisonerNumber: p?.prisonerNumber ?? '' };
    },
    session: (id: string): DraftSessionRefDto => {
      const s = sessions.get(id)!;
      return { sessionId: id, activityId: s.activityId, activityName: activity(s.activityId), date: s.date, period: s.period as DayPeriod };
    },
  };
}
