import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate } from 'class-validator';
import { ActivityKind, DayPeriod } from '../../activities/activity.enums';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { CancellationReason } from '../../sessions/session.enums';

export class MySessionsQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'First day (inclusive); default Monday of this week' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (inclusive); default Sunday of this week. At most 62 days from `from`.' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  to?: string;
}

export class MySessionCancellationDto {
  @ApiProperty({ enum: CancellationReason, enumName: 'CancellationReason' }) reason: CancellationReason;
  @ApiProperty({ type: String, nullable: true, description: 'Written by prison staff: always null for teachers' }) note: string | null;
}

/** A session the caller runs. No personal data: only how many are booked. */
export class MySessionDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) period: DayPeriod;
  @ApiProperty({ example: '08:00' }) startTime: string;
  @ApiProperty({ example: '11:30' }) endTime: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty({ example: 'Norsk for voksne' }) activityName: string;
  @ApiProperty({ enum: ActivityKind, enumName: 'ActivityKind' }) kind: ActivityKind;
  @ApiProperty({ example: 'Skolebygget, rom 2' }) location: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ example: 'Oslo fengsel' }) prisonName: string;
  @ApiProperty({ description: 'Places' }) capacity: number;
  @ApiProperty({ description: 'Prisoners booked' }) booked: number;
  @ApiProperty({ type: MySessionCancellationDto, nullable: true, description: 'Null unless cancelled' })
  cancelled: MySessionCancellationDto | null;
}
