import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AllocationPatternKind } from '../../allocations/allocation.enums';
import { DayPeriod } from '../../activities/activity.enums';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { PlanDraftStatus } from '../plan-draft.enums';

const REASONS = [
  'NOT_IN_CUSTODY',
  'UNAVAILABLE',
  'NO_ELIGIBLE_ACTIVITY',
  'ALL_ELIGIBLE_FULL',
  'NON_ASSOCIATION',
  'STAFF_ABSENT',
  'NOT_FOUND_IN_TIME',
];

export class PredictedRateDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.82,
    description: 'Planned activity rate of the planned days with the current bookings',
  })
  before: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.9, description: 'Planned activity rate with the draft applied' })
  after: number | null;
  @ApiProperty() activeDaysBefore: number;
  @ApiProperty() activeDaysAfter: number;
  @ApiProperty({ description: 'Counted days the prisoners are held (the denominator)' }) prisonerDays: number;
}

export class PlanDraftMetricsDto {
  @ApiProperty({ description: 'Active prisoner-days of the plan (objective 1)' }) activeDays: number;
  @ApiProperty() prisonerDays: number;
  @ApiProperty({ description: 'Proven upper bound on active days: no plan keeping the rules can do better' }) upperBound: number;
  @ApiProperty({ description: 'upperBound − activeDays' }) gap: number;
  @ApiProperty({ example: 1 }) shareOfBound: number;
  @ApiProperty() provenOptimalActiveDays: boolean;
  @ApiProperty({ description: 'Active days a plain first-come allocator reaches on the same data' }) greedyActiveDays: number;
  @ApiProperty() prisonersInCustody: number;
  @ApiProperty() prisonersWithoutActivity: number;
  @ApiProperty({ description: 'Current bookings of the week the plan does not keep' }) changesFromCurrent: number;
  @ApiProperty() fullDays: number;
  @ApiProperty() prioritiesMet: number;
  @ApiProperty() priorityClaims: number;
}

export class DraftSessionRefDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty() activityName: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) period: DayPeriod;
}

export class DraftMoveDto {
  @ApiProperty({ type: DraftSessionRefDto }) from: DraftSessionRefDto;
  @ApiProperty({ type: DraftSessionRefDto }) to: DraftSessionRefDto;
}

export class PrisonerDiffDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() name: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty({ type: [DraftSessionRefDto] }) added: DraftSessionRefDto[];
  @ApiProperty({ type: [DraftSessionRefDto] }) removed: DraftSessionRefDto[];
  @ApiProperty({ type: [DraftMoveDto], description: 'A session removed and another added on the same half-day' }) moved: DraftMoveDto[];
}

export class ChosenSlotDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) weekday: number;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) period: DayPeriod;
}

export class AllocationChangeDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty() activityName: string;
  @ApiProperty({ format: 'date', description: 'The current allocation ends the day before; the new one starts this day' }) fromDate: string;
  @ApiProperty({
    enum: AllocationPatternKind,
    enumName: 'AllocationPatternKind',
    nullable: true,
    description: 'Null: the prisoner leaves the activity',
  })
  pattern: AllocationPatternKind | null;
  @ApiProperty({ type: [ChosenSlotDto], nullable: true }) chosenSlots: ChosenSlotDto[] | null;
  @ApiProperty({ description: 'Sessions of the activity booked this week now' }) sessionsBefore: number;
  @ApiProperty({ description: 'Sessions of the activity this week with the draft' }) sessionsAfter: number;
  @ApiPropertyOptional({ description: 'Applied already, by an apply of a part not undone' }) applied?: boolean;
}

export class DraftUnavailableReasonDto {
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) period: DayPeriod;
  @ApiProperty() reason: string;
}

export class DraftBlockerDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() name: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty({ type: () => DraftSessionRefDto }) session: DraftSessionRefDto;
}

export class DraftExplanationParamsDto {
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod', isArray: true, description: 'Half-days the prisoner was available' })
  periods: DayPeriod[];
  @ApiPropertyOptional({ type: [DraftUnavailableReasonDto] }) unavailable?: DraftUnavailableReasonDto[];
  @ApiPropertyOptional({ description: 'Eligible sessions those half-days' }) sessions?: number;
  @ApiPropertyOptional({ description: 'Running eligible sessions with a free place in the plan' }) freeSessions?: number;
  @ApiPropertyOptional({
    type: [DraftBlockerDto],
    description: 'Only when a non-associated prisoner is the cause: who sits in which session with a free place',
  })
  blockedBy?: DraftBlockerDto[];
}

export class DraftExplanationDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() name: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: REASONS, description: 'NOT_FOUND_IN_TIME: not found within the time limit, and not proven impossible' })
  reason: string;
  @ApiProperty({ description: 'Proven: no plan gives this prisoner-day an activity without taking one from another that day' })
  proven: boolean;
  @ApiProperty({ type: () => DraftExplanationParamsDto }) params: DraftExplanationParamsDto;
}

export class DraftConflictDto {
  @ApiProperty({ enum: ['LOCK', 'CLOSED_GROUP'] }) source: string;
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() code: string;
  @ApiProperty() detail: string;
}

export class DraftSolverDto {
  @ApiProperty() method: string;
  @ApiProperty({ enum: ['ENGINE', 'GREEDY'] }) chosen: string;
  @ApiProperty() timedOut: boolean;
  @ApiProperty() elapsedMs: number;
  @ApiPropertyOptional({ description: 'The flow bound before the exact per-day step tightened it (metrics.upperBound)' })
  flowUpperBound?: number;
  @ApiPropertyOptional({ description: 'Exact per-day solves (HiGHS) run because the plan was below the bound' }) exactSolves?: number;
}

export class ApplySummaryDto {
  @ApiProperty({ description: 'Allocations ended the day before the change' }) allocationsEnded: number;
  @ApiProperty({ description: 'Allocations that started within the week, removed' }) allocationsDeleted: number;
  @ApiProperty() allocationsCreated: number;
  @ApiProperty() bookingsRemoved: number;
  @ApiProperty({ description: 'Bookings made for the new allocations, to the end of the session horizon' }) bookingsCreated: number;
}

export class PlanDraftSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ example: '2026-W49' }) week: string;
  @ApiProperty({ enum: PlanDraftStatus, enumName: 'PlanDraftStatus' }) status: PlanDraftStatus;
  @ApiProperty({ type: Date }) createdAt: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null when made by the weekly job' }) createdByUserId:
    string | null;
  @ApiProperty({ type: Date, nullable: true }) appliedAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) appliedByUserId: string | null;
  @ApiProperty() upperBound: number;
  @ApiProperty({ type: PredictedRateDto }) predictedPlannedRate: PredictedRateDto;
}

export class PlanDraftDto extends PlanDraftSummaryDto {
  @ApiProperty({ type: [String], description: 'The days planned: counted days of the week from the day the draft was made' })
  days: string[];
  @ApiProperty({ type: PlanDraftMetricsDto }) metrics: PlanDraftMetricsDto;
  @ApiProperty({ type: [PrisonerDiffDto], description: 'Prisoners whose sessions change, against the bookings when the draft was made' })
  diff: PrisonerDiffDto[];
  @ApiProperty({ type: [AllocationChangeDto], description: 'The allocations apply ends and creates' })
  allocationChanges: AllocationChangeDto[];
  @ApiProperty({ type: [DraftExplanationDto], description: 'One per prisoner and planned day left without activity' })
  explanations: DraftExplanationDto[];
  @ApiProperty({ type: [DraftConflictDto], description: 'Locks or programme memberships the planner could not keep' })
  conflicts: DraftConflictDto[];
  @ApiProperty({ type: DraftSolverDto }) solver: DraftSolverDto;
  @ApiPropertyOptional({ type: ApplySummaryDto }) applySummary?: ApplySummaryDto;
  @ApiProperty({ type: () => [DraftApplyDto], description: 'Each apply of the draft (in full or a part), oldest first' })
  applies: DraftApplyDto[];
}

/** The part of a draft to apply: changes of these activities and/or of prisoners in these units; none given: all that is left. */
export class ApplyDraftDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only the changes to these activities (and the linked ones)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  activityIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: "Only the changes of prisoners in these units (on the change's first day), and the linked ones",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  unitIds?: string[];
}

export class DraftApplyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: Date }) appliedAt: Date;
  @ApiProperty({ format: 'uuid' }) appliedByUserId: string;
  @ApiProperty({ type: ApplyDraftDto, nullable: true, description: 'The part chosen; null: everything left' }) part: ApplyDraftDto | null;
  @ApiProperty({ description: 'Allocation changes applied' }) allocationChanges: number;
  @ApiProperty({ type: ApplySummaryDto }) summary: ApplySummaryDto;
  @ApiProperty({ type: Date, nullable: true }) undoneAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) undoneByUserId: string | null;
}

/** What applying a part would change (the confirmation's counts). */
export class PartPreviewDto {
  @ApiProperty({ description: 'Allocation changes the part applies, linked ones included' }) allocationChanges: number;
  @ApiProperty() prisoners: number;
  @ApiProperty() activities: number;
  @ApiProperty({ description: 'Changes of the same prisoners taken along because they share a half-day with a chosen one' }) linked: number;
  @ApiProperty({ description: 'Changes not applied that stay after this part' }) left: number;
  @ApiProperty({ description: 'Changes applied already' }) alreadyApplied: number;
}

/** What the weekly job did. */
export interface WeeklyDraftRun {
  week: string;
  prisons: number;
  drafted: number;
  unchanged: number;
  skipped: number;
  failed: number;
}
