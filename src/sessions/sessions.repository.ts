import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ActivityKind, DayPeriod } from '../activities/activity.enums';
import { IsoDate } from '../calendar/domain/oslo-time';
import { CancellationReason } from './session.enums';
import { ActivityCalendar, DayRegime, ExistingSession, PlannedSession, WeeklySlot } from './domain/session-generation';
import { TimeOfDay } from './domain/time-of-day';
import type { TxSource } from '../database/transaction-host';

/** An activity with what session generation needs, and its prison's day regime. */
export interface ActivityToGenerate extends ActivityCalendar {
  id: string;
  prisonId: string;
  regime: DayRegime;
}

/** A session from tomorrow on, as regeneration sees it. */
export interface ChangeableSession extends ExistingSession {
  activityId: string;
  startTime: TimeOfDay;
  endTime: TimeOfDay;
  staffMemberId: string | null;
  capacity: number;
  booked: number;
}

export interface NewSession extends PlannedSession {
  activityId: string;
  prisonId: string;
}

/** A session as the API shows it (no personal data). */
export interface SessionView {
  id: string;
  prisonId: string;
  activityId: string;
  activityName: string;
  kind: ActivityKind;
  date: IsoDate;
  period: DayPeriod;
  startTime: TimeOfDay;
  endTime: TimeOfDay;
  staffMemberId: string | null;
  staffFirstName: string | null;
  staffLastName: string | null;
  capacity: number;
  booked: number;
  cancelledAt: Date | null;
  cancellationReason: CancellationReason | null;
  cancellationNote: string | null;
}

export interface SessionScope {
  prisonIds?: string[];
  activityIds?: string[];
}

const CHUNK = 2000;

// TypeORM's postgres driver answers an UPDATE or DELETE with [rows, affected count].
const affected = (result: [unknown[], number]): number => result[1];

const VIEW_SELECT = `
  SELECT s.id, s.prison_id AS "prisonId", s.activity_id AS "activityId", a.name AS "activityName", a.kind,
         to_char(s.date, 'YYYY-MM-DD') AS date, s.period,
         to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime",
         s.staff_member_id AS "staffMemberId", sm.first_name AS "staffFirstName", sm.last_name AS "staffLastName",
         s.capacity, s.booked, s.cancelled_at AS "cancelledAt", s.cancellation_reason AS "cancellationReason",
         s.cancellation_note AS "cancellationNote"
    FROM "session" s
    JOIN activity a ON a.id = s.activity_id
    LEFT JOIN staff_member sm ON sm.id = s.staff_member_id`;

/**
 * SQL for sessions, in the active transaction (TransactionHost): generation runs in one transaction,
 * and on the embedded database a query outside it would wait for the only connection.
 */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  async prisonExists(prisonId: string): Promise<boolean> {
    const [{ exists }] = await this.txHost.tx.query<Array<{ exists: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM prison WHERE id = $1) AS exists`,
      [prisonId],
    );
    return exists;
  }

  /**
   * Activities in scope that may have sessions from `today` on (not ended, or with sessions left to
   * remove), with their prison's regime. Their rows are locked (share) so that an activity edit
   * committing in the middle of a run cannot leave sessions of a slot that no longer exists.
   */
  async lockActivitiesToGenerate(today: IsoDate, scope: SessionScope): Promise<ActivityToGenerate[]> {
    const rows = await this.txHost.tx.query<
      Array<{
        id: string;
        prisonId: string;
        startDate: string;
        endDate: string | null;
        capacity: number;
        runsOnPublicHolidays: boolean;
        amStart: string;
        amEnd: string;
        pmStart: string;
        pmEnd: string;
      }>
    >(
      `SELECT a.id, a.prison_id AS "prisonId", to_char(a.start_date, 'YYYY-MM-DD') AS "startDate", to_char(a.end_date, 'YYYY-MM-DD') AS "endDate",
              a.capacity, a.runs_on_public_holidays AS "runsOnPublicHolidays",
              to_char(p.am_start, 'HH24:MI') AS "amStart", to_char(p.am_end, 'HH24:MI') AS "amEnd",
              to_char(p.pm_start, 'HH24:MI') AS "pmStart", to_char(p.pm_end, 'HH24:MI') AS "pmEnd"
         FROM activity a JOIN prison p ON p.id = a.prison_id
        WHERE ($2::uuid[] IS NULL OR a.prison_id = ANY($2))
          AND ($3::uuid[] IS NULL OR a.id = ANY($3))
          AND (a.end_date IS NULL OR a.end_date >= $1::date OR EXISTS (SELECT 1 FROM "session" s WHERE s.activity_id = a.id AND s.date > $1::date))
        ORDER BY a.id
          FOR SHARE OF a`,
      [today, scope.prisonIds ?? null, scope.activityIds ?? null],
    );
    if (rows.length === 0) return [];
    const slots = await this.txHost.tx.query<Array<WeeklySlot & { activityId: string }>>(
      `SELECT id, activity_id AS "activityId", weekday, period, to_char(start_time, 'HH24:MI') AS "startTime",
              to_char(end_time, 'HH24:MI') AS "endTime", staff_member_id AS "staffMemberId"
         FROM activity_slot WHERE activity_id = ANY($1) ORDER BY activity_id, weekday, period`,
      [rows.map((r) => r.id)],
    );
    const slotsOf = new Map<string, WeeklySlot[]>();
    for (const { activityId, ...slot } of slots) slotsOf.set(activityId, [...(slotsOf.get(activityId) ?? []), slot]);
    return rows.map((r) => ({
      id: r.id,
      prisonId: r.prisonId,
      startDate: r.startDate,
      endDate: r.endDate,
      capacity: r.capacity,
      runsOnPublicHolidays: r.runsOnPublicHolidays,
      slots: slotsOf.get(r.id) ?? [],
      regime: { amStart: r.amStart, amEnd: r.amEnd, pmStart: r.pmStart, pmEnd: r.pmEnd },
    }));
  }

  /** Prisons that have activities, for the horizon job's chunks. */
  async findPrisonIdsWithActivities(): Promise<string[]> {
    const rows = await this.txHost.tx.query<Array<{ id: string }>>(
      `SELECT p.id FROM prison p WHERE EXISTS (SELECT 1 FROM activity a WHERE a.prison_id = p.id) ORDER BY p.code`,
    );
    return rows.map((r) => r.id);
  }

  /** Fresh planner statistics after a large batch (the embedded database has no autovacuum). */
  async analyzeSessionsAndBookings(): Promise<void> {
    await this.txHost.tx.query('ANALYZE "session"');
    await this.txHost.tx.query('ANALYZE booking');
  }

  /** Sessions of the activities dated from..to (both included), with whether attendance is recorded. */
  async findChangeableSessions(activityIds: string[], from: IsoDate, to: IsoDate): Promise<ChangeableSession[]> {
    if (activityIds.length === 0) return [];
    return this.txHost.tx.query<ChangeableSession[]>(
      `SELECT s.id, s.activity_id AS "activityId", s.slot_id AS "slotId", to_char(s.date, 'YYYY-MM-DD') AS date, s.period,
              to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime",
              s.staff_member_id AS "staffMemberId", s.capacity, s.booked,
              s.cancelled_at IS NOT NULL AS cancelled, EXISTS (SELECT 1 FROM attendance at WHERE at.session_id = s.id) AS "hasAttendance"
         FROM "session" s
        WHERE s.activity_id = ANY($1) AND s.date BETWEEN $2::date AND $3::date
        ORDER BY s.activity_id, s.date, s.period
          FOR UPDATE OF s`,
      [activityIds, from, to],
    );
  }

  /** Inserts in bulk; sessions that already exist (activity, date, period) are left alone. */
  async insertSessions(sessions: NewSession[]): Promise<number> {
    let created = 0;
    for (let i = 0; i < sessions.length; i += CHUNK) {
      const chunk = sessions.slice(i, i + CHUNK);
      const col = <K extends keyof NewSession>(k: K) => chunk.map((s) => s[k]);
      const rows = await this.txHost.tx.query<Array<{ id: string }>>(
        `INSERT INTO "session" (activity_id, slot_id, prison_id, date, period, start_time, end_time, staff_member_id, capacity)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::day_period[], $6::time[], $7::time[], $8::uuid[], $9::int[])
         ON CONFLICT (activity_id, date, period) DO NOTHING
         RETURNING id`,
        [
          col('activityId'),
          col('slotId'),
          col('prisonId'),
          col('date'),
          col('period'),
          col('startTime'),
          col('endTime'),
          col('staffMemberId'),
          col('capacity'),
        ],
      );
      created += rows.length;
    }
    return created;
  }

  /** Sets times, staff and capacity of existing sessions. */
  async updateSessions(
    changes: Array<{ id: string; startTime: TimeOfDay; endTime: TimeOfDay; staffMemberId: string | null; capacity: number }>,
  ): Promise<number> {
    let updated = 0;
    for (let i = 0; i < changes.length; i += CHUNK) {
      const chunk = changes.slice(i, i + CHUNK);
      const result = await this.txHost.tx.query<[unknown[], number]>(
        `UPDATE "session" s SET start_time = v.start_time, end_time = v.end_time, staff_member_id = v.staff_member_id, capacity = v.capacity
           FROM unnest($1::uuid[], $2::time[], $3::time[], $4::uuid[], $5::int[]) AS v(id, start_time, end_time, staff_member_id, capacity)
          WHERE s.id = v.id`,
        [
          chunk.map((c) => c.id),
          chunk.map((c) => c.startTime),
          chunk.map((c) => c.endTime),
          chunk.map((c) => c.staffMemberId),
          chunk.map((c) => c.capacity),
        ],
      );
      updated += affected(result);
    }
    return updated;
  }

  /** Deletes sessions; their bookings go with them (ON DELETE CASCADE). */
  async deleteSessions(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return affected(await this.txHost.tx.query<[unknown[], number]>(`DELETE FROM "session" WHERE id = ANY($1)`, [ids]));
  }

  async findSession(id: string, lock = false): Promise<SessionView | undefined> {
    const rows = await this.txHost.tx.query<SessionView[]>(`${VIEW_SELECT} WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`, [id]);
    return rows[0];
  }

  /** Sessions of a prison in a date range, by date, start time and activity name. */
  async findSessions(f: {
    prisonId: string;
    from: IsoDate;
    to: IsoDate;
    activityId?: string;
    staffMemberId?: string;
  }): Promise<SessionView[]> {
    return this.txHost.tx.query<SessionView[]>(
      `${VIEW_SELECT}
        WHERE s.prison_id = $1 AND s.date BETWEEN $2::date AND $3::date
          AND ($4::uuid IS NULL OR s.activity_id = $4)
          AND ($5::uuid IS NULL OR s.staff_member_id = $5)
        ORDER BY s.date, s.start_time, a.name, s.period, s.id`,
      [f.prisonId, f.from, f.to, f.activityId ?? null, f.staffMemberId ?? null],
    );
  }

  /** How many prisoners have attendance recorded on the session. */
  async countAttendance(id: string): Promise<number> {
    const [row] = await this.txHost.tx.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM attendance WHERE session_id = $1`, [id]);
    return row?.n ?? 0;
  }

  async setCancellation(
    id: string,
    c: { at: Date; reason: CancellationReason; note: string | null; byUserId: string } | null,
  ): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE "session" SET cancelled_at = $2, cancellation_reason = $3, cancellation_note = $4, cancelled_by_user_id = $5 WHERE id = $1`,
      [id, c?.at ?? null, c?.reason ?? null, c?.note ?? null, c?.byUserId ?? null],
    );
  }
}
