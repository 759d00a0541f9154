import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { DayPeriod } from '../../activities/activity.enums';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { AllocationPatternKind, DeallocationReason } from '../allocation.enums';
import { MessageParam, RuleCode } from '../../common/messages/rule-message';
import { SuitabilityCode } from '../domain/suitability';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ChosenSlotDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: 'ISO weekday, 1 = Monday' }) @IsInt() @Min(1) @Max(5) weekday: number;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) @IsEnum(DayPeriod) period: DayPeriod;
}

export class AllocationRequestDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() prisonerId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() activityId: string;
  @ApiProperty({ format: 'date', description: 'First day allocated (today or later)' }) @Validate(IsIsoDateConstraint) startDate: string;
  @ApiPropertyOptional({ format: 'date', description: 'Last day allocated, inclusive; omit for until further notice' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  endDate?: string;

  @ApiProperty({
    enum: AllocationPatternKind,
    enumName: 'AllocationPatternKind',
    description: 'All slots, mornings only, afternoons only, or chosen days',
  })
  @IsEnum(AllocationPatternKind)
  pattern: AllocationPatternKind;

  @ApiPropertyOptional({ type: [ChosenSlotDto], description: 'Required for CHOSEN, not allowed otherwise' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ChosenSlotDto)
  chosenSlots?: ChosenSlotDto[];

  @ApiPropertyOptional({ description: 'Managers only: allocate despite a non-association, with a written reason (audited)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(10, { message: 'overrideReason must explain the decision in at least 10 characters' })
  @MaxLength(1000)
  overrideReason?: string;
}

export class BulkAllocationDto {
  @ApiProperty({ type: [AllocationRequestDto], description: 'All are allocated, or none' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AllocationRequestDto)
  items: AllocationRequestDto[];
}

export class SuitabilityQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() prisonerId: string;
  @ApiPropertyOptional({ format: 'date', description: 'Default: today' }) @IsOptional() @Validate(IsIsoDateConstraint) startDate?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @Validate(IsIsoDateConstraint) endDate?: string;
  @ApiPropertyOptional({ enum: AllocationPatternKind, enumName: 'AllocationPatternKind', default: AllocationPatternKind.ALL })
  @IsOptional()
  @IsEnum(AllocationPatternKind)
  pattern?: AllocationPatternKind;

  @ApiPropertyOptional({ description: 'For CHOSEN: comma-separated weekday-period pairs, e.g. 1-AM,3-PM', example: '1-AM,3-PM' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  chosen?: string;
}

export class EndAllocationDto {
  @ApiProperty({ format: 'date', description: 'The last day the prisoner takes part (inclusive); today or later' })
  @Validate(IsIsoDateConstraint)
  endDate: string;
  @ApiProperty({ enum: DeallocationReason, enumName: 'DeallocationReason' }) @IsEnum(DeallocationReason) reason: DeallocationReason;
  @ApiPropertyOptional({ description: 'Required for OTHER' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(1000) note?: string;
}

export class LockAllocationDto {
  @ApiProperty({ description: 'true: the automatic planner keeps this allocation as it is' }) @IsIn([true, false]) locked: boolean;
}

export class AffectedSessionDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) period: DayPeriod;
  @ApiPropertyOptional({ format: 'uuid' }) otherPrisonerId?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional({ description: 'For UNAVAILABILITY_CLASH: the kind of unavailability' }) reason?: string;
}

export class SuitabilityCheckDto {
  @ApiProperty({ enum: Object.values(SuitabilityCode), enumName: 'SuitabilityCode' }) code: SuitabilityCode;
  @ApiProperty() passed: boolean;
  @ApiProperty({ enum: Object.values(RuleCode), enumName: 'RuleCode', description: 'Why, as a code (the pages translate it)' })
  rule: RuleCode;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The parameters of the code (dates, half-days, levels, …)',
    example: { full: [{ date: '2026-11-24', period: 'AM', taken: 8, capacity: 8 }] },
  })
  params: Record<string, MessageParam>;
  @ApiProperty({ example: 'Full on Tue 24 Nov AM (8 of 8 places)', description: 'In English, built from the code' }) message: string;
  @ApiPropertyOptional({ type: [AffectedSessionDto] }) affected?: AffectedSessionDto[];
}

export class SuitabilityDto {
  @ApiProperty({ description: 'Whether every check passed' }) suitable: boolean;
  @ApiProperty({ type: [SuitabilityCheckDto] }) checks: SuitabilityCheckDto[];
  @ApiProperty({ description: 'Sessions the allocation would cover within the planning horizon' }) sessionsCovered: number;
}

export class AllocationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty() activityName: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endDate: string | null;
  @ApiProperty({ enum: AllocationPatternKind, enumName: 'AllocationPatternKind' }) pattern: AllocationPatternKind;
  @ApiProperty({ type: [ChosenSlotDto], nullable: true }) chosenSlots: ChosenSlotDto[] | null;
  @ApiProperty({ enum: DeallocationReason, enumName: 'DeallocationReason', nullable: true }) endedReason: DeallocationReason | null;
  @ApiProperty() locked: boolean;
  @ApiProperty({ type: String, nullable: true }) overrideReason: string | null;
  @ApiProperty({ description: 'Sessions booked from today on' }) upcomingSessions: number;
}

export class AllocationResultDto extends AllocationDto {
  @ApiProperty({ type: [SuitabilityCheckDto], description: 'Every check, as run at allocation (empty for other changes)' })
  checks: SuitabilityCheckDto[];
}

export class AllocationListQueryDto {
  @ApiPropertyOptional({ description: 'Include ended allocations', default: false })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  includeEnded?: boolean;
}
