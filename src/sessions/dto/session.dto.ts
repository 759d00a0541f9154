import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, Validate } from 'class-validator';
import { ActivityKind, DayPeriod } from '../../activities/activity.enums';
import { teacherCancellation } from '../../attendance/domain/teacher-vocabulary';
import { IsIsoDateConstraint } from '../../common/http/iso-date.validator';
import { CancellationReason } from '../session.enums';
import type { SessionView } from '../sessions.repository';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SessionStaffDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Kari Nordmann' }) name: string;
}

export class SessionCancellationDto {
  @ApiProperty({ enum: CancellationReason, enumName: 'CancellationReason' }) reason: CancellationReason;
  @ApiProperty({ type: String, nullable: true, description: 'Written by prison staff: always null for teachers' }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;
}

/** A dated session of an activity. No personal data: teachers get the same shape. */
export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty({ example: 'Snekkerverksted' }) activityName: string;
  @ApiProperty({ enum: ActivityKind, enumName: 'ActivityKind' }) kind: ActivityKind;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) period: DayPeriod;
  @ApiProperty({ example: '08:00' }) startTime: string;
  @ApiProperty({ example: '11:30' }) endTime: string;
  @ApiProperty({ type: SessionStaffDto, nullable: true }) staffMember: SessionStaffDto | null;
  @ApiProperty({ description: 'Places' }) capacity: number;
  @ApiProperty({ description: 'Prisoners on the roster' }) booked: number;
  @ApiProperty({ description: 'capacity − booked' }) free: number;
  @ApiProperty({ type: SessionCancellationDto, nullable: true, description: 'Null unless cancelled' })
  cancelled: SessionCancellationDto | null;

  /** `teacherOnly`: a teacher sees the cancellation's reason, never the note staff wrote. */
  static from(s: SessionView, teacherOnly = false): SessionDto {
    const cancelled =
      s.cancellationReason && s.cancelledAt
        ? { reason: s.cancellationReason, note: s.cancellationNote, at: new Date(s.cancelledAt).toISOString() }
        : null;
    return {
      id: s.id,
      prisonId: s.prisonId,
      activityId: s.activityId,
      activityName: s.activityName,
      kind: s.kind,
      date: s.date,
      period: s.period,
      startTime: s.startTime,
      endTime: s.endTime,
      staffMember: s.staffMemberId ? { id: s.staffMemberId, name: `${s.staffFirstName ?? ''} ${s.staffLastName ?? ''}`.trim() } : null,
      capacity: s.capacity,
      booked: s.booked,
      free: s.capacity - s.booked,
      cancelled: teacherOnly ? teacherCancellation(cancelled) : cancelled,
    };
  }
}

export class SessionListQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'First day (inclusive); default Monday of this week' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day (inclusive); default Sunday of this week. At most 62 days after `from`.' })
  @IsOptional()
  @Validate(IsIsoDateConstraint)
  to?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  activityId?: string;
}

export class CancelSessionDto {
  @ApiProperty({ enum: CancellationReason, enumName: 'CancellationReason' })
  @IsEnum(CancellationReason)
  reason: CancellationReason;

  @ApiPropertyOptional({ description: 'Required (non-blank) when the reason is OTHER', maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** What regenerating an activity's sessions did (from today to the horizon end). */
export class SessionChangesDto {
  @ApiProperty({ description: 'Sessions created' }) created: number;
  @ApiProperty({ description: 'Future sessions deleted (with their bookings)' }) removed: number;
  @ApiProperty({ description: 'Future sessions whose times, staff or capacity changed' }) updated: number;
  @ApiProperty({ description: 'Bookings made for allocations on the new sessions' }) bookingsCreated: number;
  @ApiProperty({ description: 'Sessions no longer wanted but kept because attendance is recorded' }) keptWithAttendance: number;
}
