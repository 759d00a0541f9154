import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Activity } from '../../activities/entities/activity.entity';
import { Prison } from '../../organisation/entities/prison.entity';
import { Prisoner } from '../../prisoners/entities/prisoner.entity';
import { AllocationPatternKind, DeallocationReason } from '../allocation.enums';
import type { WeekdayPeriod } from '../domain/allocation-pattern';

/** A weekday (1 = Monday … 5 = Friday) and half-day of a CHOSEN allocation. */
export type ChosenSlot = WeekdayPeriod;

/**
 * A prisoner's place in an activity from a start date to an optional end date (the last day,
 * inclusive), for all its slots, mornings or afternoons only, or chosen days. The sessions it
 * covers are materialised as bookings (the rosters).
 */
@Entity({ name: 'allocation' })
@Index('allocation_prisoner_idx', ['prisonerId', 'startDate'])
@Index('allocation_activity_idx', ['activityId', 'startDate'])
@Index('allocation_prison_idx', ['prisonId', 'startDate'])
// One allocation per prisoner and activity at a time; a change of slots is an end and a new start.
@Exclusion(
  'allocation_no_overlap',
  `USING gist ("prisoner_id" WITH =, "activity_id" WITH =, daterange("start_date", "end_date", '[]') WITH &&)`,
)
@Check('allocation_dates_ordered', '"end_date" IS NULL OR "end_date" >= "start_date"')
@Check('allocation_chosen_slots', `("pattern" = 'CHOSEN') = ("chosen_slots" IS NOT NULL AND jsonb_array_length("chosen_slots") > 0)`)
@Check('allocation_end_reason_with_end', '"ended_reason" IS NULL OR "end_date" IS NOT NULL')
@Check('allocation_override_explained', '"override_reason" IS NULL OR length(trim("override_reason")) > 0')
export class Allocation {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) prisonerId: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_id', foreignKeyConstraintName: 'allocation_prisoner_fk' })
  prisoner?: Prisoner;

  @Column({ type: 'uuid' }) activityId: string;

  @ManyToOne(() => Activity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'allocation_activity_fk' })
  activity?: Activity;

  @Column({ type: 'uuid' }) prisonId: string;

  @ManyToOne(() => Prison, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'prison_id', foreignKeyConstraintName: 'allocation_prison_fk' })
  prison?: Prison;

  @Column({ type: 'date' }) startDate: string;

  // The last day allocated (inclusive); null = until further notice.
  @Column({ type: 'date', nullable: true }) endDate: string | null;

  @Column({ type: 'enum', enum: AllocationPatternKind, enumName: 'allocation_pattern' }) pattern: AllocationPatternKind;

  @Column({ type: 'jsonb', nullable: true }) chosenSlots: ChosenSlot[] | null;

  @Column({ type: 'enum', enum: DeallocationReason, enumName: 'deallocation_reason', nullable: true })
  endedReason: DeallocationReason | null;

  @Column({ type: 'text', nullable: true }) endedNote: string | null;

  // Kept by the automatic planner (a manual lock made by an officer).
  @Column({ type: 'boolean', default: false }) locked: boolean;

  // A manager's written reason for allocating despite a non-association.
  @Column({ type: 'text', nullable: true }) overrideReason: string | null;

  @Column({ type: 'uuid', nullable: true }) createdByUserId: string | null;

  @Column({ type: 'uuid', nullable: true }) endedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
