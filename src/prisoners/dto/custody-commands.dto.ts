import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsEnum,
  IsObject,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LIFE_YEARS } from '../../common/http/date-window';
import { toPrisonerNumber } from '../../common/prisoner-number';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { EducationLevel, EducationRight, LegalStatus } from '../prisoner.enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class AdmissionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() prisonId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() unitId: string;
  @ApiProperty({ format: 'date', description: 'Arrival day (the first day held)' }) @Validate(IsIsoDateConstraint) fromDate: string;
}

export class CreatePrisonerDto {
  @ApiProperty({
    example: 'OSL-2026-00042',
    description: 'Unique; letters, digits and dashes. Stored in upper case: osl-2026-00042 is the same number',
  })
  @Transform(toPrisonerNumber)
  @IsString()
  @Matches(/^[A-Za-z0-9-]{3,20}$/, { message: 'prisonerNumber must be 3–20 letters, digits or dashes' })
  prisonerNumber: string;

  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(100) firstName: string;
  @ApiProperty() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(100) lastName: string;
  @ApiProperty({ format: 'date' }) @Validate(IsIsoDateConstraint, [LIFE_YEARS]) dateOfBirth: string;
  @ApiProperty({ enum: LegalStatus, enumName: 'LegalStatus' }) @IsEnum(LegalStatus) legalStatus: LegalStatus;

  @ApiProperty({ example: 'NO', description: 'ISO 3166-1 alpha-2 country code' })
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'nationality must be a two-letter country code such as NO' })
  nationality: string;

  @ApiPropertyOptional({ enum: EducationLevel, enumName: 'EducationLevel', default: EducationLevel.UNKNOWN })
  @IsOptional()
  @IsEnum(EducationLevel)
  educationLevel?: EducationLevel;

  @ApiPropertyOptional({ enum: EducationRight, enumName: 'EducationRight', default: EducationRight.NONE })
  @IsOptional()
  @IsEnum(EducationRight)
  educationRight?: EducationRight;

  @ApiProperty({ type: AdmissionDto, description: 'Where and from when the prisoner is held' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AdmissionDto)
  admission: AdmissionDto;
}

export enum MoveKind {
  TRANSFER = 'TRANSFER',
  RELEASE = 'RELEASE',
}

export class MovePrisonerDto {
  @ApiProperty({ enum: MoveKind, enumName: 'MoveKind' }) @IsEnum(MoveKind) kind: MoveKind;

  @ApiProperty({ format: 'date', description: 'Release or transfer day: the prisoner is no longer held at the old prison that day' })
  @Validate(IsIsoDateConstraint)
  date: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Receiving prison (transfers only)' })
  @ValidateIf((o: MovePrisonerDto) => o.kind === MoveKind.TRANSFER)
  @IsUUID()
  toPrisonId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Receiving unit (transfers only)' })
  @ValidateIf((o: MovePrisonerDto) => o.kind === MoveKind.TRANSFER)
  @IsUUID()
  toUnitId?: string;
}
