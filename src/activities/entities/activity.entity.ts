import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { SecurityLevel } from '../../organisation/organisation.enums';
import { Prison } from '../../organisation/entities/prison.entity';
import { Employer } from '../../staff/staff.enums';
import { ActivityKind } from '../activity.enums';
import { ActivitySlot } from './activity-slot.entity';

/** A workshop, school class or programme offered at a prison. */
@Entity({ name: 'activity' })
@Index('activity_prison_kind_idx', ['prisonId', 'kind'])
@Check('activity_capacity_positive', '"capacity" > 0')
@Check('activity_max_capacity_at_least_capacity', '"max_capacity" IS NULL OR "max_capacity" >= "capacity"')
@Check('activity_ages_ordered', '"min_age" IS NULL OR "max_age" IS NULL OR "min_age" <= "max_age"')
@Check(
  'activity_ages_plausible',
  '("min_age" IS NULL OR "min_age" BETWEEN 15 AND 100) AND ("max_age" IS NULL OR "max_age" BETWEEN 15 AND 120)',
)
@Check('activity_dates_ordered', '"end_date" IS NULL OR "end_date" >= "start_date"')
@Check('activity_security_levels_nonempty', 'cardinality("security_levels") > 0')
export class Activity {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'uuid' }) prisonId: string;

  @ManyToOne(() => Prison, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'prison_id', foreignKeyConstraintName: 'activity_prison_fk' })
  prison?: Prison;

  @Column({ type: 'enum', enum: ActivityKind, enumName: 'activity_kind' }) kind: ActivityKind;

  // Finer grouping within the kind: WOOD, METAL, KITCHEN, SCHOOL, SINNEMESTRING, …
  @Column({ type: 'varchar', length: 40 }) category: string;

  @Column({ type: 'varchar', length: 160 }) name: string;

  @Column({ type: 'text', default: '' }) description: string;

  @Column({ type: 'varchar', length: 160, default: '' }) location: string;

  @Column({ type: 'int' }) capacity: number;

  // Room or workshop size: sessions may grow up to it (the path-to-target what-if); NULL = capacity, no growth.
  @Column({ type: 'int', nullable: true }) maxCapacity: number | null;

  @Column({ type: 'enum', enum: Employer, enumName: 'employer' }) provider: Employer;

  @Column({ type: 'varchar', length: 160, nullable: true }) providerName: string | null;

  // Security levels of prisoners (their unit) allowed to take part.
  @Column({ type: 'enum', enum: SecurityLevel, enumName: 'security_level', array: true }) securityLevels: SecurityLevel[];

  @Column({ type: 'int', nullable: true }) minAge: number | null;

  @Column({ type: 'int', nullable: true }) maxAge: number | null;

  @Column({ type: 'boolean', default: false }) requiresReferral: boolean;

  @Column({ type: 'boolean', default: false }) runsOnPublicHolidays: boolean;

  @Column({ type: 'date' }) startDate: string;

  @Column({ type: 'date', nullable: true }) endDate: string | null;

  @OneToMany(() => ActivitySlot, (slot) => slot.activity)
  slots?: ActivitySlot[];

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
