import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, toPage } from '../common/http/pagination.dto';
import { AuditEventDto, AuditQueryDto } from './dto/audit.dto';
import { AuditEvent, AuditOutcome } from './entities/audit-event.entity';

export interface AuditRecord {
  userId: string | null;
  username: string | null;
  roles: string[];
  action: string;
  method: string;
  path: string;
  prisonId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  prisonerId?: string | null;
  requestId?: string | null;
  outcome: AuditOutcome;
  statusCode: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNull = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? v : null);

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(private readonly dataSource: DataSource) {}

  async record(r: AuditRecord): Promise<void> {
    try {
      await this.dataSource.getRepository(AuditEvent).insert({
        userId: r.userId,
        username: r.username,
        role: r.roles.join(',').slice(0, 120) || null,
        action: r.action.slice(0, 80),
        method: r.method.slice(0, 10),
        path: r.path.slice(0, 300),
        prisonId: uuidOrNull(r.prisonId),
        subjectType: r.subjectType ?? null,
        subjectId: r.subjectId ? String(r.subjectId).slice(0, 64) : null,
        prisonerId: uuidOrNull(r.prisonerId),
        requestId: r.requestId ? String(r.requestId).slice(0, 64) : null,
        outcome: r.outcome,
        statusCode: r.statusCode,
      });
    } catch (err) {
      // Never lose the trail silently: an audit failure is an error in the logs.
      this.logger.error(`Could not write audit event ${r.action}: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
  }

  async search(q: AuditQueryDto, prisonScope: string[] | undefined): Promise<Page<AuditEventDto>> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('a');
    if (prisonScope) qb.andWhere('a.prison_id = ANY(:scope)', { scope: prisonScope });
    if (q.prisonId) qb.andWhere('a.prison_id = :prisonId', { prisonId: q.prisonId });
    if (q.prisonerId) qb.andWhere('a.prisoner_id = :prisonerId', { prisonerId: q.prisonerId });
    if (q.userId) qb.andWhere('a.user_id = :userId', { userId: q.userId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    // Dates are Oslo calendar days, both included.
    if (q.from) qb.andWhere(`a.occurred_at >= (:from::date)::timestamp AT TIME ZONE 'Europe/Oslo'`, { from: q.from });
    if (q.to) qb.andWhere(`a.occurred_at < ((:to::date + 1)::timestamp AT TIME ZONE 'Europe/Oslo')`, { to: q.to });
    const [rows, total] = await qb.orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').skip(q.offset).take(q.pageSize).getManyAndCount();
    return toPage(rows.map(AuditEventDto.from), total, q);
  }
}
