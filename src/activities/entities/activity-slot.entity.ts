import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from 'typeorm';
import { StaffMember } from '../../staff/entities/staff-member.entity';
import { DayPeriod } from '../activity.enums';
import { Activity } from './activity.entity';

/** A weekly slot of an activity: a weekday morning or afternoon. A full-day workshop has two. */
@Entity({ name: 'activity_slot' })
@Unique('activity_slot_activity_day_period_key', ['activityId', 'weekday', 'period'])
@Check('activity_slot_weekday_mon_fri', '"weekday" BETWEEN 1 AND 5')
@Check(
  'activity_slot_custom_times',
  '("start_time" IS NULL) = ("end_time" IS NULL) AND ("start_time" IS NULL OR "start_time" < "end_time")',
)
export class ActivitySlot {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) activityId: string;

  @ManyToOne(() => Activity, (a) => a.slots, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'activity_slot_activity_fk' })
  // Relation<> keeps the metadata from reading Activity while the two entity files load each other.
  activity?: Relation<Activity>;

  // ISO weekday, 1 = Monday … 5 = Friday.
  @Column({ type: 'smallint' }) weekday: number;

  @Column({ type: 'enum', enum: DayPeriod, enumName: 'day_period' }) period: DayPeriod;

  // Optional times overriding the prison's day regime for this slot.
  @Column({ type: 'time', nullable: true }) startTime: string | null;

  @Column({ type: 'time', nullable: true }) endTime: string | null;

  @Index('activity_slot_staff_member_id_idx')
  @Column({ type: 'uuid', nullable: true })
  staffMemberId: string | null;

  @ManyToOne(() => StaffMember, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'staff_member_id', foreignKeyConstraintName: 'activity_slot_staff_member_fk' })
  staffMember?: StaffMember | null;
}
