import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SecurityLevel } from '../organisation.enums';
import { Region } from './region.entity';

@Entity({ name: 'prison' })
@Check('prison_capacity_positive', '"capacity" > 0')
@Check('prison_day_regime_ordered', '"am_start" < "am_end" AND "am_end" <= "pm_start" AND "pm_start" < "pm_end"')
@Check('prison_deactivated_when_inactive', '"active" = ("deactivated_at" IS NULL)')
export class Prison {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'varchar', length: 16, unique: true }) code: string;

  @Column({ type: 'varchar', length: 120, unique: true }) name: string;

  @Index('prison_region_id_idx')
  @Column({ type: 'uuid' })
  regionId: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'prison_region_fk' })
  region?: Region;

  @Column({ type: 'enum', enum: SecurityLevel, enumName: 'security_level' }) securityLevel: SecurityLevel;

  @Column({ type: 'int' }) capacity: number;

  @Column({ type: 'varchar', length: 64, default: 'Europe/Oslo' }) timeZone: string;

  // The day regime: morning and afternoon sessions (normal working time 08:00–15:00 with lunch).
  @Column({ type: 'time', default: '08:00:00' }) amStart: string;
  @Column({ type: 'time', default: '11:30:00' }) amEnd: string;
  @Column({ type: 'time', default: '12:00:00' }) pmStart: string;
  @Column({ type: 'time', default: '15:00:00' }) pmEnd: string;

  // Deactivated instead of deleted: history refers to it (migration OrganisationDeactivation).
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'timestamptz', nullable: true }) deactivatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
