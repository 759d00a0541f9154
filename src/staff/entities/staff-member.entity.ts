import { Check, Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Prison } from '../../organisation/entities/prison.entity';
import { Employer, StaffRole } from '../staff.enums';

@Entity({ name: 'staff_member' })
@Check('staff_member_has_role', 'cardinality("roles") > 0')
@Check('staff_member_deactivated_when_inactive', '"active" = ("deactivated_at" IS NULL)')
export class StaffMember {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'varchar', length: 100 }) firstName: string;

  @Column({ type: 'varchar', length: 100 }) lastName: string;

  @Column({ type: 'enum', enum: StaffRole, enumName: 'staff_role', array: true }) roles: StaffRole[];

  @Column({ type: 'enum', enum: Employer, enumName: 'employer' }) employer: Employer;

  // e.g. "Oslo fylkeskommune" for an imported county teacher.
  @Column({ type: 'varchar', length: 160, nullable: true }) employerName: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true }) email: string | null;

  @ManyToMany(() => Prison)
  @JoinTable({
    name: 'staff_member_prison',
    joinColumn: { name: 'staff_member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'staff_member_prison_staff_fk' },
    inverseJoinColumn: { name: 'prison_id', referencedColumnName: 'id', foreignKeyConstraintName: 'staff_member_prison_prison_fk' },
  })
  prisons?: Prison[];

  // Deactivated instead of deleted: history refers to it (migration OrganisationDeactivation).
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'timestamptz', nullable: true }) deactivatedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
