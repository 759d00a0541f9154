import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, Validate } from 'class-validator';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { PageMetaDto, PageQueryDto } from '../../common/http/pagination.dto';
import { AuditEvent, AuditOutcome } from '../entities/audit-event.entity';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() prisonId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() prisonerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional({ example: 'prisoner.list' }) @IsOptional() @IsString() @Matches(/^[A-Za-z0-9._ /:-]{1,80}$/) action?: string;
  @ApiPropertyOptional({ format: 'date', description: 'From this Oslo date (inclusive)' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'To this Oslo date (inclusive)' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  to?: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, nullable: true }) userId: string | null;
  @ApiProperty({ type: String, nullable: true }) username: string | null;
  @ApiProperty({ type: String, nullable: true }) role: string | null;
  @ApiProperty() action: string;
  @ApiProperty() method: string;
  @ApiProperty() path: string;
  @ApiProperty({ type: String, nullable: true }) prisonId: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectType: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectId: string | null;
  @ApiProperty({ type: String, nullable: true }) prisonerId: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ enum: AuditOutcome, enumName: 'AuditOutcome' }) outcome: AuditOutcome;
  @ApiProperty() statusCode: number;

  static from(a: AuditEvent): AuditEventDto {
    return { ...a, occurredAt: a.occurredAt.toISOString() };
  }
}

export class AuditPageDto extends PageMetaDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
}
