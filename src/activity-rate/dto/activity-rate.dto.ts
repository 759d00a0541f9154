import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsUUID, Max, Min, Validate } from 'class-validator';
import { ActivityKind } from '../../activities/activity.enums';
import { AbsenceReason } from '../../attendance/attendance.enums';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { CancellationReason } from '../../sessions/session.enums';
import type { TargetBand } from '../../path-to-target/domain/gap';
import { InactiveReasonCode } from '../domain/prisoner-day';

export enum RateScope {
  NATIONAL = 'national',
  REGION = 'region',
  PRISON = 'prison',
  UNIT = 'unit',
}

export enum RateGroupBy {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
  REGION = 'region',
  PRISON = 'prison',
  UNIT = 'unit',
  KIND = 'kind',
}

export class DateRangeQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'First day (inclusive). Default: one year before `to`' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  from?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'Last day (inclusive). Default: yesterday (Oslo); days from today on are not counted yet',
  })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  to?: string;
}

export class ActivityRateQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional({
    enum: RateScope,
    enumName: 'RateScope',
    description: 'Default: national for managers and administrators, prison for officers',
  })
  @IsOptional()
  @IsEnum(RateScope)
  scope?: RateScope;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The region, prison or unit (required unless scope=national, or scope=prison for a user of exactly one prison)',
  })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({
    enum: RateGroupBy,
    enumName: 'RateGroupBy',
    description: 'Break the figure down; without it, one group. kind = the activity kind of the day (see docs/activity-rate.md)',
  })
  @IsOptional()
  @IsEnum(RateGroupBy)
  groupBy?: RateGroupBy;
}

export class LeastActiveQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class RebuildPrisonerDaysDto {
  @ApiProperty({ format: 'date' })
  @Validate(IsIsoDateConstraint)
  from: string;

  @ApiProperty({ format: 'date', description: 'Capped at yesterday' })
  @Validate(IsIsoDateConstraint)
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the prisoners held at this prison in the range (default: the whole country)' })
  @IsOptional()
  @IsUUID()
  prisonId?: string;
}

export class NonActiveByReasonDto {
  @ApiProperty({ description: 'Not allocated to anything that day' }) NO_OFFER: number;
  @ApiProperty({ description: 'Every session of the day was cancelled' }) SESSION_CANCELLED: number;
  @ApiProperty({ description: 'Absent from the session(s), with a reason' }) ABSENT: number;
  @ApiProperty({ description: 'A session has no attendance recorded' }) NOT_RECORDED: number;
  @ApiProperty({ description: 'Excluded from company by decision' }) EXCLUDED: number;
}

export class RateFiguresDto {
  @ApiProperty({ description: 'Counted days held (the denominator)' }) prisonerDays: number;
  @ApiProperty() plannedActiveDays: number;
  @ApiProperty() realisedActiveDays: number;
  @ApiProperty({ type: Number, nullable: true, description: 'plannedActiveDays / prisonerDays' }) plannedRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'realisedActiveDays / prisonerDays' }) realisedRate: number | null;
  @ApiProperty({ example: 0.9 }) target: number;
  @ApiProperty({ type: Number, nullable: true, description: 'target − realisedRate (positive: short of the target)' }) gapToTarget:
    number | null;
  @ApiProperty({
    description: 'Additional realised active days needed to reach the target: max(0, ⌈target · prisonerDays⌉ − realisedActiveDays)',
  })
  gapDays: number;
  @ApiProperty({ description: 'The same for the planned days: max(0, ⌈target · prisonerDays⌉ − plannedActiveDays)' })
  plannedGapDays: number;
  @ApiProperty({
    enum: ['AT_TARGET', 'NEAR', 'FAR'],
    nullable: true,
    description: 'Realised rate ≥ target, within 5 points of it, or further; null without prisoner-days',
  })
  band: TargetBand | null;
  @ApiProperty({ type: NonActiveByReasonDto, description: 'Adds up to prisonerDays − realisedActiveDays' })
  nonActiveByReason: NonActiveByReasonDto;
}

export class RateGroupDto extends RateFiguresDto {
  @ApiProperty({ description: 'Date, ISO week (2026-W05), month (2026-05), id, or activity kind (NONE: no session that day)' }) key: string;
  @ApiProperty({ description: 'A readable name for the key' }) label: string;
}

export class ActivityRateDto {
  @ApiProperty({ enum: RateScope, enumName: 'RateScope' }) scope: RateScope;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ enum: RateGroupBy, enumName: 'RateGroupBy', nullable: true }) groupBy: RateGroupBy | null;
  @ApiProperty({ type: RateFiguresDto, description: 'The whole scope and range: sums over the groups (weighted by prisoner-days)' })
  total: RateFiguresDto;
  @ApiProperty({ type: [RateGroupDto] }) groups: RateGroupDto[];
}

export class LeastActivePrisonerDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ format: 'uuid', description: 'The unit on the last day in the range' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() prisonerDays: number;
  @ApiProperty() plannedActiveDays: number;
  @ApiProperty() realisedActiveDays: number;
  @ApiProperty() realisedRate: number;
  @ApiProperty({ type: NonActiveByReasonDto }) nonActiveByReason: NonActiveByReasonDto;
}

export class LeastActiveDto {
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [LeastActivePrisonerDto], description: 'Lowest realised rate first (then most prisoner-days)' })
  prisoners: LeastActivePrisonerDto[];
}

export class PrisonerDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty() prisonName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty() plannedActive: boolean;
  @ApiProperty() realisedActive: boolean;
  @ApiProperty({
    enum: InactiveReasonCode,
    enumName: 'InactiveReasonCode',
    nullable: true,
    description: 'Null exactly when realisedActive',
  })
  reason: InactiveReasonCode | null;
  @ApiProperty({ enum: CancellationReason, enumName: 'CancellationReason', nullable: true }) cancellationReason: CancellationReason | null;
  @ApiProperty({ enum: AbsenceReason, enumName: 'AbsenceReason', nullable: true }) absenceReason: AbsenceReason | null;
  @ApiProperty({ enum: ActivityKind, enumName: 'ActivityKind', nullable: true }) activityKind: ActivityKind | null;
}

export class PrisonerDaysDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: RateFiguresDto, description: 'The days listed, summed' }) total: RateFiguresDto;
  @ApiProperty({ type: [PrisonerDayDto], description: 'Counted days held at prisons you may see, oldest first' }) days: PrisonerDayDto[];
}

export class RebuildResultDto {
  @ApiProperty({ format: 'date', nullable: true, type: String }) from: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) to: string | null;
  @ApiProperty({ description: 'Rows inserted or changed' }) written: number;
  @ApiProperty({ description: 'Rows removed (no longer a counted day in custody)' }) deleted: number;
}
