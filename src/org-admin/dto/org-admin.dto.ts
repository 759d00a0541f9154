import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SecurityLevel } from '../../organisation/organisation.enums';
import { Employer, StaffRole } from '../../staff/staff.enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upperTrim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const CODE = /^[A-Z0-9-]{2,16}$/;
const CODE_MESSAGE = 'code must be 2–16 capital letters, digits or dashes';
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateRegionDto {
  @ApiProperty({ example: 'OST', description: '2–16 capital letters, digits or dashes' })
  @Transform(upperTrim)
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ example: 'Region øst' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(100) name: string;
}

export class UpdateRegionDto {
  @ApiPropertyOptional({ example: 'OST' })
  @IsOptional()
  @Transform(upperTrim)
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(100) name?: string;

  @ApiPropertyOptional({ description: 'false deactivates (kept for history); true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class DayRegimeInputDto {
  @ApiProperty({ example: '08:00' }) @Matches(HHMM, { message: 'amStart must be HH:MM' }) amStart: string;
  @ApiProperty({ example: '11:30' }) @Matches(HHMM, { message: 'amEnd must be HH:MM' }) amEnd: string;
  @ApiProperty({ example: '12:00' }) @Matches(HHMM, { message: 'pmStart must be HH:MM' }) pmStart: string;
  @ApiProperty({ example: '15:00' }) @Matches(HHMM, { message: 'pmEnd must be HH:MM' }) pmEnd: string;
}

export class CreatePrisonDto {
  @ApiProperty({ example: 'OSL' }) @Transform(upperTrim) @IsString() @Matches(CODE, { message: CODE_MESSAGE }) code: string;
  @ApiProperty({ example: 'Oslo fengsel' }) @Transform(trim) @IsString() @MinLength(2) @MaxLength(120) name: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() regionId: string;
  @ApiProperty({ enum: SecurityLevel, enumName: 'SecurityLevel' }) @IsEnum(SecurityLevel) securityLevel: SecurityLevel;
  @ApiProperty({ description: 'Number of places', minimum: 1, maximum: 10000 }) @IsInt() @Min(1) @Max(10000) capacity: number;

  @ApiPropertyOptional({ type: DayRegimeInputDto, description: 'Default 08:00–11:30 and 12:00–15:00' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DayRegimeInputDto)
  dayRegime?: DayRegimeInputDto;
}

export class UpdatePrisonDto {
  @ApiPropertyOptional() @IsOptional() @Transform(upperTrim) @IsString() @Matches(CODE, { message: CODE_MESSAGE }) code?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(2) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() regionId?: string;
  @ApiPropertyOptional({ enum: SecurityLevel, enumName: 'SecurityLevel' })
  @IsOptional()
  @IsEnum(SecurityLevel)
  securityLevel?: SecurityLevel;
  @ApiPropertyOptional({ minimum: 1, maximum: 10000 }) @IsOptional() @IsInt() @Min(1) @Max(10000) capacity?: number;

  @ApiPropertyOptional({ type: DayRegimeInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DayRegimeInputDto)
  dayRegime?: DayRegimeInputDto;

  @ApiPropertyOptional({ description: 'false deactivates (refused while prisoners are held there); true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateUnitDto {
  @ApiProperty({ example: 'Avdeling A' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(120) name: string;
  @ApiProperty({ enum: SecurityLevel, enumName: 'SecurityLevel' }) @IsEnum(SecurityLevel) securityLevel: SecurityLevel;
  @ApiProperty({ minimum: 1, maximum: 10000 }) @IsInt() @Min(1) @Max(10000) capacity: number;
}

export class UpdateUnitDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ enum: SecurityLevel, enumName: 'SecurityLevel' })
  @IsOptional()
  @IsEnum(SecurityLevel)
  securityLevel?: SecurityLevel;
  @ApiPropertyOptional({ minimum: 1, maximum: 10000 }) @IsOptional() @IsInt() @Min(1) @Max(10000) capacity?: number;

  @ApiPropertyOptional({ description: 'false deactivates (refused while prisoners are held there); true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateStaffMemberDto {
  @ApiProperty({ example: 'Kari' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) firstName: string;
  @ApiProperty({ example: 'Nordmann' }) @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) lastName: string;

  @ApiProperty({ enum: StaffRole, enumName: 'StaffRole', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(StaffRole, { each: true })
  roles: StaffRole[];

  @ApiProperty({
    enum: Employer,
    enumName: 'Employer',
    description: 'Correctional service, county authority (schools), municipality or other',
  })
  @IsEnum(Employer)
  employer: Employer;

  @ApiPropertyOptional({ example: 'Oslo fylkeskommune' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(160) employerName?: string;
  @ApiPropertyOptional({ example: 'kari.nordmann@example.no' }) @IsOptional() @IsEmail() @MaxLength(200) email?: string;

  @ApiProperty({ type: [String], description: 'Prisons they serve (active ones)' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  prisonIds: string[];
}

export class UpdateStaffMemberDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) firstName?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) lastName?: string;

  @ApiPropertyOptional({ enum: StaffRole, enumName: 'StaffRole', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsEnum(StaffRole, { each: true })
  roles?: StaffRole[];

  @ApiPropertyOptional({ enum: Employer, enumName: 'Employer' }) @IsOptional() @IsEnum(Employer) employer?: Employer;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @MaxLength(160) employerName?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the prisons they serve' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  prisonIds?: string[];

  @ApiPropertyOptional({ description: 'false deactivates (refused while their user account is active); true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class StaffMemberAdminDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ enum: StaffRole, enumName: 'StaffRole', isArray: true }) roles: StaffRole[];
  @ApiProperty({ enum: Employer, enumName: 'Employer' }) employer: Employer;
  @ApiProperty({ type: String, nullable: true }) employerName: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: [String] }) prisonIds: string[];
  @ApiProperty() active: boolean;
}
