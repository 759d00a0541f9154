import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ReferralSource, ReferralStatus } from '../referral.enums';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  prisonerId: string;

  @ApiProperty({ enum: ReferralSource, enumName: 'ReferralSource', description: 'Who asked for the place' })
  @IsEnum(ReferralSource)
  requestedBy: ReferralSource;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ReferralDecisionDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why (optional)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class DeclineReferralDto {
  @ApiProperty({ maxLength: 1000, description: 'Why the referral is declined (required)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  note: string;
}

export class ReferralListQueryDto {
  @ApiPropertyOptional({
    enum: ReferralStatus,
    enumName: 'ReferralStatus',
    description: 'Default: the open ones (PENDING and APPROVED), i.e. the waiting list',
  })
  @IsOptional()
  @IsEnum(ReferralStatus)
  status?: ReferralStatus;
}

export class ReferralDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty() activityName: string;
  @ApiProperty({ format: 'uuid', description: "The activity's prison" }) prisonId: string;
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ type: String, nullable: true, description: 'Unit holding the prisoner today' }) unitName: string | null;
  @ApiProperty({ enum: ReferralSource, enumName: 'ReferralSource' }) requestedBy: ReferralSource;
  @ApiProperty({ enum: ReferralStatus, enumName: 'ReferralStatus' }) status: ReferralStatus;
  @ApiProperty() note: string;
  @ApiProperty({ type: String, nullable: true }) decisionNote: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedByUserId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was last approved, declined or withdrawn' })
  decidedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Days (Oslo dates) from the referral to today while open, or to the day it was closed' }) daysWaiting: number;
}
