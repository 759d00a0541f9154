import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Validate } from 'class-validator';
import { LIFE_YEARS } from '../../common/http/date-window';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RecordConsentDto {
  @ApiProperty({ description: 'true: consent given; false: withdrawn' }) @IsBoolean() given: boolean;
  @ApiProperty({ format: 'date', description: 'The day the prisoner gave or withdrew consent' })
  @Validate(IsIsoDateConstraint)
  effectiveDate: string;
}

export class ConsentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'NAV_QUALIFICATIONS' }) purpose: string;
  @ApiProperty() given: boolean;
  @ApiProperty({ format: 'date' }) effectiveDate: string;
  @ApiProperty({ format: 'uuid' }) recordedByUserId: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class ConsentStatusDto {
  @ApiProperty({ description: 'Whether consent to share with NAV is in force today' }) inForce: boolean;
  @ApiProperty({ type: [ConsentDto], description: 'Every change, newest first' }) history: ConsentDto[];
}

export class RecordCertificateDto {
  @ApiProperty({ example: 'Fagbrev i tømrerfaget' }) @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiPropertyOptional({ example: 'Vestland fylkeskommune' }) @IsOptional() @Transform(trim) @IsString() @MaxLength(200) issuer?: string;
  @ApiProperty({ format: 'date' }) @Validate(IsIsoDateConstraint, [LIFE_YEARS]) issuedOn: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The workshop, class or programme it was earned in' })
  @IsOptional()
  @IsUUID()
  activityId?: string;
}

export class CertificateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) issuer: string | null;
  @ApiProperty({ format: 'date' }) issuedOn: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) activityId: string | null;
  @ApiProperty({ type: String, nullable: true }) activityName: string | null;
}

export class ActivityParticipationDto {
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty({ example: 'Snekkerverksted' }) name: string;
  @ApiProperty({ example: 'WORK', description: 'WORK, EDUCATION or PROGRAMME' }) kind: string;
  @ApiProperty({ example: 'WOOD' }) category: string;
  @ApiProperty({ example: 'Hustad fengsel' }) prisonName: string;
  @ApiProperty({ format: 'date', description: 'First session attended' }) firstAttended: string;
  @ApiProperty({ format: 'date', description: 'Last session attended' }) lastAttended: string;
  @ApiProperty({ description: 'Sessions attended' }) sessionsAttended: number;
  @ApiProperty({ example: 52.5, description: 'Hours attended (session lengths)' }) hours: number;
  @ApiProperty({ description: 'An allocation to it ended as completed' }) completed: boolean;
}

export class QualificationsSummaryDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ format: 'date' }) dateOfBirth: string;
  @ApiProperty({ example: 'UPPER_SECONDARY' }) educationLevel: string;
  @ApiProperty({ type: [ActivityParticipationDto], description: 'Activities taken part in (from recorded attendance), most recent first' })
  activities: ActivityParticipationDto[];
  @ApiProperty({ example: 210.5, description: 'Hours attended in all activities' }) totalHours: number;
  @ApiProperty({ description: 'Activities completed (an allocation ended as completed)' }) activitiesCompleted: number;
  @ApiProperty({ type: [CertificateDto] }) certificates: CertificateDto[];
  @ApiProperty({ format: 'date', description: 'The consent this export relies on' }) consentGivenOn: string;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
}
