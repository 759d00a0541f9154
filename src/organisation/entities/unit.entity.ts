import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SecurityLevel } from '../organisation.enums';
import { Prison } from './prison.entity';

// A wing or department of a prison with its own security level.
@Entity({ name: 'unit' })
@Unique('unit_prison_name_key', ['prisonId', 'name'])
@Unique('unit_id_prison_key', ['id', 'prisonId'])
@Check('unit_capacity_positive', '"capacity" > 0')
@Check('unit_deactivated_when_inactive', '"active" = ("deactivated_at" IS NULL)')
export class Unit {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) prisonId: string;

  @ManyToOne(() => Prison, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'prison_id', foreignKeyConstraintName: 'unit_prison_fk' })
  prison?: Prison;

  @Column({ type: 'varchar', length: 120 }) name: string;

  @Column({ type: 'enum', enum: SecurityLevel, enumName: 'security_level' }) securityLevel: SecurityLevel;

  @Column({ type: 'int' }) capacity: number;

  // Deactivated instead of deleted: history refers to it (migration OrganisationDeactivation).
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'timestamptz', nullable: true }) deactivatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
