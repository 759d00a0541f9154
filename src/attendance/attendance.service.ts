import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { PrisonerDaysService } from '../activity-rate/prisoner-days.service';
import { canSeePrison, hasRole, isTeacherOnly, Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { Clock } from '../common/clock';
import { englishRule } from '../common/messages/english-rule';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { AttendanceRepository, AttendanceSessionRow, RosterCounts, RosterRow } from './attendance.repository';
import { AbsenceReason, RosterStatus } from './attendance.enums';
import {
  inputErrors,
  isOutsideEditWindow,
  normaliseRow,
  planBatch,
  REASON_FOR_UNAVAILABILITY,
  resolveRows,
  rosterErrors,
  RowError,
  staleRows,
} from './domain/attendance-rules';
import { teacherStatusOf, teacherSuggestionOf } from './domain/teacher-vocabulary';
import {
  AttendanceEntryDto,
  AttendanceRosterDto,
  AttendanceSaveResultDto,
  AttendanceSessionDto,
  RecordAttendanceDto,
  TeacherAttendanceEntryDto,
  TeacherAttendanceRosterDto,
} from './dto/attendance.dto';

/**
 * Session attendance: the roster with what is recorded (or not), and recording a whole roster at once.
 * Teachers see and record only their own sessions, with teacher-safe fields.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly repo: AttendanceRepository,
    private readonly prisonerDays: PrisonerDaysService,
  ) {}

  async roster(sessionId: string, principal: Principal): Promise<AttendanceRosterDto | TeacherAttendanceRosterDto> {
    return (await this.rosterWithVersions(sessionId, principal)).roster;
  }

  /**
   * The roster, and each record's version as read with it (null: not recorded) — for a form that sends
   * them back as expectedVersion so that it cannot overwrite what someone else recorded meanwhile. A
   * teacher's roster does not show versions; the teacher's page keeps them in the form.
   */
  async rosterWithVersions(
    sessionId: string,
    principal: Principal,
  ): Promise<{ roster: AttendanceRosterDto | TeacherAttendanceRosterDto; versions: Map<string, number | null> }> {
    const session = this.visible(await this.repo.findSession(sessionId), principal);
    const rows = await this.repo.findRoster(sessionId);
    return { roster: this.rosterOf(session, rows, principal), versions: new Map(rows.map((r) => [r.prisonerId, r.version])) };
  }

  private rosterOf(
    session: AttendanceSessionRow,
    rows: RosterRow[],
    principal: Principal,
  ): AttendanceRosterDto | TeacherAttendanceRosterDto {
    const header = this.header(session, countOf(rows));
    // Teachers: the neutral vocabulary, and no free text written by prison staff.
    if (isTeacherOnly(principal)) return { ...header, cancellationNote: null, entries: rows.map((r) => toTeacherEntry(r, session)) };
    return { ...header, entries: rows.map((r) => toEntry(r, session)) };
  }

  /**
   * Records the rows in one transaction: every row is checked first and any error rejects the whole
   * batch (nothing written). Then one statement upserts the batch and writes history for changed rows,
   * and the prisoner-days of a past session are refreshed in the same transaction.
   */
  async record(sessionId: string, dto: RecordAttendanceDto, principal: Principal): Promise<AttendanceSaveResultDto> {
    const teacherOnly = isTeacherOnly(principal);
    const badInput = inputErrors(dto.records, teacherOnly);
    if (badInput.length > 0) throw new InvalidInputError(ruleMessage(RuleCode.ATTENDANCE_ROWS_INVALID), inEnglish(badInput), badInput);
    const changeReason = dto.changeReason?.trim() || null;

    return this.txHost.withTransaction(async () => {
      const session = this.visible(await this.repo.findSession(sessionId, true), principal);
      const today = this.clock.today();
      if (session.cancelled)
        throw new RuleBrokenError(ruleMessage(RuleCode.ATTENDANCE_SESSION_CANCELLED, { cancellation: session.cancellationReason }));
      if (session.date > today) throw new RuleBrokenError(ruleMessage(RuleCode.ATTENDANCE_IN_FUTURE, { sessionDate: session.date }));

      const prisonerIds = dto.records.map((r) => r.prisonerId);
      const facts = await this.repo.findRosterFacts(sessionId, prisonerIds);
      const notOnRoster = rosterErrors(dto.records, facts);
      if (notOnRoster.length > 0)
        throw new RuleBrokenError(ruleMessage(RuleCode.ATTENDANCE_NOT_ON_ROSTER), inEnglish(notOnRoster), notOnRoster);

      // Status rows (a teacher's) become stored values here, keeping what staff recorded.
      const records = resolveRows(dto.records, facts, teacherOnly);
      // Read under the session's row lock (findSession above), so no batch can slip in between this check and the write.
      const stale = staleRows(dto.records, records, facts);
      if (stale.length > 0) throw new ConflictError(ruleMessage(RuleCode.ATTENDANCE_CHANGED_SINCE_READ), inEnglish(stale), stale);
      const plan = planBatch(records, facts);
      const window = this.config.ATTENDANCE_EDIT_WINDOW_DAYS;
      if (plan.changed > 0 && isOutsideEditWindow(session.date, today, window)) {
        if (!hasRole(principal, Role.MANAGER, Role.NATIONAL_ADMIN)) {
          throw new ForbiddenError(ruleMessage(RuleCode.ATTENDANCE_MANAGER_ONLY, { days: window }));
        }
        if (changeReason === null) throw new RuleBrokenError(ruleMessage(RuleCode.ATTENDANCE_CHANGE_REASON_NEEDED, { days: window }));
      }

      const rows = records.map((r) => ({ prisonerId: r.prisonerId, values: normaliseRow(r) }));
      const saved =
        rows.length > 0 ? await this.repo.saveBatch(sessionId, rows, principal.userId, changeReason) : { created: 0, changed: 0 };
      if (session.date < today && saved.created + saved.changed > 0) {
        await this.prisonerDays.daysChanged({ prisonerIds, from: session.date, to: session.date });
      }
      return {
        sessionId,
        prisonId: session.prisonId,
        created: saved.created,
        changed: saved.changed,
        unchanged: rows.length - saved.created - saved.changed,
        counts: await this.repo.countRoster(sessionId),
      };
    });
  }

  // Another prison's session, or (for a teacher) another teacher's, answers as if it did not exist.
  private visible(session: AttendanceSessionRow | undefined, principal: Principal): AttendanceSessionRow {
    if (!session || !canSeePrison(principal, session.prisonId)) throw new NotFoundError('Session');
    if (isTeacherOnly(principal) && (session.staffMemberId === null || session.staffMemberId !== principal.staffMemberId))
      throw new NotFoundError('Session');
    return session;
  }

  private header(s: AttendanceSessionRow, counts: RosterCounts): AttendanceSessionDto {
    const today = this.clock.today();
    return {
      sessionId: s.id,
      prisonId: s.prisonId,
      activityId: s.activityId,
      activityName: s.activityName,
      date: s.date,
      period: s.period,
      startTime: s.startTime,
      endTime: s.endTime,
      cancelled: s.cancelled,
      cancellationReason: s.cancellationReason,
      cancellationNote: s.cancellationNote,
      attendanceRequired: !s.cancelled && s.date <= today,
      outsideEditWindow: isOutsideEditWindow(s.date, today, this.config.ATTENDANCE_EDIT_WINDOW_DAYS),
      counts,
    };
  }
}

function countOf(rows: RosterRow[]): RosterCounts {
  const attended = rows.filter((r) => r.outcome === 'ATTENDED').length;
  const absent = rows.filter((r) => r.outcome === 'ABSENT').length;
  return { total: rows.length, attended, absent, notRecorded: rows.length - attended - absent };
}

const statusOf = (r: RosterRow): RosterStatus => (r.outcome === null ? RosterStatus.NOT_RECORDED : (r.outcome as unknown as RosterStatus));

// A cancelled session needs no attendance, so nothing is suggested; otherwise a known unavailability is.
const suggestionFor = (r: RosterRow, s: AttendanceSessionRow): AbsenceReason | null =>
  s.cancelled || r.unavailabilityKind === null ? null : REASON_FOR_UNAVAILABILITY[r.unavailabilityKind];

const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

function toEntry(r: RosterRow, s: AttendanceSessionRow): AttendanceEntryDto {
  return {
    prisonerId: r.prisonerId,
    prisonerNumber: r.prisonerNumber,
    firstName: r.firstName,
    lastName: r.lastName,
    legalStatus: r.legalStatus,
    unitId: r.unitId,
    unitName: r.unitName,
    booked: r.booked,
    status: statusOf(r),
    absenceReason: r.absenceReason,
    absenceNote: r.absenceNote,
    comment: r.comment ?? '',
    suggestedReason: suggestionFor(r, s),
    unavailabilityKind: s.cancelled ? null : r.unavailabilityKind,
    recordedByUserId: r.recordedByUserId,
    recordedAt: iso(r.recordedAt),
    updatedAt: iso(r.updatedAt),
    version: r.version,
  };
}

function toTeacherEntry(r: RosterRow, s: AttendanceSessionRow): TeacherAttendanceEntryDto {
  return {
    prisonerId: r.prisonerId,
    prisonerNumber: r.prisonerNumber,
    firstName: r.firstName,
    lastName: r.lastName,
    unitName: r.unitName,
    educationRight: r.educationRight,
    educationLevel: r.educationLevel,
    status: teacherStatusOf(r.outcome, r.absenceReason),
    // A teacher learns only that the prisoner is expected elsewhere, never that it is court or health.
    suggestedStatus: s.cancelled ? null : teacherSuggestionOf(r.unavailabilityKind),
  };
}

/** Row errors as the API shows them: the same rows with English `messages` built from their codes. */
function inEnglish(rows: readonly RowError[]): Array<{ index: number; prisonerId: string; messages: string[] }> {
  return rows.map((r) => ({ index: r.index, prisonerId: r.prisonerId, messages: r.rules.map(englishRule) }));
}
