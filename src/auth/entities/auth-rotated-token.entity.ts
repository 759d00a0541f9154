import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AuthSession } from './auth-session.entity';

/**
 * A refresh token that rotation has replaced (its SHA-256 only). Presenting one again means the token
 * was copied: the session it belongs to is revoked at once (reuse detection, RFC 6819 5.2.2.3).
 */
@Entity({ name: 'auth_rotated_token' })
export class AuthRotatedToken {
  @PrimaryColumn({ type: 'char', length: 64, primaryKeyConstraintName: 'auth_rotated_token_pk' }) tokenHash: string;

  @Index('auth_rotated_token_session_id_idx')
  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => AuthSession, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'auth_rotated_token_session_fk' })
  session?: AuthSession;

  @Column({ type: 'timestamptz', default: () => 'now()' }) rotatedAt: Date;
}
