import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ActivityKind } from '../../activities/activity.enums';
import { AbsenceReason } from '../../attendance/attendance.enums';
import { Prison } from '../../organisation/entities/prison.entity';
import { Unit } from '../../organisation/entities/unit.entity';
import { Prisoner } from '../../prisoners/entities/prisoner.entity';
import { CancellationReason } from '../../sessions/session.enums';
import { InactiveReasonCode } from '../domain/prisoner-day';

/**
 * The activity measure's fact: one row per prisoner per counted day held (DOMAIN.md), computed in SQL
 * by PrisonerDaysService from custody, bookings, sessions, attendance and exclusions. Never edited by hand.
 */
@Entity({ name: 'prisoner_day' })
@Index('prisoner_day_prison_date_idx', ['prisonId', 'date'])
// National and regional reads by date (groupBy=kind).
@Index('prisoner_day_date_idx', ['date'])
@Check('prisoner_day_one_status', '("reason" IS NULL) = "realised_active"')
@Check('prisoner_day_realised_is_planned', 'NOT "realised_active" OR "planned_active"')
@Check('prisoner_day_cancellation_detail', `("cancellation_reason" IS NOT NULL) = ("reason" IS NOT DISTINCT FROM 'SESSION_CANCELLED')`)
@Check('prisoner_day_absence_detail', `("absence_reason" IS NOT NULL) = ("reason" IS NOT DISTINCT FROM 'ABSENT')`)
export class PrisonerDay {
  @PrimaryColumn({ type: 'uuid' }) prisonerId: string;

  @PrimaryColumn({ type: 'date' }) date: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_id', foreignKeyConstraintName: 'prisoner_day_prisoner_fk' })
  prisoner?: Prisoner;

  // The prison holding the prisoner that day (on a transfer day: the receiving prison).
  @Column({ type: 'uuid' }) prisonId: string;

  @ManyToOne(() => Prison, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'prison_id', foreignKeyConstraintName: 'prisoner_day_prison_fk' })
  prison?: Prison;

  @Column({ type: 'uuid' }) unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'prisoner_day_unit_fk' })
  unit?: Unit;

  // A non-cancelled session was scheduled (booked) that day.
  @Column({ type: 'boolean' }) plannedActive: boolean;

  // A non-cancelled session was attended that day.
  @Column({ type: 'boolean' }) realisedActive: boolean;

  // Null exactly when realised active; otherwise the one reason the day was lost.
  @Column({ type: 'enum', enum: InactiveReasonCode, enumName: 'prisoner_day_reason', nullable: true })
  reason: InactiveReasonCode | null;

  @Column({ type: 'enum', enum: CancellationReason, enumName: 'cancellation_reason', nullable: true })
  cancellationReason: CancellationReason | null;

  @Column({ type: 'enum', enum: AbsenceReason, enumName: 'absence_reason', nullable: true })
  absenceReason: AbsenceReason | null;

  // The day's activity kind: the first attended session's, else the first scheduled one's; null with no offer.
  @Column({ type: 'enum', enum: ActivityKind, enumName: 'activity_kind', nullable: true })
  activityKind: ActivityKind | null;

  @Column({ type: 'timestamptz', default: () => 'now()' }) computedAt: Date;
}
