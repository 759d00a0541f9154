import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { DayPeriod } from '../activities/activity.enums';
import { UnavailabilityKind } from '../availability/availability.enums';
import { EducationLevel, EducationRight, LegalStatus } from '../prisoners/prisoner.enums';
import { CancellationReason } from '../sessions/session.enums';
import { AbsenceReason, AttendanceOutcome } from './attendance.enums';
import { AttendanceValues, RosterFacts } from './domain/attendance-rules';
import type { TxSource } from '../database/transaction-host';

export interface AttendanceSessionRow {
  id: string;
  prisonId: string;
  activityId: string;
  activityName: string;
  date: string;
  period: DayPeriod;
  startTime: string;
  endTime: string;
  staffMemberId: string | null;
  cancelled: boolean;
  cancellationReason: CancellationReason | null;
  cancellationNote: string | null;
}

export interface RosterRow {
  prisonerId: string;
  prisonerNumber: string;
  firstName: string;
  lastName: string;
  legalStatus: LegalStatus;
  educationLevel: EducationLevel;
  educationRight: EducationRight;
  unitId: string | null;
  unitName: string | null;
  booked: boolean;
  outcome: AttendanceOutcome | null;
  absenceReason: AbsenceReason | null;
  absenceNote: string | null;
  comment: string | null;
  recordedByUserId: string | null;
  recordedAt: string | null;
  updatedAt: string | null;
  version: number | null;
  unavailabilityKind: UnavailabilityKind | null;
}

export interface RosterCounts {
  total: number;
  attended: number;
  absent: number;
  notRecorded: number;
}

// A known unavailability overlapping the session "s" for one prisoner: whole day, the same period, or
// overlapping times; the first by kind order if several.
const UNAVAILABILITY_IN_HALF_DAY = (prisonerId: string) => `LEFT JOIN LATERAL (
      SELECT x.kind FROM unavailability x
       WHERE x.prisoner_id = ${prisonerId} AND s.date BETWEEN x.from_date AND x.to_date
         AND (x.period IS NULL OR x.period = s.period)
         AND (x.start_time IS NULL OR (x.start_time < s.end_time AND x.end_time > s.start_time))
       ORDER BY x.kind, x.created_at, x.id
       LIMIT 1
    ) un ON true`;

// The roster of a session: its bookings, plus anyone with a record kept after their booking went
// (release, deallocation), so that no record becomes invisible.
const ROSTER_SQL = `
  WITH roster AS (
    SELECT prisoner_id FROM booking WHERE session_id = $1
    UNION
    SELECT prisoner_id FROM attendance WHERE session_id = $1
  )
  SELECT p.id AS "prisonerId", p.prisoner_number AS "prisonerNumber", p.first_name AS "firstName", p.last_name AS "lastName",
         p.legal_status AS "legalStatus", p.education_level AS "educationLevel", p.education_right AS "educationRight",
         u.id AS "unitId", u.name AS "unitName", (b.id IS NOT NULL) AS "booked",
         a.outcome, a.absence_reason AS "absenceReason", a.absence_note AS "absenceNote", a.comment,
         a.recorded_by_user_id AS "recordedByUserId", a.recorded_at AS "recordedAt", a.updated_at AS "updatedAt", a.version,
         un.kind AS "unavailabilityKind"
    FROM roster r
    JOIN prisoner p ON p.id = r.prisoner_id
    JOIN "session" s ON s.id = $1
    LEFT JOIN booking b ON b.session_id = s.id AND b.prisoner_id = p.id
    LEFT JOIN attendance a ON a.session_id = s.id AND a.prisoner_id = p.id
    LEFT JOIN custody_period cp ON cp.prisoner_id = p.id AND cp.prison_id = s.prison_id
         AND cp.from_date <= s.date AND (cp.to_date IS NULL OR cp.to_date > s.date)
    LEFT JOIN unit u ON u.id = cp.unit_id
    ${UNAVAILABILITY_IN_HALF_DAY('p.id')}
   ORDER BY p.last_name, p.first_name, p.id`;

// One statement writes the whole batch: new rows are inserted, rows whose values differ are updated
// (version + 1) and get a history row with the values they had before. All CTEs see the same
// snapshot, so "old" holds the values from before the upsert.
const SAVE_SQL = `
  WITH input AS (
    SELECT i.prisoner_id, i.outcome::attendance_outcome AS outcome, i.absence_reason::absence_reason AS absence_reason,
           i.absence_note, i.comment
      FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS i(prisoner_id, outcome, absence_reason, absence_note, comment)
  ), old AS (
    SELECT a.id, a.outcome, a.absence_reason, a.absence_note
      FROM attendance a JOIN input i ON i.prisoner_id = a.prisoner_id
     WHERE a.session_id = $1
  ), up AS (
    INSERT INTO attendance AS a (session_id, prisoner_id, prison_id, date, period, outcome, absence_reason, absence_note, comment, recorded_by_user_id)
    SELECT s.id, i.prisoner_id, s.prison_id, s.date, s.period, i.outcome, i.absence_reason, i.absence_note, i.comment, $7
      FROM input i CROSS JOIN "session" s
     WHERE s.id = $1
    ON CONFLICT (session_id, prisoner_id) DO UPDATE
       SET outcome = EXCLUDED.outcome, absence_reason = EXCLUDED.absence_reason, absence_note = EXCLUDED.absence_note,
           comment = EXCLUDED.comment, recorded_by_user_id = EXCLUDED.recorded_by_user_id, updated_at = now(), version = a.version + 1
     WHERE (a.outcome, a.absence_reason, a.absence_note, a.comment)
           IS DISTINCT FROM (EXCLUDED.outcome, EXCLUDED.absence_reason, EXCLUDED.absence_note, EXCLUDED.comment)
    RETURNING a.id, a.prisoner_id, a.outcome, a.absence_reason, a.absence_note
  ), history AS (
    INSERT INTO attendance_change (attendance_id, session_id, prisoner_id, changed_by_user_id, old_outcome, old_absence_reason, old_absence_note,
                                   new_outcome, new_absence_reason, new_absence_note, reason)
    SELECT up.id, $1, up.prisoner_id, $7, old.outcome, old.absence_reason, old.absence_note, up.outcome, up.absence_reason, up.absence_note, $8
      FROM up JOIN old ON old.id = up.id
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM up LEFT JOIN old ON old.id = up.id WHERE old.id IS NULL)::int AS created,
         (SELECT count(*) FROM history)::int AS changed`;

export interface SaveRow {
  prisonerId: string;
  values: AttendanceValues;
}

@Injectable()
export class AttendanceRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  /** The session with its activity's name; `lock` takes the row lock that serialises writers of its attendance. */
  async findSession(id: string, lock = false): Promise<AttendanceSessionRow | undefined> {
    const rows = await this.txHost.tx.query<AttendanceSessionRow[]>(
      `SELECT s.id, s.prison_id AS "prisonId", s.activity_id AS "activityId", ac.name AS "activityName", s.date::text AS date, s.period,
              to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime",
              s.staff_member_id AS "staffMemberId", (s.cancelled_at IS NOT NULL) AS cancelled,
              s.cancellation_reason AS "cancellationReason", s.cancellation_note AS "cancellationNote"
         FROM "session" s JOIN activity ac ON ac.id = s.activity_id
        WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
      [id],
    );
    return rows[0];
  }

  findRoster(sessionId: string): Promise<RosterRow[]> {
    return this.txHost.tx.query<RosterRow[]>(ROSTER_SQL, [sessionId]);
  }

  async countRoster(sessionId: string): Promise<RosterCounts> {
    const [row] = await this.txHost.tx.query<RosterCounts[]>(
      `WITH roster AS (SELECT prisoner_id FROM booking WHERE session_id = $1 UNION SELECT prisoner_id FROM attendance WHERE session_id = $1)
       SELECT count(*)::int AS total,
              count(*) FILTER (WHERE a.outcome = 'ATTENDED')::int AS attended,
              count(*) FILTER (WHERE a.outcome = 'ABSENT')::int AS absent,
              count(*) FILTER (WHERE a.id IS NULL)::int AS "notRecorded"
         FROM roster r LEFT JOIN attendance a ON a.session_id = $1 AND a.prisoner_id = r.prisoner_id`,
      [sessionId],
    );
    return row;
  }

  /**
   * For each prisoner named in a batch: on the roster or not, what is recorded now, and a known
   * unavailability in the half-day (what a teacher's "absent — excused" stores). One query.
   */
  async findRosterFacts(sessionId: string, prisonerIds: string[]): Promise<Map<string, RosterFacts>> {
    const rows = await this.txHost.tx.query<
      Array<{
        prisonerId: string;
        booked: boolean;
        outcome: AttendanceOutcome | null;
        absenceReason: AbsenceReason | null;
        absenceNote: string | null;
        comment: string | null;
        version: number | null;
        unavailabilityKind: UnavailabilityKind | null;
      }>
    >(
      `SELECT i.prisoner_id AS "prisonerId", (b.id IS NOT NULL) AS booked,
              a.outcome, a.absence_reason AS "absenceReason", a.absence_note AS "absenceNote", a.comment, a.version,
              un.kind AS "unavailabilityKind"
         FROM (SELECT DISTINCT unnest($2::uuid[]) AS prisoner_id) i
         JOIN "session" s ON s.id = $1
         LEFT JOIN booking b ON b.session_id = $1 AND b.prisoner_id = i.prisoner_id
         LEFT JOIN attendance a ON a.session_id = $1 AND a.prisoner_id = i.prisoner_id
         ${UNAVAILABILITY_IN_HALF_DAY('i.prisoner_id')}`,
      [sessionId, prisonerIds],
    );
    return new Map(
      rows.map((r) => [
        r.prisonerId,
        {
          onRoster: r.booked || r.outcome !== null,
          existing:
            r.outcome === null
              ? null
              : { outcome: r.outcome, absenceReason: r.absenceReason, absenceNote: r.absenceNote, comment: r.comment ?? '' },
          version: r.version,
          unavailabilityKind: r.unavailabilityKind,
        },
      ]),
    );
  }

  async saveBatch(
    sessionId: string,
    rows: SaveRow[],
    userId: string,
    changeReason: string | null,
  ): Promise<{ created: number; changed: number }> {
    const [result] = await this.txHost.tx.query<Array<{ created: number; changed: number }>>(SAVE_SQL, [
      sessionId,
      rows.map((r) => r.prisonerId),
      rows.map((r) => r.values.outcome),
      rows.map((r) => r.values.absenceReason),
      rows.map((r) => r.values.absenceNote),
      rows.map((r) => r.values.comment),
      userId,
      changeReason,
    ]);
    return result;
  }
}
