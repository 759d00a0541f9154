import { Injectable } from '@nestjs/common';
import { canSeePrison, isTeacherOnly, Principal } from '../auth/principal';
import { humanise } from '../allocations/domain/officer-text';
import { CsvCell, fileSlug, toCsv } from '../common/csv/csv-writer';
import { NotFoundError } from '../common/errors/domain-errors';
import { RosterDto, RosterEntryDto, TeacherRosterDto, TeacherRosterEntryDto } from './dto/roster.dto';
import { RosterRow, StaffSessionRow, TeacherRosterRow, TeachingRepository } from './teaching.repository';
import { toMySession } from './timetable.service';

export interface CsvFile {
  filename: string;
  content: string;
}

const TEACHER_COLUMNS = ['Prisoner number', 'Last name', 'First name', 'Unit', 'Education right', 'Education level'];
const STAFF_COLUMNS = [...TEACHER_COLUMNS, 'Date of birth', 'Allocation pattern'];

/**
 * Who is booked on a session. A teacher (and nothing more) gets their own sessions only, read by a
 * separate statement into a separate DTO with teacher-safe fields; officers, managers and national
 * administrators get the prison's sessions with a few more fields.
 */
@Injectable()
export class RosterService {
  constructor(private readonly repo: TeachingRepository) {}

  async roster(sessionId: string, principal: Principal): Promise<RosterDto | TeacherRosterDto> {
    const session = await this.visibleSession(sessionId, principal);
    if (isTeacherOnly(principal))
      return { ...toMySession(session, true), entries: (await this.repo.findTeacherRoster(sessionId)).map(toTeacherEntry) };
    return { ...toMySession(session, false), entries: (await this.repo.findRoster(sessionId)).map(toEntry) };
  }

  /** The same roster as a CSV file named after the activity and the day. */
  async rosterCsv(sessionId: string, principal: Principal): Promise<CsvFile> {
    const session = await this.visibleSession(sessionId, principal);
    const rows: CsvCell[][] = isTeacherOnly(principal)
      ? [TEACHER_COLUMNS, ...(await this.repo.findTeacherRoster(sessionId)).map(teacherCells)]
      : [
          STAFF_COLUMNS,
          ...(await this.repo.findRoster(sessionId)).map((r) => [...teacherCells(r), r.dateOfBirth, humanise(r.allocationPattern)]),
        ];
    return { filename: `roster-${fileSlug(session.activityName)}-${session.date}-${session.period}.csv`, content: toCsv(rows) };
  }

  // Another prison's session, or (for a teacher) someone else's class, answers as if it did not exist.
  private async visibleSession(sessionId: string, principal: Principal): Promise<StaffSessionRow> {
    const session = await this.repo.findSession(sessionId);
    if (!session || !canSeePrison(principal, session.prisonId)) throw new NotFoundError('Session', sessionId);
    if (isTeacherOnly(principal) && (!principal.staffMemberId || session.staffMemberId !== principal.staffMemberId))
      throw new NotFoundError('Session', sessionId);
    return session;
  }
}

// Field by field, so that nothing a query might add reaches a teacher by accident.
function toTeacherEntry(r: TeacherRosterRow): TeacherRosterEntryDto {
  return {
    prisonerId: r.prisonerId,
    firstName: r.firstName,
    lastName: r.lastName,
    prisonerNumber: r.prisonerNumber,
    unitName: r.unitName,
    educationRight: r.educationRight,
    educationLevel: r.educationLevel,
  };
}

function toEntry(r: RosterRow): RosterEntryDto {
  return { ...toTeacherEntry(r), dateOfBirth: r.dateOfBirth, allocationId: r.allocationId, allocationPattern: r.allocationPattern };
}

function teacherCells(r: TeacherRosterRow): CsvCell[] {
  return [r.prisonerNumber, r.lastName, r.firstName, r.unitName, humanise(r.educationRight), humanise(r.educationLevel)];
}
