import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEnum,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidateNested,
} from 'class-validator';
import { LIFE_YEARS } from '../../common/http/date-window';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { toPrisonerNumber } from '../../common/prisoner-number';
import { EducationLevel, EducationRight, LegalStatus } from '../../prisoners/prisoner.enums';

export enum CustodyEventType {
  RECEIVED = 'RECEIVED',
  TRANSFERRED = 'TRANSFERRED',
  RELEASED = 'RELEASED',
  DETAILS_CHANGED = 'DETAILS_CHANGED',
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CustodyEventDetailsDto {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(100) firstName?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(100) lastName?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsOptional() @Validate(IsIsoDateConstraint, [LIFE_YEARS]) dateOfBirth?: string;
  @ApiPropertyOptional({ enum: LegalStatus, enumName: 'LegalStatus' }) @IsOptional() @IsEnum(LegalStatus) legalStatus?: LegalStatus;
  @ApiPropertyOptional({ example: 'NO' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]{2}$/, { message: 'nationality must be a two-letter country code such as NO' })
  nationality?: string;
  @ApiPropertyOptional({ enum: EducationLevel, enumName: 'EducationLevel' })
  @IsOptional()
  @IsEnum(EducationLevel)
  educationLevel?: EducationLevel;
  @ApiPropertyOptional({ enum: EducationRight, enumName: 'EducationRight' })
  @IsOptional()
  @IsEnum(EducationRight)
  educationRight?: EducationRight;
}

export class CustodyEventDto {
  @ApiProperty({
    example: 'kompis-2026-000123',
    description: "The sender's unique id of the event: a repeat with the same id changes nothing",
  })
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'eventId must be 1–100 letters, digits or . _ : -' })
  eventId: string;

  @ApiProperty({ enum: CustodyEventType, enumName: 'CustodyEventType' }) @IsEnum(CustodyEventType) type: CustodyEventType;

  @ApiProperty({
    example: '2026-11-20T09:30:00+01:00',
    description: 'When it happened (ISO 8601 with offset); its Oslo date is the custody date',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'occurredAt must carry a time zone offset' })
  occurredAt: string;

  @ApiProperty({ example: 'OSL-2026-00042', description: 'Read in upper case: osl-2026-00042 is the same prisoner' })
  @Transform(toPrisonerNumber)
  @IsString()
  @Matches(/^[A-Za-z0-9-]{3,20}$/, { message: 'prisonerNumber must be 3–20 letters, digits or dashes' })
  prisonerNumber: string;

  @ApiPropertyOptional({ example: 'OSL', description: 'RECEIVED and TRANSFERRED: the (receiving) prison by its code' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  prisonCode?: string;

  @ApiPropertyOptional({ example: 'Avdeling A', description: 'RECEIVED and TRANSFERRED: the unit by its name (or id)' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  unit?: string;

  @ApiPropertyOptional({
    type: CustodyEventDetailsDto,
    description:
      'RECEIVED of a new prisoner: all of firstName, lastName, dateOfBirth, legalStatus, nationality; DETAILS_CHANGED: the fields that changed',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustodyEventDetailsDto)
  details?: CustodyEventDetailsDto;
}

export class CustodyEventAnswerDto {
  @ApiProperty() eventId: string;
  @ApiProperty({ enum: ['APPLIED', 'REJECTED'] }) status: 'APPLIED' | 'REJECTED';
  @ApiPropertyOptional({ example: 'OUT_OF_ORDER', description: 'Why it was rejected, as a code (docs/import.md lists them)' })
  code?: string;
  @ApiPropertyOptional({ description: 'Parameters of the code, e.g. the stored date it conflicts with' }) params?: Record<string, string>;
  @ApiPropertyOptional({ format: 'uuid' }) prisonerId?: string;
  @ApiPropertyOptional({ description: 'true: the custody already was as the event says; nothing changed' }) alreadyRecorded?: boolean;
}
