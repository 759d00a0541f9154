import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityKind, DayPeriod } from '../activities/activity.enums';
import { AllocationPatternKind } from '../allocations/allocation.enums';
import { IsoDate } from '../calendar/domain/oslo-time';
import { EducationLevel, EducationRight } from '../prisoners/prisoner.enums';
import { CancellationReason } from '../sessions/session.enums';

/** A session with what a timetable shows: no personal data, only the booked count. */
export interface StaffSessionRow {
  sessionId: string;
  staffMemberId: string | null;
  date: IsoDate;
  period: DayPeriod;
  startTime: string;
  endTime: string;
  activityId: string;
  activityName: string;
  kind: ActivityKind;
  location: string;
  prisonId: string;
  prisonName: string;
  capacity: number;
  booked: number;
  cancellationReason: CancellationReason | null;
  cancellationNote: string | null;
}

export interface TeacherRosterRow {
  prisonerId: string;
  firstName: string;
  lastName: string;
  prisonerNumber: string;
  unitName: string | null;
  educationRight: EducationRight;
  educationLevel: EducationLevel;
}

export interface RosterRow extends TeacherRosterRow {
  dateOfBirth: IsoDate;
  allocationId: string;
  allocationPattern: AllocationPatternKind;
}

const SESSION_COLUMNS = `s.id AS "sessionId", s.staff_member_id AS "staffMemberId", to_char(s.date, 'YYYY-MM-DD') AS date, s.period,
  to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime",
  a.id AS "activityId", a.name AS "activityName", a.kind, a.location, pr.id AS "prisonId", pr.name AS "prisonName",
  s.capacity, s.booked, s.cancellation_reason AS "cancellationReason", s.cancellation_note AS "cancellationNote"`;

// The bookings of one session, with the unit each prisoner is held on that day.
const ROSTER_FROM = `FROM booking b
  JOIN "session" s ON s.id = b.session_id
  JOIN prisoner p ON p.id = b.prisoner_id
  LEFT JOIN custody_period cp ON cp.prisoner_id = p.id AND cp.prison_id = s.prison_id
                             AND cp.from_date <= s.date AND (cp.to_date IS NULL OR cp.to_date > s.date)
  LEFT JOIN unit u ON u.id = cp.unit_id`;

/** Reads for teachers' timetables and session rosters. */
@Injectable()
export class TeachingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Sessions run by a staff member in a date range, optionally only at some prisons; by date and time. */
  findStaffSessions(staffMemberId: string, from: IsoDate, to: IsoDate, prisonIds: string[] | undefined): Promise<StaffSessionRow[]> {
    return this.dataSource.query(
      `SELECT ${SESSION_COLUMNS}
         FROM "session" s JOIN activity a ON a.id = s.activity_id JOIN prison pr ON pr.id = s.prison_id
        WHERE s.staff_member_id = $1 AND s.date BETWEEN $2 AND $3 AND ($4::uuid[] IS NULL OR s.prison_id = ANY($4))
        ORDER BY s.date, s.start_time, a.name, s.id`,
      [staffMemberId, from, to, prisonIds ?? null],
    );
  }

  async findSession(sessionId: string): Promise<StaffSessionRow | undefined> {
    const rows = await this.dataSource.query<StaffSessionRow[]>(
      `SELECT ${SESSION_COLUMNS}
         FROM "session" s JOIN activity a ON a.id = s.activity_id JOIN prison pr ON pr.id = s.prison_id
        WHERE s.id = $1`,
      [sessionId],
    );
    return rows[0];
  }

  /** Teacher-safe columns only: this statement never reads legal status, date of birth or anything else. */
  findTeacherRoster(sessionId: string): Promise<TeacherRosterRow[]> {
    return this.dataSource.query(
      `SELECT p.id AS "prisonerId", p.first_name AS "firstName", p.last_name AS "lastName", p.prisoner_number AS "prisonerNumber",
              u.name AS "unitName", p.education_right AS "educationRight", p.education_level AS "educationLevel"
         ${ROSTER_FROM}
        WHERE b.session_id = $1
        ORDER BY p.last_name, p.first_name, p.id`,
      [sessionId],
    );
  }

  findRoster(sessionId: string): Promise<RosterRow[]> {
    return this.dataSource.query(
      `SELECT p.id AS "prisonerId", p.first_name AS "firstName", p.last_name AS "lastName", p.prisoner_number AS "prisonerNumber",
              u.name AS "unitName", p.education_right AS "educationRight", p.education_level AS "educationLevel",
              to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", al.id AS "allocationId", al.pattern AS "allocationPattern"
         ${ROSTER_FROM}
         JOIN allocation al ON al.id = b.allocation_id
        WHERE b.session_id = $1
        ORDER BY p.last_name, p.first_name, p.id`,
      [sessionId],
    );
  }
}
