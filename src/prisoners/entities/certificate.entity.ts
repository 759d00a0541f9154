import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Activity } from '../../activities/entities/activity.entity';
import { Prisoner } from './prisoner.entity';

/** A qualification earned in prison: a trade certificate, a course, a school subject passed. */
@Entity({ name: 'certificate' })
export class Certificate {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('certificate_prisoner_id_idx')
  @Column({ type: 'uuid' })
  prisonerId: string;

  @ManyToOne(() => Prisoner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'prisoner_id', foreignKeyConstraintName: 'certificate_prisoner_fk' })
  prisoner?: Prisoner;

  @Column({ type: 'varchar', length: 200 }) title: string;

  @Column({ type: 'varchar', length: 200, nullable: true }) issuer: string | null;

  @Column({ type: 'date' }) issuedOn: string;

  @Column({ type: 'uuid', nullable: true }) activityId: string | null;

  @ManyToOne(() => Activity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'certificate_activity_fk' })
  activity?: Activity | null;

  @Column({ type: 'uuid' }) recordedByUserId: string;

  @CreateDateColumn({ type: 'timestamptz' }) recordedAt: Date;
}
