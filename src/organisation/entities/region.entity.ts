import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

// One of the five regions of the Norwegian Correctional Service.
@Entity({ name: 'region' })
@Check('region_deactivated_when_inactive', '"active" = ("deactivated_at" IS NULL)')
export class Region {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'varchar', length: 16, unique: true }) code: string;

  @Column({ type: 'varchar', length: 100, unique: true }) name: string;

  // Deactivated instead of deleted: history refers to it (migration OrganisationDeactivation).
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'timestamptz', nullable: true }) deactivatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
