import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Activity } from '../../activities/entities/activity.entity';
import { Prisoner } from '../../prisoners/entities/prisoner.entity';
import { ReferralSource, ReferralStatus } from '../referral.enums';

/** A request for a place in an activity (the waiting list). Programmes that require one accept only approved referrals. */
@Entity({ name: 'referral' })
@Index('referral_activity_status_idx', ['activityId', 'status'])
@Index('referral_prisoner_idx', ['prisonerId'])
// At most one open (pending or approved) referral per prisoner and activity.
@Index('referral_one_open_per_activity', ['prisonerId', 'activityId'], { unique: true, where: `"status" IN ('PENDING', 'APPROVED')` })
export class Referral {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) prisonerId: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_id', foreignKeyConstraintName: 'referral_prisoner_fk' })
  prisoner?: Prisoner;

  @Column({ type: 'uuid' }) activityId: string;

  @ManyToOne(() => Activity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'referral_activity_fk' })
  activity?: Activity;

  @Column({ type: 'enum', enum: ReferralSource, enumName: 'referral_source' }) requestedBy: ReferralSource;

  @Column({ type: 'enum', enum: ReferralStatus, enumName: 'referral_status', default: ReferralStatus.PENDING }) status: ReferralStatus;

  @Column({ type: 'text', default: '' }) note: string;

  @Column({ type: 'text', nullable: true }) decisionNote: string | null;

  @Column({ type: 'uuid', nullable: true }) decidedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true }) createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
