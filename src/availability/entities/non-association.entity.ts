import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Prisoner } from '../../prisoners/entities/prisoner.entity';

/** Two prisoners who must not be in the same session, from a date to an optional end date (inclusive). */
@Entity({ name: 'non_association' })
@Index('non_association_a_idx', ['prisonerAId'])
@Index('non_association_b_idx', ['prisonerBId'])
// The pair is stored once, in id order.
@Check('non_association_ordered_pair', '"prisoner_a_id" < "prisoner_b_id"')
@Check('non_association_dates_ordered', '"to_date" IS NULL OR "to_date" >= "from_date"')
@Check('non_association_reason_given', 'length(trim("reason")) > 0')
export class NonAssociation {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) prisonerAId: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_a_id', foreignKeyConstraintName: 'non_association_prisoner_a_fk' })
  prisonerA?: Prisoner;

  @Column({ type: 'uuid' }) prisonerBId: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_b_id', foreignKeyConstraintName: 'non_association_prisoner_b_fk' })
  prisonerB?: Prisoner;

  @Column({ type: 'text' }) reason: string;

  @Column({ type: 'date' }) fromDate: string;

  @Column({ type: 'date', nullable: true }) toDate: string | null;

  @Column({ type: 'uuid', nullable: true }) createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
