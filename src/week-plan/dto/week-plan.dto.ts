import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActivityKind, DayPeriod } from '../../activities/activity.enums';
import { MessageParam, RuleCode } from '../../common/messages/rule-message';
import { CancellationReason } from '../../sessions/session.enums';

export const ClashKind = {
  /** Court, visit, health appointment, … recorded for that half-day. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** Someone they must be kept apart from is in the same session. */
  NON_ASSOCIATION: 'NON_ASSOCIATION',
} as const;
export type ClashKind = (typeof ClashKind)[keyof typeof ClashKind];

export class ClashDto {
  @ApiProperty({ enum: Object.values(ClashKind), enumName: 'ClashKind' }) kind: ClashKind;
  @ApiProperty({ enum: Object.values(RuleCode), enumName: 'RuleCode', description: 'What clashes, as a code (the pages translate it)' })
  rule: RuleCode;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { kind: 'COURT', when: 'ALL_DAY' } })
  params: Record<string, MessageParam>;
  @ApiProperty({ example: 'Court (all day)', description: 'In English, built from the code' }) detail: string;
}

export class PlannedPrisonerDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() name: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty({ type: String, nullable: true }) unitName: string | null;
  @ApiProperty({ type: [ClashDto] }) clashes: ClashDto[];
}

export class StaffRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class CancellationDto {
  @ApiProperty({ enum: CancellationReason, enumName: 'CancellationReason' }) reason: CancellationReason;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class PlanSessionDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) period: DayPeriod;
  @ApiProperty({ example: '08:00' }) startTime: string;
  @ApiProperty({ example: '11:30' }) endTime: string;
  @ApiProperty() capacity: number;
  @ApiProperty() allocated: number;
  @ApiProperty() free: number;
  @ApiProperty({ type: StaffRefDto, nullable: true }) staff: StaffRefDto | null;
  @ApiProperty({ type: CancellationDto, nullable: true }) cancelled: CancellationDto | null;
  @ApiProperty({ type: [PlannedPrisonerDto] }) prisoners: PlannedPrisonerDto[];
}

export class PlanActivityDto {
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ActivityKind, enumName: 'ActivityKind' }) kind: ActivityKind;
  @ApiProperty() location: string;
  @ApiProperty({ type: [PlanSessionDto], description: 'By date, then AM before PM' }) sessions: PlanSessionDto[];
}

export class PlanDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ minimum: 1, maximum: 7 }) weekday: number;
  @ApiProperty({ description: 'Counts towards the activity rate (a weekday that is not a public holiday)' }) counted: boolean;
  @ApiPropertyOptional({ description: 'Name of the public holiday, if it is one' }) holiday?: string;
}

export class WeekPlanTotalsDto {
  @ApiProperty() sessions: number;
  @ApiProperty() cancelledSessions: number;
  @ApiProperty({ description: 'Places in sessions that are not cancelled' }) places: number;
  @ApiProperty() allocated: number;
  @ApiProperty() clashes: number;
}

export class WeekPlanDto {
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ example: '2026-W49' }) week: string;
  @ApiProperty({ type: [PlanDayDto] }) days: PlanDayDto[];
  @ApiProperty({ type: [PlanActivityDto] }) activities: PlanActivityDto[];
  @ApiProperty({ type: WeekPlanTotalsDto }) totals: WeekPlanTotalsDto;
}

export const NoActivityReason = {
  /** Not booked on any session that day. */
  NO_ALLOCATION: 'NO_ALLOCATION',
  /** Unavailable the whole day (court, leave, excluded from company, …). */
  UNAVAILABLE: 'UNAVAILABLE',
  /** Booked only on sessions that are cancelled. */
  CANCELLED: 'CANCELLED',
} as const;
export type NoActivityReason = (typeof NoActivityReason)[keyof typeof NoActivityReason];

export class NoActivityDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() name: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty({ type: String, nullable: true }) unitName: string | null;
  @ApiProperty({ enum: Object.values(NoActivityReason), enumName: 'NoActivityReason' }) reason: NoActivityReason;
  @ApiProperty({ enum: Object.values(RuleCode), enumName: 'RuleCode', description: 'What lies behind the reason, as a code' })
  rule: RuleCode;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { kinds: ['COURT'] } })
  params: Record<string, MessageParam>;
  @ApiProperty({ example: 'Court', description: 'What lies behind the reason, in English words built from the code' }) detail: string;
}

export class NoActivityListDto {
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty() week: string;
  @ApiProperty({ type: [String], format: 'date', description: 'The counted days of the week' }) countedDays: string[];
  @ApiProperty({ description: 'Prisoner-days in custody on counted days' }) prisonerDays: number;
  @ApiProperty({ description: 'Of those, days with something planned' }) plannedDays: number;
  @ApiProperty({ type: [NoActivityDayDto], description: 'By date, then unit and name' }) days: NoActivityDayDto[];
}

export class TimetableEntryDto {
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) period: DayPeriod;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty() activityName: string;
  @ApiProperty() location: string;
  @ApiProperty() startTime: string;
  @ApiProperty() endTime: string;
  @ApiProperty({ type: CancellationDto, nullable: true }) cancelled: CancellationDto | null;
}

export class TimetableUnavailabilityDto {
  @ApiProperty() kind: string;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod', nullable: true, description: 'null: all day or by times' })
  period: DayPeriod | null;
  @ApiProperty({ type: String, nullable: true }) startTime: string | null;
  @ApiProperty({ type: String, nullable: true }) endTime: string | null;
  @ApiProperty() note: string;
}

export class TimetableDayDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() counted: boolean;
  @ApiPropertyOptional() holiday?: string;
  @ApiProperty({ description: 'Held at the prison the timetable is read for' }) inCustody: boolean;
  @ApiProperty({ type: [TimetableEntryDto] }) sessions: TimetableEntryDto[];
  @ApiProperty({ type: [TimetableUnavailabilityDto] }) unavailability: TimetableUnavailabilityDto[];
}

export class PrisonerWeekDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() week: string;
  @ApiProperty({ type: [TimetableDayDto] }) days: TimetableDayDto[];
}
