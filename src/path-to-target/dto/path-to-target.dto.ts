import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export enum ComingWeeksScope {
  NATIONAL = 'national',
  REGION = 'region',
  PRISON = 'prison',
}

const BANDS = ['AT_TARGET', 'NEAR', 'FAR'];

export class ComingWeeksQueryDto {
  @ApiPropertyOptional({ enum: ComingWeeksScope, description: 'Default: national' })
  @IsOptional()
  @IsEnum(ComingWeeksScope)
  scope?: ComingWeeksScope;

  @ApiPropertyOptional({ description: 'Region or prison id (required with scope=region|prison)' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiPropertyOptional({ minimum: 4, maximum: 8, default: 6, description: 'How many ISO weeks after the current one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(4)
  @Max(8)
  weeks?: number;
}

export class PlannedWeekDto {
  @ApiProperty({ example: '2026-W50' }) week: string;
  @ApiProperty({ description: 'Counted days held (custody with its known end date)' }) prisonerDays: number;
  @ApiProperty({ description: 'Days with a booking on a session that is not cancelled' }) plannedActiveDays: number;
  @ApiProperty({ type: Number, nullable: true }) plannedRate: number | null;
  @ApiProperty({ description: 'Additional planned active days needed to reach the target' }) gapDays: number;
  @ApiProperty({ enum: BANDS, nullable: true }) band: string | null;
}

export class ComingWeeksGroupDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: [PlannedWeekDto] }) weeks: PlannedWeekDto[];
}

export class ComingWeeksDto {
  @ApiProperty({ enum: ComingWeeksScope }) scope: ComingWeeksScope;
  @ApiProperty({ type: String, nullable: true }) id: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ example: 0.9 }) target: number;
  @ApiProperty({ type: [PlannedWeekDto] }) weeks: PlannedWeekDto[];
  @ApiProperty({ type: [ComingWeeksGroupDto], description: 'Per region (national) or per prison (region); empty for a prison' })
  groups: ComingWeeksGroupDto[];
}

export class DaysAndRateDto {
  @ApiProperty() activeDays: number;
  @ApiProperty({ type: Number, nullable: true }) rate: number | null;
}

export class CeilingDto extends DaysAndRateDto {
  @ApiProperty({ description: 'The planner found a plan with as many active days as the bound: the ceiling is exact' }) tight: boolean;
}

export class LossByReasonDto {
  @ApiProperty() ABSENT: number;
  @ApiProperty() SESSION_CANCELLED: number;
  @ApiProperty() NOT_RECORDED: number;
  @ApiProperty() EXCLUDED: number;
}

export class GapSplitDto {
  @ApiProperty({ description: 'Planner optimum − current plan: days better planning gains with today’s offer' }) betterPlanningDays: number;
  @ApiProperty({ description: 'target − proven ceiling: days no plan can reach with today’s offer' }) unreachableDays: number;
  @ApiProperty({ description: 'ceiling − planner optimum when the bound is not tight (may or may not be reachable)' }) unprovenDays: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of booked days lost in the history range; null without history' })
  lossRate: number | null;
  @ApiProperty({ description: 'Planner optimum × loss rate: realised days to expect lost (absences, refusals, cancellations)' })
  expectedLossDays: number;
  @ApiProperty({ type: LossByReasonDto }) expectedLossByReason: LossByReasonDto;
  @ApiProperty() historyFrom: string;
  @ApiProperty() historyTo: string;
}

export class OfferChangeSessionDto {
  @ApiProperty() sessionId: string;
  @ApiProperty() places: number;
}

export class OfferChangeDto {
  @ApiProperty({ enum: ['ADD_PLACES', 'OPEN_SLOT'] }) kind: string;
  @ApiProperty() activityId: string;
  @ApiProperty() activityName: string;
  @ApiProperty({ enum: ['WORK', 'EDUCATION', 'PROGRAMME'] }) activityKind: string;
  @ApiProperty() date: string;
  @ApiProperty({ enum: ['AM', 'PM'] }) period: string;
  @ApiProperty({ type: [OfferChangeSessionDto] }) sessions: OfferChangeSessionDto[];
  @ApiProperty() places: number;
  @ApiProperty({ description: 'Active days lost (relaxation) if this change alone were left out' }) marginalDays: number;
  @ApiProperty() daysPerPlace: number;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'OPEN_SLOT: a staff member who runs the activity has no session then; null for ADD_PLACES',
  })
  staffFree: boolean | null;
}

export class WhatIfDto {
  @ApiProperty({ description: 'Ceiling with the changes, on the relaxation (the planner’s bound)' }) predictedCeiling: DaysAndRateDto;
  @ApiProperty({ description: 'The planner re-run on the changed week' }) confirmed: DaysAndRateDto;
  @ApiProperty({ description: 'The most the candidate changes can reach (up to the target)' }) reachableCeilingDays: number;
  @ApiProperty() reachesTarget: boolean;
  @ApiProperty() placesAdded: number;
  @ApiProperty({ type: [OfferChangeDto], description: 'Most active days per place first' }) changes: OfferChangeDto[];
}

export class WeekAnalysisDto {
  @ApiProperty() prisonId: string;
  @ApiProperty() prisonName: string;
  @ApiProperty({ example: '2026-W50' }) week: string;
  @ApiProperty({ type: [String] }) days: string[];
  @ApiProperty() target: number;
  @ApiProperty() prisonerDays: number;
  @ApiProperty({ description: '⌈target · prisonerDays⌉' }) targetDays: number;
  @ApiProperty({ description: 'The current bookings' }) current: DaysAndRateDto;
  @ApiProperty({ description: 'The planner’s plan with today’s offer' }) planner: DaysAndRateDto;
  @ApiProperty({ description: 'The planner’s proven upper bound: no plan reaches more' }) ceiling: CeilingDto;
  @ApiProperty() split: GapSplitDto;
  @ApiProperty() whatIf: WhatIfDto;
}

export class NationalOfferQueryDto {
  @ApiPropertyOptional({ description: 'Limit to one region' })
  @IsOptional()
  @IsUUID()
  regionId?: string;
}

export class PlacesByHalfDayDto {
  @ApiProperty({ enum: ['WORK', 'EDUCATION', 'PROGRAMME'] }) kind: string;
  @ApiProperty({ description: 'ISO weekday, 1 = Monday' }) weekday: number;
  @ApiProperty({ enum: ['AM', 'PM'] }) period: string;
  @ApiProperty() places: number;
}

export class PlacesByKindDto {
  @ApiProperty() WORK: number;
  @ApiProperty() EDUCATION: number;
  @ApiProperty() PROGRAMME: number;
}

export class PrisonOfferDto {
  @ApiProperty() prisonId: string;
  @ApiProperty() prisonName: string;
  @ApiProperty() regionId: string;
  @ApiProperty() regionName: string;
  @ApiProperty() prisonerDays: number;
  @ApiProperty() targetDays: number;
  @ApiProperty() ceilingDays: number;
  @ApiProperty() predictedCeilingDays: number;
  @ApiProperty() confirmedDays: number;
  @ApiProperty({ description: 'predictedCeilingDays − ceilingDays' }) daysGained: number;
  @ApiProperty() placesAdded: number;
  @ApiProperty() reachesTarget: boolean;
  @ApiProperty({ type: PlacesByKindDto }) placesByKind: PlacesByKindDto;
  @ApiProperty({ type: [PlacesByHalfDayDto] }) places: PlacesByHalfDayDto[];
}

export class RegionOfferDto {
  @ApiProperty() regionId: string;
  @ApiProperty() regionName: string;
  @ApiProperty() prisonsShort: number;
  @ApiProperty() daysGained: number;
  @ApiProperty() placesAdded: number;
  @ApiProperty({ type: PlacesByKindDto }) placesByKind: PlacesByKindDto;
}

export class NationalOfferDto {
  @ApiProperty() week: string;
  @ApiProperty() target: number;
  @ApiProperty({ type: [PrisonOfferDto], description: 'Prisons whose ceiling is below the target, most days gained first' })
  prisons: PrisonOfferDto[];
  @ApiProperty({ type: [RegionOfferDto] }) regions: RegionOfferDto[];
  @ApiProperty() placesAdded: number;
  @ApiProperty() daysGained: number;
  @ApiProperty({ type: PlacesByKindDto }) placesByKind: PlacesByKindDto;
}
