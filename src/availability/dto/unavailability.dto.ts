import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, Validate } from 'class-validator';
import { DayPeriod } from '../../activities/activity.enums';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { UnavailabilityKind } from '../availability.enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateUnavailabilityDto {
  @ApiProperty({ enum: UnavailabilityKind, enumName: 'UnavailabilityKind' })
  @IsEnum(UnavailabilityKind)
  kind: UnavailabilityKind;

  @ApiProperty({ format: 'date', description: 'First day unavailable' })
  @Validate(IsIsoDateConstraint)
  fromDate: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day unavailable, inclusive (default: fromDate)' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  toDate?: string;

  @ApiPropertyOptional({
    enum: DayPeriod,
    enumName: 'DayPeriod',
    description: 'Only this half-day of each day. Whole days when neither period nor times are given',
  })
  @IsOptional()
  @IsEnum(DayPeriod)
  period?: DayPeriod;

  @ApiPropertyOptional({ example: '09:30', description: 'Start of a time range (HH:MM, Oslo); with endTime, not with period' })
  @IsOptional()
  @Matches(HH_MM, { message: 'startTime must be a time as HH:MM' })
  startTime?: string;

  @ApiPropertyOptional({ example: '11:00', description: 'End of the time range (HH:MM, Oslo), after startTime' })
  @IsOptional()
  @Matches(HH_MM, { message: 'endTime must be a time as HH:MM' })
  endTime?: string;

  @ApiPropertyOptional({ description: 'Free text; required for kind OTHER', maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class UnavailabilityQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Entries that end on or after this date' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Entries that start on or before this date' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  to?: string;
}

export class UnavailabilityDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty({ enum: UnavailabilityKind, enumName: 'UnavailabilityKind' }) kind: UnavailabilityKind;
  @ApiProperty({ format: 'date' }) fromDate: string;
  @ApiProperty({ format: 'date', description: 'Inclusive' }) toDate: string;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod', nullable: true, description: 'null with no times: whole days' })
  period: DayPeriod | null;
  @ApiProperty({ type: String, nullable: true, example: '09:30' }) startTime: string | null;
  @ApiProperty({ type: String, nullable: true, example: '11:00' }) endTime: string | null;
  @ApiProperty() note: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdByUserId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
