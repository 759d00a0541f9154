import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, Validate } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/pagination.dto';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { SecurityLevel } from '../../organisation/organisation.enums';
import { CustodyEndReason, EducationLevel, EducationRight, LegalStatus } from '../prisoner.enums';

export class CustodySummaryDto {
  @ApiProperty({ format: 'uuid' }) custodyPeriodId: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty() prisonName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ enum: SecurityLevel, enumName: 'SecurityLevel' }) unitSecurityLevel: SecurityLevel;
  @ApiProperty({ format: 'date' }) fromDate: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) toDate: string | null;
}

export class PrisonerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'OSL-2026-00042' }) prisonerNumber: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
  @ApiProperty({ enum: LegalStatus, enumName: 'LegalStatus' }) legalStatus: LegalStatus;
  @ApiProperty({ example: 'NO', description: 'ISO 3166-1 alpha-2' }) nationality: string;
  @ApiProperty({ enum: EducationLevel, enumName: 'EducationLevel' }) educationLevel: EducationLevel;
  @ApiProperty({ enum: EducationRight, enumName: 'EducationRight' }) educationRight: EducationRight;
  @ApiPropertyOptional({ type: CustodySummaryDto, nullable: true, description: 'Where the prisoner is held on the requested date' })
  custody: CustodySummaryDto | null;
}

export class PrisonerPageDto extends PageMetaDto {
  @ApiProperty({ type: [PrisonerDto] }) items: PrisonerDto[];
}

export class CustodyPeriodDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty() prisonName: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty() unitName: string;
  @ApiProperty({ format: 'date', description: 'Arrival (first day held)' }) fromDate: string;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'Release or transfer day (not held here that day)' })
  toDate: string | null;
  @ApiProperty({ enum: CustodyEndReason, enumName: 'CustodyEndReason', nullable: true }) endReason: CustodyEndReason | null;
}

export class PrisonerListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  prisonId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: LegalStatus, enumName: 'LegalStatus' })
  @IsOptional()
  @IsEnum(LegalStatus)
  legalStatus?: LegalStatus;

  @ApiPropertyOptional({ description: 'Part of a name or prisoner number, case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  search?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Held on this date (default: today in Oslo)' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  onDate?: string;
}

/** The same filters when the prison is in the path. */
export class PrisonPrisonerListQueryDto extends OmitType(PrisonerListQueryDto, ['prisonId'] as const) {}
