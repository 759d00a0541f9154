import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DayPeriod } from '../../activities/activity.enums';
import { Prisoner } from '../../prisoners/entities/prisoner.entity';
import { ActivitySession } from '../../sessions/entities/activity-session.entity';
import { Allocation } from './allocation.entity';

/**
 * A prisoner on a session's roster, made from an allocation. The date and period are copied from
 * the session so that the database itself refuses two sessions for one prisoner in one half-day.
 */
@Entity({ name: 'booking' })
@Unique('booking_session_prisoner_key', ['sessionId', 'prisonerId'])
@Unique('booking_prisoner_half_day_key', ['prisonerId', 'date', 'period'])
@Index('booking_allocation_idx', ['allocationId'])
export class Booking {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) sessionId: string;

  @ManyToOne(() => ActivitySession, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'booking_session_fk' })
  session?: ActivitySession;

  @Column({ type: 'uuid' }) prisonerId: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_id', foreignKeyConstraintName: 'booking_prisoner_fk' })
  prisoner?: Prisoner;

  @Column({ type: 'uuid' }) allocationId: string;

  @ManyToOne(() => Allocation, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'booking_allocation_fk' })
  allocation?: Allocation;

  @Column({ type: 'date' }) date: string;

  @Column({ type: 'enum', enum: DayPeriod, enumName: 'day_period' }) period: DayPeriod;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
