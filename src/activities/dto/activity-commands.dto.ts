import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { SecurityLevel } from '../../organisation/organisation.enums';
import { SessionChangesDto } from '../../sessions/dto/session.dto';
import { Employer } from '../../staff/staff.enums';
import { ActivityKind, DayPeriod } from '../activity.enums';
import { ActivityDetailDto } from './activity.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
// Optional in a PATCH: absent means "unchanged", but an explicit null is validated (and refused).
const present = (_o: unknown, v: unknown) => v !== undefined;

export class SlotInputDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: 'ISO weekday, 1 = Monday … 5 = Friday' }) @IsInt() @Min(1) @Max(5) weekday: number;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) @IsEnum(DayPeriod) period: DayPeriod;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '08:30',
    description: "Overrides the prison's day regime; give both times or neither",
  })
  @IsOptional()
  @Matches(HH_MM, { message: 'startTime must be HH:MM' })
  startTime?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '11:00' })
  @IsOptional()
  @Matches(HH_MM, { message: 'endTime must be HH:MM' })
  endTime?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'Must serve the prison' })
  @IsOptional()
  @IsUUID()
  staffMemberId?: string | null;
}

export class ReplaceSlotsDto {
  @ApiProperty({ type: [SlotInputDto], description: 'The whole weekly timetable; one slot per weekday and half-day' })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SlotInputDto)
  slots: SlotInputDto[];
}

/** Fields that are optional both when creating and when changing an activity. */
export class ActivityOptionalFieldsDto {
  @ApiPropertyOptional() @ValidateIf(present) @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional() @ValidateIf(present) @Transform(trim) @IsString() @MaxLength(160) location?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Transform(trim) @IsString() @MaxLength(160) providerName?:
    string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 15, maximum: 100 }) @IsOptional() @IsInt() @Min(15) @Max(100) minAge?:
    number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 15, maximum: 120 }) @IsOptional() @IsInt() @Min(15) @Max(120) maxAge?:
    number | null;
  @ApiPropertyOptional() @ValidateIf(present) @IsBoolean() requiresReferral?: boolean;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 500,
    description: 'Room or workshop size: sessions may grow up to it (path to target what-if); null = capacity, no growth',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  maxCapacity?: number | null;
  @ApiPropertyOptional({ description: 'Sessions also on Norwegian public holidays' })
  @ValidateIf(present)
  @IsBoolean()
  runsOnPublicHolidays?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last day (inclusive); set it to end the activity, null to run on',
  })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  endDate?: string | null;
}

export class CreateActivityDto extends ActivityOptionalFieldsDto {
  @ApiProperty({ enum: ActivityKind, enumName: 'ActivityKind' }) @IsEnum(ActivityKind) kind: ActivityKind;
  @ApiProperty({ example: 'WOOD', description: 'Finer grouping within the kind' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  category: string;
  @ApiProperty({ example: 'Snekkerverksted' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(160) name: string;
  @ApiProperty({ minimum: 1, maximum: 500, description: 'Places per session' }) @IsInt() @Min(1) @Max(500) capacity: number;
  @ApiProperty({ enum: Employer, enumName: 'Employer' }) @IsEnum(Employer) provider: Employer;

  @ApiProperty({ enum: SecurityLevel, enumName: 'SecurityLevel', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(SecurityLevel, { each: true })
  securityLevels: SecurityLevel[];

  @ApiPropertyOptional({ format: 'date', description: 'Default: today' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  startDate?: string;

  @ApiProperty({ type: [SlotInputDto], description: 'The weekly timetable' })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SlotInputDto)
  slots: SlotInputDto[];
}

/** Absent fields stay as they are. Kind and prison cannot change; slots change with PUT /activities/{id}/slots. */
export class UpdateActivityDto extends ActivityOptionalFieldsDto {
  @ApiPropertyOptional({ example: 'WOOD' })
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  category?: string;
  @ApiPropertyOptional({ example: 'Snekkerverksted' })
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(160)
  name?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 500,
    description: 'Places per session; not below what is already booked on a future session',
  })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  @Max(500)
  capacity?: number;

  @ApiPropertyOptional({ enum: Employer, enumName: 'Employer' }) @ValidateIf(present) @IsEnum(Employer) provider?: Employer;

  @ApiPropertyOptional({ enum: SecurityLevel, enumName: 'SecurityLevel', isArray: true })
  @ValidateIf(present)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(SecurityLevel, { each: true })
  securityLevels?: SecurityLevel[];

  @ApiPropertyOptional({ format: 'date' }) @ValidateIf(present) @Validate(IsIsoDateConstraint) startDate?: string;
}

export class ActivityChangeDto extends ActivityDetailDto {
  @ApiProperty({ type: SessionChangesDto, description: "What happened to the activity's sessions from today to the horizon end" })
  sessions: SessionChangesDto;
}
