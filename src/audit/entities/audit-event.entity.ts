import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum AuditOutcome {
  SUCCESS = 'SUCCESS',
  DENIED = 'DENIED',
  FAILED = 'FAILED',
}

/**
 * Who did or saw what, when. Append-only: no API changes or deletes rows, and a trigger in the
 * database refuses UPDATE and DELETE. No foreign keys, so the trail outlives what it speaks of.
 */
@Entity({ name: 'audit_event' })
@Index('audit_event_time_idx', ['occurredAt'])
@Index('audit_event_prison_time_idx', ['prisonId', 'occurredAt'])
@Index('audit_event_prisoner_time_idx', ['prisonerId', 'occurredAt'])
@Index('audit_event_user_time_idx', ['userId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid') id: string;

  @CreateDateColumn({ type: 'timestamptz' }) occurredAt: Date;

  @Column({ type: 'uuid', nullable: true }) userId: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true }) username: string | null;

  // The roles the user acted with, comma-separated.
  @Column({ type: 'varchar', length: 120, nullable: true }) role: string | null;

  // e.g. "prisoner.list", "custody.move", "auth.login".
  @Column({ type: 'varchar', length: 80 }) action: string;

  @Column({ type: 'varchar', length: 10 }) method: string;

  @Column({ type: 'varchar', length: 300 }) path: string;

  @Column({ type: 'uuid', nullable: true }) prisonId: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true }) subjectType: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true }) subjectId: string | null;

  @Column({ type: 'uuid', nullable: true }) prisonerId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true }) requestId: string | null;

  @Column({ type: 'enum', enum: AuditOutcome, enumName: 'audit_outcome' }) outcome: AuditOutcome;

  @Column({ type: 'int' }) statusCode: number;
}
