import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Prison } from '../../organisation/entities/prison.entity';
import { Unit } from '../../organisation/entities/unit.entity';
import { CustodyEndReason } from '../prisoner.enums';
import { Prisoner } from './prisoner.entity';

/**
 * A stay at one prison. Held from `fromDate` (arrival) up to but not including `toDate`
 * (release or transfer day, which counts at the receiving prison). A prisoner is at one
 * prison at a time: overlapping periods are rejected by the exclusion constraint.
 */
@Entity({ name: 'custody_period' })
@Exclusion('custody_period_no_overlap', `USING gist ("prisoner_id" WITH =, daterange("from_date", "to_date", '[)') WITH &&)`)
@Check('custody_period_dates_ordered', '"to_date" IS NULL OR "to_date" > "from_date"')
@Check('custody_period_end_reason_with_end', '("to_date" IS NULL) = ("end_reason" IS NULL)')
@Index('custody_period_prison_dates_idx', ['prisonId', 'fromDate', 'toDate'])
export class CustodyPeriod {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('custody_period_prisoner_id_idx')
  @Column({ type: 'uuid' })
  prisonerId: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_id', foreignKeyConstraintName: 'custody_period_prisoner_fk' })
  prisoner?: Prisoner;

  @Column({ type: 'uuid' }) prisonId: string;

  @ManyToOne(() => Prison, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'prison_id', foreignKeyConstraintName: 'custody_period_prison_fk' })
  prison?: Prison;

  // The unit must belong to the same prison (composite foreign key on unit (id, prison_id)).
  @Column({ type: 'uuid' }) unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn([
    { name: 'unit_id', referencedColumnName: 'id' },
    { name: 'prison_id', referencedColumnName: 'prisonId' },
  ])
  unit?: Unit;

  @Column({ type: 'date' }) fromDate: string;

  @Column({ type: 'date', nullable: true }) toDate: string | null;

  @Column({ type: 'enum', enum: CustodyEndReason, enumName: 'custody_end_reason', nullable: true })
  endReason: CustodyEndReason | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
