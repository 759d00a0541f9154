import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DayPeriod } from '../../activities/activity.enums';
import { Prisoner } from '../../prisoners/entities/prisoner.entity';
import { ActivitySession } from '../../sessions/entities/activity-session.entity';
import { AbsenceReason, AttendanceOutcome } from '../attendance.enums';

/**
 * What happened to one booked prisoner in one session. No row means "not recorded" — never read
 * as attended or absent. Date, period and prison are copied from the session for the rate queries.
 */
@Entity({ name: 'attendance' })
@Unique('attendance_session_prisoner_key', ['sessionId', 'prisonerId'])
@Index('attendance_prison_date_idx', ['prisonId', 'date'])
@Index('attendance_prisoner_date_idx', ['prisonerId', 'date'])
@Check('attendance_absence_has_reason', `("outcome" = 'ABSENT') = ("absence_reason" IS NOT NULL)`)
@Check('attendance_other_explained', `"absence_reason" IS DISTINCT FROM 'OTHER' OR length(trim("absence_note")) > 0`)
export class Attendance {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) sessionId: string;

  @ManyToOne(() => ActivitySession, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'attendance_session_fk' })
  session?: ActivitySession;

  @Column({ type: 'uuid' }) prisonerId: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_id', foreignKeyConstraintName: 'attendance_prisoner_fk' })
  prisoner?: Prisoner;

  @Column({ type: 'uuid' }) prisonId: string;

  @Column({ type: 'date' }) date: string;

  @Column({ type: 'enum', enum: DayPeriod, enumName: 'day_period' }) period: DayPeriod;

  @Column({ type: 'enum', enum: AttendanceOutcome, enumName: 'attendance_outcome' }) outcome: AttendanceOutcome;

  @Column({ type: 'enum', enum: AbsenceReason, enumName: 'absence_reason', nullable: true })
  absenceReason: AbsenceReason | null;

  @Column({ type: 'text', nullable: true }) absenceNote: string | null;

  @Column({ type: 'text', default: '' }) comment: string;

  @Column({ type: 'uuid', nullable: true }) recordedByUserId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;

  @Column({ type: 'int', default: 1 }) version: number;
}
