import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AbsenceReason, AttendanceOutcome } from '../attendance.enums';
import { Attendance } from './attendance.entity';

/** Append-only history of edits to an attendance record: who changed it, when, old → new. */
@Entity({ name: 'attendance_change' })
@Index('attendance_change_attendance_idx', ['attendanceId', 'changedAt'])
export class AttendanceChange {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) attendanceId: string;

  @ManyToOne(() => Attendance, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'attendance_id', foreignKeyConstraintName: 'attendance_change_attendance_fk' })
  attendance?: Attendance;

  @Column({ type: 'uuid' }) sessionId: string;

  @Column({ type: 'uuid' }) prisonerId: string;

  @Column({ type: 'uuid', nullable: true }) changedByUserId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' }) changedAt: Date;

  @Column({ type: 'enum', enum: AttendanceOutcome, enumName: 'attendance_outcome' }) oldOutcome: AttendanceOutcome;

  @Column({ type: 'enum', enum: AbsenceReason, enumName: 'absence_reason', nullable: true })
  oldAbsenceReason: AbsenceReason | null;

  @Column({ type: 'text', nullable: true }) oldAbsenceNote: string | null;

  @Column({ type: 'enum', enum: AttendanceOutcome, enumName: 'attendance_outcome' }) newOutcome: AttendanceOutcome;

  @Column({ type: 'enum', enum: AbsenceReason, enumName: 'absence_reason', nullable: true })
  newAbsenceReason: AbsenceReason | null;

  @Column({ type: 'text', nullable: true }) newAbsenceNote: string | null;

  // Required (by the service) when a manager changes a record older than the edit window.
  @Column({ type: 'text', nullable: true }) reason: string | null;
}
