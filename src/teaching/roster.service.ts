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

/** The columns, in order: the teacher's six, then two more for staff. */
export const ROSTER_CSV_COLUMNS = [
  'prisonerNumber',
  'lastName',
  'firstName',
  'unit',
  'educationRight',
  'educationLevel',
  'dateOfBirth',
  'allocationPattern',
] as const;
export type RosterCsvColumn = (typeof ROSTER_CSV_COLUMNS)[number];
const TEACHER_COLUMN_COUNT = 6;

/** The words of a roster CSV: its headers and the labels of its coded values. The API's are English. */
export interface RosterCsvText {
  header(column: RosterCsvColumn): string;
  label(set: 'educationRight' | 'educationLevel' | 'allocationPattern', code: string): string;
  /** The file's name before the activity ("roster") and the half-day's word ("AM"). */
  fileWord: string;
  halfDay(period: 'AM' | 'PM'): string;
}

const ENGLISH_HEADERS: Record<RosterCsvColumn, string> = {
  prisonerNumber: 'Prisoner number',
  lastName: 'Last name',
  firstName: 'First name',
  unit: 'Unit',
  educationRight: 'Education right',
  educationLevel: 'Education level',
  dateOfBirth: 'Date of birth',
  allocationPattern: 'Allocation pattern',
};

export const ENGLISH_ROSTER_CSV: RosterCsvText = {
  header: (c) => ENGLISH_HEADERS[c],
  label: (_set, code) => humanise(code),
  fileWord: 'roster',
  halfDay: (period) => period,
};

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

  /** The same roster as a CSV file named after the activity and the day, in the words given (English by default). */
  async rosterCsv(sessionId: string, principal: Principal, text: RosterCsvText = ENGLISH_ROSTER_CSV): Promise<CsvFile> {
    const session = await this.visibleSession(sessionId, principal);
    const headers = ROSTER_CSV_COLUMNS.map((c) => text.header(c));
    const rows: CsvCell[][] = isTeacherOnly(principal)
      ? [headers.slice(0, TEACHER_COLUMN_COUNT), ...(await this.repo.findTeacherRoster(sessionId)).map((r) => teacherCells(r, text))]
      : [
          headers,
          ...(await this.repo.findRoster(sessionId)).map((r) => [
            ...teacherCells(r, text),
            r.dateOfBirth,
            text.label('allocationPattern', r.allocationPattern),
          ]),
        ];
    const name = [text.fileWord, fileSlug(session.activityName), session.date, text.halfDay(session.period)].join('-');
    return { filename: `${name}.csv`, content: toCsv(rows) };
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

function teacherCells(r: TeacherRosterRow, text: RosterCsvText): CsvCell[] {
  return [
    r.prisonerNumber,
    r.lastName,
    r.firstName,
    r.unitName,
    text.label('educationRight', r.educationRight),
    text.label('educationLevel', r.educationLevel),
  ];
}
