import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The prisoner-days of one unit on one day, counted: a rollup of prisoner_day kept in step by
 * PrisonerDaysService, so that national and multi-year rates sum thousands of rows, not millions.
 * The reason columns add up to prisoner_days − realised_active_days.
 */
@Entity({ name: 'prison_day_rate' })
@Index('prison_day_rate_date_idx', ['date'])
@Check(
  'prison_day_rate_adds_up',
  '"prisoner_days" - "realised_active_days" = "no_offer" + "session_cancelled" + "absent" + "not_recorded" + "excluded"',
)
export class PrisonDayRate {
  @PrimaryColumn({ type: 'uuid' }) prisonId: string;

  @PrimaryColumn({ type: 'date' }) date: string;

  @PrimaryColumn({ type: 'uuid' }) unitId: string;

  @Column({ type: 'int' }) prisonerDays: number;

  @Column({ type: 'int' }) plannedActiveDays: number;

  @Column({ type: 'int' }) realisedActiveDays: number;

  @Column({ type: 'int' }) noOffer: number;

  @Column({ type: 'int' }) sessionCancelled: number;

  @Column({ type: 'int' }) absent: number;

  @Column({ type: 'int' }) notRecorded: number;

  @Column({ type: 'int' }) excluded: number;
}
