import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DayPeriod } from '../activities/activity.enums';
import { IsoDate } from '../calendar/domain/oslo-time';
import { CancellationReason } from '../sessions/session.enums';

/** A prisoner held at the prison that day, with one of their bookings in the half-day (or none). */
export interface UnlockRow {
  prisonerId: string;
  name: string;
  prisonerNumber: string;
  unitId: string;
  unitName: string;
  sessionId: string | null;
  activityName: string | null;
  location: string | null;
  startTime: string | null;
  endTime: string | null;
  cancellationReason: CancellationReason | null;
}

/** An unavailability of a held prisoner that overlaps the half-day. */
export interface HalfDayUnavailabilityRow {
  prisonerId: string;
  kind: string;
  period: DayPeriod | null;
  startTime: string | null;
  endTime: string | null;
  note: string;
}

/** Reads for the unlock list: who is held on each unit and where they go in one half-day. */
@Injectable()
export class UnlockListRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The prison's start and end of the half-day (its day regime), or undefined when there is no such prison. */
  async findHalfDayTimes(prisonId: string, period: DayPeriod): Promise<{ start: string; end: string } | undefined> {
    const [row] = await this.dataSource.query<Array<{ start: string; end: string }>>(
      `SELECT to_char(CASE WHEN $2 = 'AM' THEN am_start ELSE pm_start END, 'HH24:MI') AS start,
              to_char(CASE WHEN $2 = 'AM' THEN am_end ELSE pm_end END, 'HH24:MI') AS "end"
         FROM prison WHERE id = $1`,
      [prisonId, period],
    );
    return row;
  }

  /**
   * Everyone held at the prison on the date, by unit and name, each with their bookings on the prison's
   * sessions in the half-day (one row per booking; one row with no session when there is none).
   */
  findHeldWithBookings(prisonId: string, date: IsoDate, period: DayPeriod): Promise<UnlockRow[]> {
    return this.dataSource.query(
      `SELECT p.id AS "prisonerId", p.last_name || ', ' || p.first_name AS name, p.prisoner_number AS "prisonerNumber",
              u.id AS "unitId", u.name AS "unitName",
              bk."sessionId", bk."activityName", bk.location, bk."startTime", bk."endTime", bk."cancellationReason"
         FROM custody_period cp
         JOIN prisoner p ON p.id = cp.prisoner_id
         JOIN unit u ON u.id = cp.unit_id
         LEFT JOIN LATERAL (
           SELECT s.id AS "sessionId", a.name AS "activityName", a.location,
                  to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime",
                  s.cancellation_reason AS "cancellationReason"
             FROM booking b
             JOIN "session" s ON s.id = b.session_id
             JOIN activity a ON a.id = s.activity_id
            WHERE b.prisoner_id = cp.prisoner_id AND b.date = $2 AND b.period = $3 AND s.prison_id = cp.prison_id
         ) bk ON true
        WHERE cp.prison_id = $1 AND cp.from_date <= $2 AND (cp.to_date IS NULL OR cp.to_date > $2)
        ORDER BY u.name, u.id, p.last_name, p.first_name, p.id, bk."startTime", bk."activityName"`,
      [prisonId, date, period],
    );
  }

  /**
   * Unavailability of the prisoners held at the prison that overlaps the half-day: all day, the same
   * period, or times overlapping the prison's half-day.
   */
  findUnavailableInHalfDay(
    prisonId: string,
    date: IsoDate,
    period: DayPeriod,
    times: { start: string; end: string },
  ): Promise<HalfDayUnavailabilityRow[]> {
    return this.dataSource.query(
      `SELECT x.prisoner_id AS "prisonerId", x.kind, x.period, to_char(x.start_time, 'HH24:MI') AS "startTime",
              to_char(x.end_time, 'HH24:MI') AS "endTime", x.note
         FROM custody_period cp
         JOIN unavailability x ON x.prisoner_id = cp.prisoner_id
        WHERE cp.prison_id = $1 AND cp.from_date <= $2 AND (cp.to_date IS NULL OR cp.to_date > $2)
          AND $2 BETWEEN x.from_date AND x.to_date
          AND (x.period IS NULL OR x.period = $3)
          AND (x.start_time IS NULL OR (x.start_time < $5::time AND x.end_time > $4::time))
        ORDER BY x.prisoner_id, x.start_time NULLS FIRST, x.kind, x.id`,
      [prisonId, date, period, times.start, times.end],
    );
  }
}
