import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { JOB_LOCK } from '../database/advisory-lock';
import { AuditRepository } from './audit.repository';

const BATCH = 5000;

/**
 * Keeps the audit trail within its retention period (AUDIT_RETENTION_DAYS; docs/operations.md): every
 * night, events older than that are deleted in batches of 5,000 (short statements, so requests and the
 * trail's own writes are never held up long). 0 keeps every event.
 */
@Injectable()
export class AuditRetentionJob {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly config: AppConfig,
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  @Cron('45 2 * * *', { name: 'audit-retention', timeZone: 'Europe/Oslo' })
  async nightly(): Promise<void> {
    await this.run();
  }

  /** Deletes the events older than the retention period; how many. */
  async run(): Promise<number> {
    const days = this.config.AUDIT_RETENTION_DAYS;
    if (days === 0) return 0;
    const before = this.clock.now().minus({ days }).toJSDate();
    let deleted = 0;
    for (;;) {
      const n = await this.repo.deleteOlderThan(before, BATCH, JOB_LOCK.AUDIT_RETENTION);
      deleted += n;
      if (n < BATCH) break;
    }
    if (deleted > 0) this.logger.log(`Deleted ${deleted} audit events older than ${days} days`);
    return deleted;
  }
}
