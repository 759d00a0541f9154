import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DayPeriod } from '../../activities/activity.enums';
import { ActivitySlot } from '../../activities/entities/activity-slot.entity';
import { Activity } from '../../activities/entities/activity.entity';
import { Prison } from '../../organisation/entities/prison.entity';
import { StaffMember } from '../../staff/entities/staff-member.entity';
import { CancellationReason } from '../session.enums';

/**
 * A dated occurrence of an activity slot: one activity, one day, morning or afternoon.
 * `booked` counts the prisoners on its roster and can never exceed `capacity` (check constraint),
 * so concurrent allocations into the last place cannot both succeed.
 */
@Entity({ name: 'session' })
@Unique('session_activity_date_period_key', ['activityId', 'date', 'period'])
@Index('session_prison_date_idx', ['prisonId', 'date'])
@Index('session_staff_date_idx', ['staffMemberId', 'date'])
@Check('session_capacity_positive', '"capacity" > 0')
@Check('session_booked_within_capacity', '"booked" >= 0 AND "booked" <= "capacity"')
@Check('session_times_ordered', '"start_time" < "end_time"')
@Check('session_cancellation_complete', '("cancelled_at" IS NULL) = ("cancellation_reason" IS NULL)')
@Check('session_other_reason_explained', `"cancellation_reason" IS DISTINCT FROM 'OTHER' OR length(trim("cancellation_note")) > 0`)
export class ActivitySession {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) activityId: string;

  @ManyToOne(() => Activity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'session_activity_fk' })
  activity?: Activity;

  // The slot it was generated from; null once that slot is removed (past sessions stay).
  @Column({ type: 'uuid', nullable: true }) slotId: string | null;

  @ManyToOne(() => ActivitySlot, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'slot_id', foreignKeyConstraintName: 'session_slot_fk' })
  slot?: ActivitySlot | null;

  // Copied from the activity so that prison-scoped queries need no join.
  @Column({ type: 'uuid' }) prisonId: string;

  @ManyToOne(() => Prison, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'prison_id', foreignKeyConstraintName: 'session_prison_fk' })
  prison?: Prison;

  @Column({ type: 'date' }) date: string;

  @Column({ type: 'enum', enum: DayPeriod, enumName: 'day_period' }) period: DayPeriod;

  @Column({ type: 'time' }) startTime: string;

  @Column({ type: 'time' }) endTime: string;

  @Column({ type: 'uuid', nullable: true }) staffMemberId: string | null;

  @ManyToOne(() => StaffMember, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'staff_member_id', foreignKeyConstraintName: 'session_staff_member_fk' })
  staffMember?: StaffMember | null;

  @Column({ type: 'int' }) capacity: number;

  @Column({ type: 'int', default: 0 }) booked: number;

  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;

  @Column({ type: 'enum', enum: CancellationReason, enumName: 'cancellation_reason', nullable: true })
  cancellationReason: CancellationReason | null;

  @Column({ type: 'text', nullable: true }) cancellationNote: string | null;

  @Column({ type: 'uuid', nullable: true }) cancelledByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
