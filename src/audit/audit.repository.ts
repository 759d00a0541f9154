import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IsoDate } from '../calendar/domain/oslo-time';
import { AuditSubject } from './audit-subject';
import { AuditQueryDto } from './dto/audit.dto';
import { AuditEvent, AuditOutcome } from './entities/audit-event.entity';

/** One audit_event row as written (already cut to the column sizes), and how to find its prison. */
export interface AuditRow {
  userId: string | null;
  username: string | null;
  role: string | null;
  action: string;
  method: string;
  path: string;
  /** A prison already known to be the data's; used when the resource below resolves to none. */
  prisonId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  prisonerId: string | null;
  requestId: string | null;
  outcome: AuditOutcome;
  statusCode: number;
  /** The resource whose prison the event is filed under, looked up when the row is written. */
  resolveType: AuditSubject['type'] | null;
  resolveId: string | null;
  /** The user's prisons, comma-separated (NULL: all); a prisoner's stay in one of them comes first. */
  visible: string | null;
  today: IsoDate | null;
  /** Chosen when the event is recorded, so writing it again (after an outage) stores it once. */
  id: string;
  /** When the event happened, if it is written later than that (kept during an outage); else now. */
  occurredAt: Date | null;
}

// A prisoner's prison: a stay in a prison the user may see first, then the stay holding them today,
// then the latest.
const prisonerPrison = (prisonerIds: string) => `(
  SELECT c.prison_id FROM custody_period c WHERE c.prisoner_id IN (${prisonerIds})
   ORDER BY (v.visible IS NULL OR c.prison_id = ANY(v.visible)) DESC,
            (c.from_date <= v.today AND (c.to_date IS NULL OR c.to_date > v.today)) DESC,
            c.from_date DESC
   LIMIT 1)`;

// The prison a resource's data belongs to, for a row v(resolve_type, resolve_id, visible, today).
// A prison named directly counts only if it exists and the user may see it.
const PRISON_OF = `CASE v.resolve_type
  WHEN 'prison' THEN (SELECT p.id FROM prison p WHERE p.id = v.resolve_id AND (v.visible IS NULL OR p.id = ANY(v.visible)))
  WHEN 'session' THEN (SELECT s.prison_id FROM session s WHERE s.id = v.resolve_id)
  WHEN 'activity' THEN (SELECT a.prison_id FROM activity a WHERE a.id = v.resolve_id)
  WHEN 'allocation' THEN (SELECT a.prison_id FROM allocation a WHERE a.id = v.resolve_id)
  WHEN 'referral' THEN (SELECT a.prison_id FROM referral r JOIN activity a ON a.id = r.activity_id WHERE r.id = v.resolve_id)
  WHEN 'plan-draft' THEN (SELECT d.prison_id FROM plan_draft d WHERE d.id = v.resolve_id)
  WHEN 'prisoner' THEN ${prisonerPrison('v.resolve_id')}
  WHEN 'unavailability' THEN ${prisonerPrison('SELECT u.prisoner_id FROM unavailability u WHERE u.id = v.resolve_id')}
  WHEN 'non_association' THEN ${prisonerPrison('SELECT unnest(ARRAY[n.prisoner_a_id, n.prisoner_b_id]) FROM non_association n WHERE n.id = v.resolve_id')}
END`;

const COLUMNS: Array<[keyof AuditRow, string, string]> = [
  ['userId', 'user_id', 'uuid'],
  ['username', 'username', 'varchar'],
  ['role', 'role', 'varchar'],
  ['action', 'action', 'varchar'],
  ['method', 'method', 'varchar'],
  ['path', 'path', 'varchar'],
  ['prisonId', 'prison_id', 'uuid'],
  ['subjectType', 'subject_type', 'varchar'],
  ['subjectId', 'subject_id', 'varchar'],
  ['prisonerId', 'prisoner_id', 'uuid'],
  ['requestId', 'request_id', 'varchar'],
  ['outcome', 'outcome', 'audit_outcome'],
  ['statusCode', 'status_code', 'int'],
  ['resolveType', 'resolve_type', 'text'],
  ['resolveId', 'resolve_id', 'uuid'],
  ['visible', 'visible_csv', 'text'],
  ['today', 'today', 'date'],
  ['id', 'id', 'uuid'],
  ['occurredAt', 'occurred_at_given', 'timestamptz'],
];
const STORED = COLUMNS.slice(0, 13).map(([, c]) => c);

// One statement for any number of events: one array parameter per column, unnested in order. The
// prison is looked up here, in the same statement (no extra round trip per request); a known prison
// id that names no prison is stored as NULL. clock_timestamp() gives each row its own time, in queue
// order; scalar subqueries (not joins) keep the rows in that order.
const INSERT_MANY = `
  WITH v AS (
    SELECT u.*, string_to_array(u.visible_csv, ',')::uuid[] AS visible
      FROM unnest(${COLUMNS.map(([, , type], i) => `$${i + 1}::${type}[]`).join(', ')}) WITH ORDINALITY AS u(${COLUMNS.map(([, c]) => c).join(', ')}, ord)
  )
  INSERT INTO audit_event (id, occurred_at, ${STORED.join(', ')})
  SELECT v.id, COALESCE(v.occurred_at_given, clock_timestamp()), ${STORED.map((c) => (c === 'prison_id' ? `COALESCE(${PRISON_OF}, (SELECT p.id FROM prison p WHERE p.id = v.prison_id))` : `v.${c}`)).join(', ')}
    FROM v ORDER BY v.ord
  ON CONFLICT (id) DO NOTHING`;

const PRISON_OF_ONE = `
  WITH v AS (SELECT $1::text AS resolve_type, $2::uuid AS resolve_id, string_to_array($3::text, ',')::uuid[] AS visible, $4::date AS today)
  SELECT ${PRISON_OF} AS "prisonId" FROM v`;

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the trail, newest first, within the prisons in scope (all when undefined), and the total. */
  search(q: AuditQueryDto, prisonScope: string[] | undefined): Promise<[AuditEvent[], number]> {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('a');
    if (prisonScope) qb.andWhere('a.prison_id = ANY(:scope)', { scope: prisonScope });
    if (q.prisonId) qb.andWhere('a.prison_id = :prisonId', { prisonId: q.prisonId });
    if (q.prisonerId) qb.andWhere('a.prisoner_id = :prisonerId', { prisonerId: q.prisonerId });
    if (q.userId) qb.andWhere('a.user_id = :userId', { userId: q.userId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    // Dates are Oslo calendar days, both included.
    if (q.from) qb.andWhere(`a.occurred_at >= (:from::date)::timestamp AT TIME ZONE 'Europe/Oslo'`, { from: q.from });
    if (q.to) qb.andWhere(`a.occurred_at < ((:to::date + 1)::timestamp AT TIME ZONE 'Europe/Oslo')`, { to: q.to });
    return qb.orderBy('a.occurred_at', 'DESC').addOrderBy('a.id', 'DESC').skip(q.offset).take(q.pageSize).getManyAndCount();
  }

  /** Appends the events in one INSERT (one commit). */
  async insertMany(rows: AuditRow[]): Promise<void> {
    await this.dataSource.query(
      INSERT_MANY,
      COLUMNS.map(([key]) => rows.map((r) => r[key])),
    );
  }

  /** The prison of a resource now (before a write that may move or delete it); same rules as above. */
  async prisonOf(subject: AuditSubject, visible: string | null, today: IsoDate): Promise<string | null> {
    const rows = await this.dataSource.query<Array<{ prisonId: string | null }>>(PRISON_OF_ONE, [subject.type, subject.id, visible, today]);
    return rows[0]?.prisonId ?? null;
  }

  /**
   * Deletes up to `limit` events that happened before `before`, oldest first; the number deleted. The
   * trail is append-only (a trigger refuses changes) except below the cutoff this transaction sets; the
   * job's advisory lock keeps replicas from deleting the same rows at once.
   */
  async deleteOlderThan(before: Date, limit: number, lockKey: number): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const [{ held }] = await tx.query<{ held: boolean }[]>('SELECT pg_try_advisory_xact_lock($1) AS held', [lockKey]);
      if (!held) return 0;
      await tx.query(`SELECT set_config('audit.retention_cutoff', $1, true)`, [before.toISOString()]);
      const [{ n }] = await tx.query<{ n: number }[]>(
        `WITH deleted AS (
           DELETE FROM audit_event a
            USING (SELECT id FROM audit_event WHERE occurred_at < $1 ORDER BY occurred_at LIMIT $2) doomed
            WHERE a.id = doomed.id RETURNING 1
         )
         SELECT count(*)::int AS n FROM deleted`,
        [before, limit],
      );
      return n;
    });
  }
}
