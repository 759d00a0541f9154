import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed sign-ins per username and address, per address and per username within a window (shared by all replicas). */
@Entity({ name: 'login_throttle' })
export class LoginThrottle {
  // "user-ip:<username>|<address>", "ip:<address>" or "user:<username>" (see LoginThrottleService)
  @PrimaryColumn({ type: 'varchar', length: 120 }) key: string;

  @Column({ type: 'int', default: 0 }) failures: number;

  @Column({ type: 'timestamptz' }) windowStartedAt: Date;

  @Column({ type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
}
