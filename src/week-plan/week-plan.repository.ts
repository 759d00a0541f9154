import type { DayRegime } from '../planning/domain/week-input';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityKind, DayPeriod } from '../activities/activity.enums';
import { IsoDate } from '../calendar/domain/oslo-time';
import { CancellationReason } from '../sessions/session.enums';

export interface PlanSessionRow {
  sessionId: string;
  activityId: string;
  activityName: string;
  kind: ActivityKind;
  location: string;
  date: IsoDate;
  period: DayPeriod;
  startTime: string;
  endTime: string;
  capacity: number;
  booked: number;
  staffId: string | null;
  staffName: string | null;
  cancellationReason: CancellationReason | null;
  cancellationNote: string | null;
}

export interface PlanBookingRow {
  sessionId: string;
  prisonerId: string;
  name: string;
  prisonerNumber: string;
  unitName: string | null;
}

export interface UnavailabilityRow {
  prisonerId: string;
  fromDate: IsoDate;
  toDate: IsoDate;
  period: DayPeriod | null;
  startTime: string | null;
  endTime: string | null;
  kind: string;
  note: string;
}

export interface NoActivityRow {
  date: IsoDate;
  prisonerId: string;
  name: string;
  prisonerNumber: string;
  unitName: string | null;
  booked: number;
  bookedRunning: number;
  wholeDayUnavailability: string | null;
  /** The day's bookings at the prison: half-day and whether the session runs ("planned now" needs both). */
  halfDays: Array<{ period: 'AM' | 'PM'; running: boolean }>;
}

const UNAVAILABILITY_COLUMNS = `u.prisoner_id AS "prisonerId", to_char(u.from_date, 'YYYY-MM-DD') AS "fromDate", to_char(u.to_date, 'YYYY-MM-DD') AS "toDate",
  u.period, to_char(u.start_time, 'HH24:MI') AS "startTime", to_char(u.end_time, 'HH24:MI') AS "endTime", u.kind, u.note`;

/** Reads for the week views: a few set-based queries per view, assembled by the service. */
@Injectable()
export class WeekPlanRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The prison's day regime (half-day times), for the half-days an unavailability takes. */
  async findRegime(prisonId: string): Promise<DayRegime | undefined> {
    const rows = await this.dataSource.query<DayRegime[]>(
      `SELECT to_char(am_start, 'HH24:MI') AS "amStart", to_char(am_end, 'HH24:MI') AS "amEnd",
              to_char(pm_start, 'HH24:MI') AS "pmStart", to_char(pm_end, 'HH24:MI') AS "pmEnd"
         FROM prison WHERE id = $1`,
      [prisonId],
    );
    return rows[0];
  }

  async prisonExists(prisonId: string): Promise<boolean> {
    return (await this.dataSource.query(`SELECT 1 FROM prison WHERE id = $1`, [prisonId])).length > 0;
  }

  /** Whether the prison exists, and the week plan's read version (null when unknown), in one round trip. */
  async prisonAndPlanVersion(prisonId: string): Promise<{ exists: boolean; version: string | null }> {
    const [row] = await this.dataSource.query<Array<{ exists: boolean; version: string | null }>>(
      `SELECT EXISTS (SELECT 1 FROM prison WHERE id = $1) AS exists, (SELECT version FROM read_version WHERE name = 'week-plan') AS version`,
      [prisonId],
    );
    return row;
  }

  findSessions(prisonId: string, from: IsoDate, to: IsoDate): Promise<PlanSessionRow[]> {
    return this.dataSource.query(
      `SELECT s.id AS "sessionId", a.id AS "activityId", a.name AS "activityName", a.kind, a.location,
              to_char(s.date, 'YYYY-MM-DD') AS date, s.period, to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime",
              s.capacity, s.booked, sm.id AS "staffId", CASE WHEN sm.id IS NULL THEN NULL ELSE sm.first_name || ' ' || sm.last_name END AS "staffName",
              s.cancellation_reason AS "cancellationReason", s.cancellation_note AS "cancellationNote"
         FROM "session" s
         JOIN activity a ON a.id = s.activity_id
         LEFT JOIN staff_member sm ON sm.id = s.staff_member_id
        WHERE s.prison_id = $1 AND s.date BETWEEN $2 AND $3
        ORDER BY a.name, a.id, s.date, s.period`,
      [prisonId, from, to],
    );
  }

  /** Who is booked on the prison's sessions, with the unit they are held on that day. */
  findBookings(prisonId: string, from: IsoDate, to: IsoDate): Promise<PlanBookingRow[]> {
    return this.dataSource.query(
      `SELECT b.session_id AS "sessionId", p.id AS "prisonerId", p.last_name || ', ' || p.first_name AS name, p.prisoner_number AS "prisonerNumber", u.name AS "unitName"
         FROM booking b
         JOIN "session" s ON s.id = b.session_id
         JOIN prisoner p ON p.id = b.prisoner_id
         LEFT JOIN custody_period cp ON cp.prisoner_id = b.prisoner_id AND cp.prison_id = s.prison_id
                                    AND cp.from_date <= b.date AND (cp.to_date IS NULL OR cp.to_date > b.date)
         LEFT JOIN unit u ON u.id = cp.unit_id
        WHERE s.prison_id = $1 AND s.date BETWEEN $2 AND $3
        ORDER BY p.last_name, p.first_name, p.id`,
      [prisonId, from, to],
    );
  }

  findUnavailability(prisonerIds: string[], from: IsoDate, to: IsoDate): Promise<UnavailabilityRow[]> {
    if (prisonerIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT ${UNAVAILABILITY_COLUMNS} FROM unavailability u WHERE u.prisoner_id = ANY($1) AND u.from_date <= $3 AND u.to_date >= $2`,
      [prisonerIds, from, to],
    );
  }

  /** Non-associated pairs among the given prisoners in force some day of the range. */
  async findNonAssociatedPairs(
    prisonerIds: string[],
    from: IsoDate,
    to: IsoDate,
  ): Promise<Array<{ a: string; b: string; fromDate: IsoDate; toDate: IsoDate | null }>> {
    if (prisonerIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT prisoner_a_id AS a, prisoner_b_id AS b, to_char(from_date, 'YYYY-MM-DD') AS "fromDate", to_char(to_date, 'YYYY-MM-DD') AS "toDate"
         FROM non_association
        WHERE prisoner_a_id = ANY($1) AND prisoner_b_id = ANY($1) AND from_date <= $3 AND (to_date IS NULL OR to_date >= $2)`,
      [prisonerIds, from, to],
    );
  }

  /**
   * Every prisoner held at the prison on each of the given days, with how many sessions they are booked
   * on (all, and not cancelled) and any whole-day unavailability — one statement for the whole week.
   */
  findPrisonerDays(prisonId: string, days: IsoDate[]): Promise<NoActivityRow[]> {
    return this.dataSource.query(
      `WITH day AS (SELECT unnest($2::date[]) AS date),
       held AS (
         SELECT d.date, cp.prisoner_id, cp.unit_id
           FROM day d JOIN custody_period cp ON cp.prison_id = $1 AND cp.from_date <= d.date AND (cp.to_date IS NULL OR cp.to_date > d.date)
       )
       SELECT to_char(h.date, 'YYYY-MM-DD') AS date, p.id AS "prisonerId", p.last_name || ', ' || p.first_name AS name, p.prisoner_number AS "prisonerNumber",
              u.name AS "unitName",
              coalesce(bk.booked, 0)::int AS booked, coalesce(bk.running, 0)::int AS "bookedRunning", coalesce(bk.half_days, '[]'::json) AS "halfDays",
              (SELECT string_agg(DISTINCT un.kind::text, ', ')
                 FROM unavailability un
                WHERE un.prisoner_id = h.prisoner_id AND un.from_date <= h.date AND un.to_date >= h.date
                  AND un.period IS NULL AND un.start_time IS NULL) AS "wholeDayUnavailability"
         FROM held h
         JOIN prisoner p ON p.id = h.prisoner_id
         LEFT JOIN unit u ON u.id = h.unit_id
         LEFT JOIN LATERAL (
           SELECT count(*) AS booked, count(*) FILTER (WHERE s.cancelled_at IS NULL) AS running,
                  json_agg(json_build_object('period', s.period, 'running', s.cancelled_at IS NULL)) AS half_days
             FROM booking b JOIN "session" s ON s.id = b.session_id
            WHERE b.prisoner_id = h.prisoner_id AND b.date = h.date AND s.prison_id = $1
         ) bk ON true
        ORDER BY h.date, u.name, p.last_name, p.first_name, p.id`,
      [prisonId, days],
    );
  }

  /** The prison responsible for the prisoner during the week (held there some day of it), if any of the given ones. */
  findPrisonsHolding(
    prisonerId: string,
    from: IsoDate,
    to: IsoDate,
  ): Promise<Array<{ prisonId: string; fromDate: IsoDate; toDate: IsoDate | null }>> {
    return this.dataSource.query(
      `SELECT prison_id AS "prisonId", to_char(from_date, 'YYYY-MM-DD') AS "fromDate", to_char(to_date, 'YYYY-MM-DD') AS "toDate"
         FROM custody_period WHERE prisoner_id = $1 AND from_date <= $3 AND (to_date IS NULL OR to_date > $2) ORDER BY from_date`,
      [prisonerId, from, to],
    );
  }

  findPrisonerSessions(prisonerId: string, prisonIds: string[] | undefined, from: IsoDate, to: IsoDate): Promise<Array<PlanSessionRow>> {
    return this.dataSource.query(
      `SELECT s.id AS "sessionId", a.id AS "activityId", a.name AS "activityName", a.kind, a.location,
              to_char(s.date, 'YYYY-MM-DD') AS date, s.period, to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime",
              s.capacity, s.booked, NULL AS "staffId", NULL AS "staffName",
              s.cancellation_reason AS "cancellationReason", s.cancellation_note AS "cancellationNote"
         FROM booking b JOIN "session" s ON s.id = b.session_id JOIN activity a ON a.id = s.activity_id
        WHERE b.prisoner_id = $1 AND b.date BETWEEN $2 AND $3 AND ($4::uuid[] IS NULL OR s.prison_id = ANY($4))
        ORDER BY s.date, s.period`,
      [prisonerId, from, to, prisonIds ?? null],
    );
  }
}
