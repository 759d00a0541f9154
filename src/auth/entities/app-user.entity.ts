import { Check, Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { StaffMember } from '../../staff/entities/staff-member.entity';
import { Role } from '../roles';

/** A person who can sign in. Prisons they may see come from their linked staff member. */
@Entity({ name: 'app_user' })
@Check('app_user_username_format', `"username" ~ '^[a-z0-9._-]{3,60}$'`)
@Check('app_user_has_role', 'cardinality("roles") > 0')
export class AppUser {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Column({ type: 'varchar', length: 60, unique: true }) username: string;

  @Column({ type: 'text' }) passwordHash: string;

  @Column({ type: 'uuid', nullable: true, unique: true }) staffMemberId: string | null;

  @OneToOne(() => StaffMember, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'staff_member_id', foreignKeyConstraintName: 'app_user_staff_member_fk' })
  staffMember?: StaffMember | null;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role', array: true }) roles: Role[];

  @Column({ type: 'boolean', default: true }) active: boolean;

  @Column({ type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
