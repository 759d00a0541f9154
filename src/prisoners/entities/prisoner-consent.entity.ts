import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Prisoner } from './prisoner.entity';

export enum ConsentPurpose {
  // Strategy goal 3: share qualifications and work skills with the employment service (NAV).
  NAV_QUALIFICATIONS = 'NAV_QUALIFICATIONS',
}

/** Consent given or withdrawn, as a history: the newest entry per purpose is in force. */
@Entity({ name: 'prisoner_consent' })
@Index('prisoner_consent_prisoner_purpose_idx', ['prisonerId', 'purpose', 'recordedAt'])
export class PrisonerConsent {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) prisonerId: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_id', foreignKeyConstraintName: 'prisoner_consent_prisoner_fk' })
  prisoner?: Prisoner;

  @Column({ type: 'enum', enum: ConsentPurpose, enumName: 'consent_purpose' }) purpose: ConsentPurpose;

  @Column({ type: 'boolean' }) given: boolean;

  // The date the prisoner gave or withdrew consent.
  @Column({ type: 'date' }) effectiveDate: string;

  @Column({ type: 'uuid' }) recordedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
}
