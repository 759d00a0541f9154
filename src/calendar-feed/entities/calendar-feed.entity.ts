import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { StaffMember } from '../../staff/entities/staff-member.entity';

/**
 * A staff member's private calendar subscription (ICS). Calendar apps cannot send a bearer token,
 * so the feed URL carries a secret; only its SHA-256 is stored, and issuing a new one revokes the old.
 */
@Entity({ name: 'calendar_feed' })
export class CalendarFeed {
  @PrimaryColumn({ type: 'uuid' }) staffMemberId: string;

  @OneToOne(() => StaffMember, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'staff_member_id', foreignKeyConstraintName: 'calendar_feed_staff_member_fk' })
  staffMember?: StaffMember;

  @Column({ type: 'char', length: 64, unique: true }) tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
