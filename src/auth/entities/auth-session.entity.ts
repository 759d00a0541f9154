import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AppUser } from './app-user.entity';

/**
 * A signed-in session. The refresh token is stored only as a SHA-256 hash and rotated on each
 * refresh; access tokens carry the session id, so revoking the session stops them at once.
 */
@Entity({ name: 'auth_session' })
export class AuthSession {
  @PrimaryGeneratedColumn('uuid') id: string;

  @Index('auth_session_user_id_idx')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'auth_session_user_fk' })
  user?: AppUser;

  @Column({ type: 'char', length: 64, unique: true }) refreshTokenHash: string;

  @Column({ type: 'timestamptz' }) expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true }) ip: string | null;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' }) lastUsedAt: Date;
}
