import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { DayPeriod } from '../../activities/activity.enums';
import { UnavailabilityKind } from '../../availability/availability.enums';
import { EducationLevel, EducationRight, LegalStatus } from '../../prisoners/prisoner.enums';
import { CancellationReason } from '../../sessions/session.enums';
import { AbsenceReason, AttendanceOutcome, RosterStatus } from '../attendance.enums';
import { TEACHER_RECORD_STATUSES, TeacherAttendanceStatus } from '../domain/teacher-vocabulary';
import type { TeacherRecordStatus } from '../domain/teacher-vocabulary';

// A batch covers one session's roster; the largest prisons hold ~400 prisoners.
export const MAX_ATTENDANCE_BATCH = 1000;

export class AttendanceRecordInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  prisonerId: string;

  @ApiPropertyOptional({
    enum: AttendanceOutcome,
    enumName: 'AttendanceOutcome',
    description: 'Staff: the outcome with its detail. Send outcome or status. A teacher may send only a plain ATTENDED.',
  })
  @IsOptional()
  @IsEnum(AttendanceOutcome)
  outcome?: AttendanceOutcome;

  @ApiPropertyOptional({
    enum: [...TEACHER_RECORD_STATUSES],
    enumName: 'TeacherRecordStatus',
    description:
      "The teacher's vocabulary (anyone may use it; no reason, note or comment with it). Keeps a more specific record staff made: ABSENT_EXCUSED over a COURT absence stays COURT.",
  })
  @IsOptional()
  @IsIn(TEACHER_RECORD_STATUSES)
  status?: TeacherRecordStatus;

  @ApiPropertyOptional({
    enum: AbsenceReason,
    enumName: 'AbsenceReason',
    nullable: true,
    description: 'Required when ABSENT; not allowed when ATTENDED',
  })
  @IsOptional()
  @IsEnum(AbsenceReason)
  absenceReason?: AbsenceReason | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 1000, description: 'Required (non-blank) when the reason is OTHER' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  absenceNote?: string | null;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    description:
      "The record's `version` as read from the roster (null: it was not recorded then). When sent, a row whose record was written by " +
      'someone else since (another version) and that would change it refuses the whole batch with 409, nothing written. Leave it out to overwrite.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}

export class RecordAttendanceDto {
  @ApiProperty({
    type: [AttendanceRecordInputDto],
    maxItems: MAX_ATTENDANCE_BATCH,
    description: 'Any subset of the roster; prisoners left out keep what they have',
  })
  @IsArray()
  @ArrayMaxSize(MAX_ATTENDANCE_BATCH)
  @ValidateNested({ each: true })
  @Type(() => AttendanceRecordInputDto)
  records: AttendanceRecordInputDto[];

  @ApiPropertyOptional({ maxLength: 1000, description: 'Why records outside the edit window are changed (managers; required then)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  changeReason?: string;
}

/** A roster line for officers, managers and administrators. */
export class AttendanceEntryDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ enum: LegalStatus, enumName: 'LegalStatus' }) legalStatus: LegalStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ description: 'false: no longer booked, but a record was kept' }) booked: boolean;
  @ApiProperty({ enum: RosterStatus, enumName: 'RosterStatus' }) status: RosterStatus;
  @ApiProperty({ enum: AbsenceReason, enumName: 'AbsenceReason', nullable: true }) absenceReason: AbsenceReason | null;
  @ApiProperty({ nullable: true, type: String }) absenceNote: string | null;
  @ApiProperty() comment: string;
  @ApiProperty({
    enum: AbsenceReason,
    enumName: 'AbsenceReason',
    nullable: true,
    description: 'Pre-filled from a known unavailability overlapping the session',
  })
  suggestedReason: AbsenceReason | null;
  @ApiProperty({ enum: UnavailabilityKind, enumName: 'UnavailabilityKind', nullable: true }) unavailabilityKind: UnavailabilityKind | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who wrote the current values' }) recordedByUserId:
    string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) recordedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updatedAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Increments on every change' }) version: number | null;
}

/**
 * A roster line for the teacher of the class: teacher-safe fields, and attendance in the teacher's
 * vocabulary only. No absence reason, note or comment: those are prison staff's.
 */
export class TeacherAttendanceEntryDto {
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty() prisonerNumber: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ nullable: true, type: String }) unitName: string | null;
  @ApiProperty({ enum: EducationRight, enumName: 'EducationRight' }) educationRight: EducationRight;
  @ApiProperty({ enum: EducationLevel, enumName: 'EducationLevel' }) educationLevel: EducationLevel;
  @ApiProperty({ enum: TeacherAttendanceStatus, enumName: 'TeacherAttendanceStatus' }) status: TeacherAttendanceStatus;
  @ApiProperty({
    enum: [TeacherAttendanceStatus.ABSENT_EXCUSED],
    nullable: true,
    description: 'The prisoner is expected elsewhere in this half-day',
  })
  suggestedStatus: TeacherAttendanceStatus.ABSENT_EXCUSED | null;
}

export class RosterCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() attended: number;
  @ApiProperty() absent: number;
  @ApiProperty() notRecorded: number;
}

export class AttendanceSessionDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ format: 'uuid' }) activityId: string;
  @ApiProperty() activityName: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ enum: DayPeriod, enumName: 'DayPeriod' }) period: DayPeriod;
  @ApiProperty({ example: '08:00' }) startTime: string;
  @ApiProperty({ example: '11:30' }) endTime: string;
  @ApiProperty() cancelled: boolean;
  @ApiProperty({ enum: CancellationReason, enumName: 'CancellationReason', nullable: true }) cancellationReason: CancellationReason | null;
  @ApiProperty({ nullable: true, type: String, description: 'Written by prison staff: always null for teachers' }) cancellationNote:
    string | null;
  @ApiProperty({ description: 'false when the session is cancelled (nothing to record) or in the future' }) attendanceRequired: boolean;
  @ApiProperty({ description: 'Changes need a manager and a changeReason (older than the edit window)' }) outsideEditWindow: boolean;
  @ApiProperty({ type: RosterCountsDto }) counts: RosterCountsDto;
}

export class AttendanceRosterDto extends AttendanceSessionDto {
  @ApiProperty({ type: [AttendanceEntryDto] }) entries: AttendanceEntryDto[];
}

export class TeacherAttendanceRosterDto extends AttendanceSessionDto {
  @ApiProperty({ type: [TeacherAttendanceEntryDto] }) entries: TeacherAttendanceEntryDto[];
}

export class AttendanceSaveResultDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) prisonId: string;
  @ApiProperty({ description: 'New records' }) created: number;
  @ApiProperty({ description: 'Records changed (each with a history row)' }) changed: number;
  @ApiProperty({ description: 'Rows sent that matched what was stored' }) unchanged: number;
  @ApiProperty({ type: RosterCountsDto, description: 'The roster after the save' }) counts: RosterCountsDto;
}

export class AttendanceRowErrorDto {
  @ApiProperty({ description: 'Index of the row in records' }) index: number;
  @ApiProperty({ format: 'uuid' }) prisonerId: string;
  @ApiProperty({ type: [String] }) messages: string[];
}
