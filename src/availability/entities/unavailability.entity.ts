import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DayPeriod } from '../../activities/activity.enums';
import { Prisoner } from '../../prisoners/entities/prisoner.entity';
import { UnavailabilityKind } from '../availability.enums';

/**
 * A time the prisoner cannot attend: a court date, a visit, a health appointment… Covers every day
 * from `fromDate` to `toDate` (inclusive), either the whole day, one half-day (`period`), or a time
 * range (`startTime`–`endTime`).
 */
@Entity({ name: 'unavailability' })
@Index('unavailability_prisoner_dates_idx', ['prisonerId', 'fromDate', 'toDate'])
@Check('unavailability_dates_ordered', '"to_date" >= "from_date"')
@Check('unavailability_time_range', '("start_time" IS NULL) = ("end_time" IS NULL) AND ("start_time" IS NULL OR "start_time" < "end_time")')
@Check('unavailability_period_or_times', '"period" IS NULL OR "start_time" IS NULL')
@Check('unavailability_other_explained', `"kind" <> 'OTHER' OR length(trim("note")) > 0`)
export class Unavailability {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) prisonerId: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_id', foreignKeyConstraintName: 'unavailability_prisoner_fk' })
  prisoner?: Prisoner;

  @Column({ type: 'enum', enum: UnavailabilityKind, enumName: 'unavailability_kind' }) kind: UnavailabilityKind;

  @Column({ type: 'date' }) fromDate: string;

  @Column({ type: 'date' }) toDate: string;

  @Column({ type: 'enum', enum: DayPeriod, enumName: 'day_period', nullable: true }) period: DayPeriod | null;

  @Column({ type: 'time', nullable: true }) startTime: string | null;

  @Column({ type: 'time', nullable: true }) endTime: string | null;

  @Column({ type: 'text', default: '' }) note: string;

  @Column({ type: 'uuid', nullable: true }) createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
