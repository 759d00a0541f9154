import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import { AbsenceReason, AttendanceOutcome } from '../../attendance/attendance.enums';
import { AttendanceService } from '../../attendance/attendance.service';
import { AttendanceRecordInputDto, RecordAttendanceDto } from '../../attendance/dto/attendance.dto';
import { TeacherAttendanceStatus } from '../../attendance/domain/teacher-vocabulary';
import type { TeacherRecordStatus } from '../../attendance/domain/teacher-vocabulary';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import { hasRole, isTeacherOnly } from '../../auth/principal';
import type { Principal } from '../../auth/principal';
import { ALL_ROLES, Role } from '../../auth/roles';
import { Clock } from '../../common/clock';
import { statusForKind } from '../../common/errors/domain-exception.filter';
import { DomainError, InvalidInputError } from '../../common/errors/domain-errors';
import { checkedIsoDate } from '../../common/http/date-window';
import { RuleCode } from '../../common/messages/rule-message';
import { UuidParam } from '../../common/http/uuid-param';
import { AppConfig } from '../../config/app-config';
import { SessionListQueryDto } from '../../sessions/dto/session.dto';
import { SessionsService } from '../../sessions/sessions.service';
import { field, validateAs } from '../shared/forms';
import { PrisonChoice } from '../shared/prison-choice';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { errorText, ruleText } from '../shared/rule-text';
import { WebPageError } from '../shared/web-errors';
import { WebController } from '../shared/web-guards';
import { WEB_PREFIX } from '../shared/web-request';
import { RowInput, rosterFormPage, sessionsOfDayPage, unrecordedFirst } from './attendance.page';
import { AttendanceCountsService } from '../../attendance/attendance-counts.service';

type RedirectTo = { url: string; statusCode: number };
const TEACHER_ABSENCES: TeacherRecordStatus[] = [TeacherAttendanceStatus.ABSENT_EXCUSED, TeacherAttendanceStatus.ABSENT_REFUSED];

/** Attendance: the day's sessions, and a roster recorded in one batch. Teachers see their own sessions only. */
@WebController('attendance')
export class AttendancePagesController {
  constructor(
    private readonly attendance: AttendanceService,
    private readonly sessions: SessionsService,
    private readonly prisonChoice: PrisonChoice,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly counts: AttendanceCountsService,
  ) {}

  @Get()
  @Allow(...ALL_ROLES)
  async day(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const date = queryString(q, 'date') ?? this.clock.today();
    checkedIsoDate(date);
    const query = Object.assign(new SessionListQueryDto(), { from: date, to: date });
    if (isTeacherOnly(principal)) {
      const sessions = [];
      const recorded = new Map<string, number>();
      for (const prisonId of principal.prisonIds) {
        sessions.push(...(await this.sessions.list(prisonId, query, principal)));
        for (const [k, n] of await this.counts.recordedOn(prisonId, date, principal)) recorded.set(k, n);
      }
      sessions.sort(
        (a, b) =>
          a.period.localeCompare(b.period) || a.startTime.localeCompare(b.startTime) || a.activityName.localeCompare(b.activityName, 'nb'),
      );
      return sessionsOfDayPage(ctx, { date, prisons: [], sessions: unrecordedFirst(sessions, recorded), recorded });
    }
    const { prison, prisons } = await this.prisonChoice.choose(principal, queryString(q, 'prisonId'));
    const sessions = (await this.sessions.list(prison.id, query, principal)).sort(
      (a, b) => a.period.localeCompare(b.period) || a.activityName.localeCompare(b.activityName, 'nb'),
    );
    const recorded = await this.counts.recordedOn(prison.id, date, principal);
    return sessionsOfDayPage(ctx, {
      date,
      prison,
      prisons,
      sessions: unrecordedFirst(sessions, recorded),
      recorded,
      unlockList: hasRole(principal, Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN),
    });
  }

  @Get(':id')
  @Allow(...ALL_ROLES)
  @Audited({ action: 'web.attendance.read', subjectType: 'session' })
  async roster(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() q: Record<string, unknown>,
  ): Promise<string> {
    const { roster, versions } = await this.attendance.rosterWithVersions(id, principal);
    const saved = queryString(q, 'saved');
    const flash = saved
      ? ctx.t('att.saved', { created: Number(queryString(q, 'created') ?? 0), changed: Number(queryString(q, 'changed') ?? 0) })
      : undefined;
    return rosterFormPage(ctx, {
      roster,
      versions,
      flash,
      windowDays: this.config.ATTENDANCE_EDIT_WINDOW_DAYS,
      canChangeOld: this.canChangeOld(principal),
    });
  }

  @Post(':id')
  @Allow(...ALL_ROLES)
  @Redirect(WEB_PREFIX, 303)
  async record(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const { roster, versions } = await this.attendance.rosterWithVersions(id, principal);
    const markAll = field(body, 'action') === 'all-attended';
    // A teacher's form offers only the teacher vocabulary and posts it as status rows.
    const teacher = isTeacherOnly(principal);
    const inputs = new Map<string, RowInput>();
    const records: AttendanceRecordInputDto[] = [];
    for (const e of roster.entries) {
      const chosen = markAll ? 'ATTENDED' : field(body, `outcome.${e.prisonerId}`);
      const sent = field(body, `reason.${e.prisonerId}`);
      if (chosen !== 'ATTENDED' && chosen !== 'ABSENT') continue;
      const expected = expectedVersion(field(body, `version.${e.prisonerId}`));
      if (teacher) {
        const status: TeacherRecordStatus | undefined =
          chosen === 'ATTENDED' ? TeacherAttendanceStatus.ATTENDED : TEACHER_ABSENCES.find((x) => x === sent);
        inputs.set(e.prisonerId, { outcome: chosen, reason: chosen === 'ABSENT' ? status : undefined });
        // An absence without a choice goes as a bare ABSENT, which the service rejects for that row.
        records.push({ prisonerId: e.prisonerId, ...(status ? { status } : { outcome: AttendanceOutcome.ABSENT }), ...expected });
        continue;
      }
      const reason = Object.values(AbsenceReason).find((r) => r === sent);
      const note = field(body, `note.${e.prisonerId}`)?.trim() || undefined;
      inputs.set(e.prisonerId, { outcome: chosen, reason, note });
      records.push({
        prisonerId: e.prisonerId,
        ...(chosen === 'ATTENDED'
          ? { outcome: AttendanceOutcome.ATTENDED }
          : { outcome: AttendanceOutcome.ABSENT, absenceReason: reason ?? null, absenceNote: note ?? null }),
        ...expected,
      });
    }
    const changeReason = field(body, 'changeReason')?.trim() || undefined;
    try {
      if (records.length === 0) throw new InvalidInputError(ctx.t('att.nothing'));
      // The API's own rules for the batch (lengths of notes and the change reason, ids, the batch size): the
      // page must not store what PUT /sessions/{id}/attendance refuses.
      const batch = validateAs(RecordAttendanceDto, { records, ...(changeReason ? { changeReason } : {}) });
      if (!batch.value) throw new InvalidInputError(batch.reason);
      const result = await this.attendance.record(id, batch.value, principal);
      return { url: `${WEB_PREFIX}/attendance/${id}?saved=1&created=${result.created}&changed=${result.changed}`, statusCode: 303 };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const rowErrors = new Map<string, string[]>();
      for (const d of Array.isArray(e.details)
        ? (e.details as Array<{ index?: number; prisonerId?: string; messages?: string[]; message?: string }>)
        : []) {
        const prisonerId = d.prisonerId ?? (d.index !== undefined ? records[d.index]?.prisonerId : undefined);
        if (prisonerId) rowErrors.set(prisonerId, d.messages ?? (d.message ? [d.message] : []));
      }
      for (const r of e.rowRules ?? []) {
        // Rows with codes are shown in the page's language.
        rowErrors.set(
          r.prisonerId,
          r.rules.map((rule) => ruleText(ctx.lang, rule)),
        );
        // A row someone else recorded since the page was read shows what is stored now (the roster read above),
        // not this form's choice, so that saving again is a decision about what is there.
        if (r.rules.some((m) => m.rule === RuleCode.ROW_CHANGED_SINCE_READ)) inputs.delete(r.prisonerId);
      }
      const page = rosterFormPage(ctx, {
        roster,
        versions,
        inputs,
        rowErrors,
        error: errorText(ctx.lang, e),
        windowDays: this.config.ATTENDANCE_EDIT_WINDOW_DAYS,
        canChangeOld: this.canChangeOld(principal),
      });
      throw new WebPageError(page, statusForKind(e.kind));
    }
  }

  private canChangeOld(p: Principal): boolean {
    return hasRole(p, Role.MANAGER, Role.NATIONAL_ADMIN);
  }
}

/** The version a row showed (hidden field): '' = not recorded then (null); no field (an older page) = no check. */
function expectedVersion(sent: string | undefined): { expectedVersion?: number | null } {
  if (sent === undefined) return {};
  if (sent === '') return { expectedVersion: null };
  const n = Number(sent);
  return Number.isInteger(n) && n >= 1 ? { expectedVersion: n } : {};
}
