import { AbsenceReason } from '../../attendance/attendance.enums';
import type {
  AttendanceEntryDto,
  AttendanceRosterDto,
  TeacherAttendanceEntryDto,
  TeacherAttendanceRosterDto,
} from '../../attendance/dto/attendance.dto';
import { TeacherAttendanceStatus } from '../../attendance/domain/teacher-vocabulary';
import type { SessionDto } from '../../sessions/dto/session.dto';
import { formatDate, formatDay } from '../shared/format';
import { attr, html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { csrfField, layout, notice } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { dayPicker, prisonPicker } from '../shared/widgets';

export interface SessionsOfDayView {
  date: string;
  /** Undefined for teachers: their own sessions at every prison they serve. */
  prison?: PrisonRef;
  prisons: PrisonRef[];
  sessions: SessionDto[];
  /** Attendance records per session (registers with fewer records than bookings are listed first). */
  recorded?: Map<string, number>;
  /** Whether to link the unit unlock list (staff who may read it; not teachers). */
  unlockList?: boolean;
}

/** Registers still to record (not cancelled, fewer records than prisoners booked) first; the order is kept otherwise. */
export function unrecordedFirst(sessions: SessionDto[], recorded: Map<string, number>): SessionDto[] {
  const open = (s: SessionDto) => !s.cancelled && s.booked > 0 && (recorded.get(s.id) ?? 0) < s.booked;
  return [...sessions.filter(open), ...sessions.filter((s) => !open(s))];
}

function recordedBadge(ctx: WebContext, s: SessionDto, recorded: number): SafeHtml {
  const done = recorded >= s.booked;
  return html`<span class="badge ${done ? 'ok' : 'bad'}" data-recorded="${recorded}" data-expected="${s.booked}">${ctx.t(done ? 'att.recordedAll' : 'att.recordedOf', { recorded, expected: s.booked })}</span>`;
}

export function sessionsOfDayPage(ctx: WebContext, v: SessionsOfDayView): string {
  const { t, lang } = ctx;
  const title = t('att.title');
  const keep: Record<string, string> = v.prison ? { prisonId: v.prison.id } : {};
  return layout(ctx, {
    title,
    body: html`<h1>${title} <span class="sub">${t('att.sessionsOn', { date: `${formatDay(v.date, lang)}${v.date.slice(0, 4)}` })}</span></h1>
      ${v.prison ? prisonPicker(ctx, `${WEB_PREFIX}/attendance`, v.prison, v.prisons, { date: v.date }) : ''}
      ${dayPicker(ctx, `${WEB_PREFIX}/attendance`, v.date, keep)}
      ${v.prison && v.unlockList ? html`<p><a href="${WEB_PREFIX}/unlock?prisonId=${v.prison.id}&amp;date=${v.date}">${t('unlock.link')}</a></p>` : ''}
      ${
        v.sessions.length === 0
          ? html`<p>${t('att.noSessions')}</p>`
          : html`<ul class="sessions-list">${v.sessions.map(
              (s) => html`<li>
              <span><a class="open" href="${WEB_PREFIX}/attendance/${s.id}">${s.activityName}</a><br>
                <span class="muted">${t(`period.${s.period}`)} ${s.startTime}–${s.endTime} · ${s.staffMember?.name ?? ''}</span></span>
              <span>${s.cancelled ? html`<span class="badge cancelled">${t('planner.cancelled')}: ${codeLabel(lang, 'cancel', s.cancelled.reason)}</span>` : recordedBadge(ctx, s, v.recorded?.get(s.id) ?? 0)}</span>
            </li>`,
            )}</ul>`
      }`,
  });
}

/** What the form sent for one prisoner (kept when the page is shown again with errors). */
export interface RowInput {
  outcome?: 'ATTENDED' | 'ABSENT';
  reason?: string;
  note?: string;
}

export interface RosterFormView {
  roster: AttendanceRosterDto | TeacherAttendanceRosterDto;
  /** Each record's version as read with the roster (null: not recorded); the form sends them back. */
  versions: ReadonlyMap<string, number | null>;
  inputs?: Map<string, RowInput>;
  rowErrors?: Map<string, string[]>;
  error?: string;
  flash?: string;
  /** Records older than the window need a manager and a reason. */
  windowDays: number;
  canChangeOld: boolean;
}

type Entry = AttendanceEntryDto | TeacherAttendanceEntryDto;
// The teacher's line has no absence reason: it carries the teacher vocabulary only.
const isTeacherEntry = (e: Entry): e is TeacherAttendanceEntryDto => !('absenceReason' in e);

/** What the row shows and pre-selects: staff see the stored reason and note, teachers their vocabulary. */
interface RowView {
  status: SafeHtml | string;
  suggestion?: string;
  outcome?: 'ATTENDED' | 'ABSENT';
  reason: string;
  note?: string;
  /** The reason select's options: [value, label]. */
  options: Array<[string, string]>;
  education?: SafeHtml;
}

function staffRow(ctx: WebContext, e: AttendanceEntryDto, input: RowInput | undefined): RowView {
  const { t, lang } = ctx;
  return {
    status:
      e.status === 'NOT_RECORDED'
        ? t('att.notRecorded')
        : e.status === 'ATTENDED'
          ? t('att.attended')
          : `${t('att.absent')}: ${codeLabel(lang, 'absence', e.absenceReason ?? '')}`,
    suggestion: e.suggestedReason && e.status === 'NOT_RECORDED' ? codeLabel(lang, 'absence', e.suggestedReason) : undefined,
    outcome: input?.outcome ?? (e.status === 'NOT_RECORDED' ? undefined : e.status),
    reason: input?.reason ?? e.absenceReason ?? e.suggestedReason ?? '',
    note: input?.note ?? e.absenceNote ?? '',
    options: Object.values(AbsenceReason).map((r) => [r, codeLabel(lang, 'absence', r)]),
  };
}

function teacherRow(ctx: WebContext, e: TeacherAttendanceEntryDto, input: RowInput | undefined): RowView {
  const { lang } = ctx;
  const absent = e.status === TeacherAttendanceStatus.ABSENT_EXCUSED || e.status === TeacherAttendanceStatus.ABSENT_REFUSED;
  return {
    status: codeLabel(lang, 'teacherAtt', e.status),
    suggestion:
      e.suggestedStatus && e.status === TeacherAttendanceStatus.NOT_RECORDED ? codeLabel(lang, 'teacherAtt', e.suggestedStatus) : undefined,
    outcome: input?.outcome ?? (e.status === TeacherAttendanceStatus.ATTENDED ? 'ATTENDED' : absent ? 'ABSENT' : undefined),
    reason: input?.reason ?? (absent ? e.status : (e.suggestedStatus ?? '')),
    options: [TeacherAttendanceStatus.ABSENT_EXCUSED, TeacherAttendanceStatus.ABSENT_REFUSED].map((s) => [
      s,
      codeLabel(lang, 'teacherAbsence', s),
    ]),
    education: html`<span class="muted small">${codeLabel(lang, 'eduRight', e.educationRight)} · ${codeLabel(lang, 'eduLevel', e.educationLevel)}</span>`,
  };
}

// The record's version as shown: a save refuses a row someone else has recorded since (no lost update).
const versionField = (id: string, version: number | null | undefined): SafeHtml =>
  html`<input type="hidden" name="version.${id}" value="${version === null || version === undefined ? '' : String(version)}">`;

function rowFor(ctx: WebContext, e: Entry, v: RosterFormView, disabled: boolean): SafeHtml {
  const { t } = ctx;
  const input = v.inputs?.get(e.prisonerId);
  const row = isTeacherEntry(e) ? teacherRow(ctx, e, input) : staffRow(ctx, e, input);
  const errors = v.rowErrors?.get(e.prisonerId) ?? [];
  const id = e.prisonerId;
  const name = `${e.lastName}, ${e.firstName}`;
  return html`<div class="row${errors.length > 0 ? ' has-error' : ''}" data-row data-prisoner="${id}">
    <div class="who"><strong>${name}</strong><span class="muted">${e.prisonerNumber}${e.unitName ? ` · ${e.unitName}` : ''}</span>
      ${row.education ?? ''}
      <span class="small status" data-status="${e.status}">${row.status}</span>
      ${row.suggestion ? html`<span class="small">${t('att.suggested', { reason: row.suggestion })}</span>` : ''}
    </div>
    <div>
      <fieldset${attr('disabled', disabled)}>
        <legend>${name}</legend>
        ${versionField(id, v.versions.get(id))}
        <div class="seg">
          <label><input type="radio" name="outcome.${id}" value="ATTENDED"${attr('checked', row.outcome === 'ATTENDED')}> ${t('att.attended')}</label>
          <label><input type="radio" name="outcome.${id}" value="ABSENT"${attr('checked', row.outcome === 'ABSENT')}> ${t('att.absent')}</label>
        </div>
        <div class="absence">
          <div class="field"><label for="reason-${id}">${t('att.reason')}</label>
            <select id="reason-${id}" name="reason.${id}">
              <option value="">${t('att.choose')}</option>
              ${row.options.map(([value, label]) => html`<option value="${value}"${attr('selected', row.reason === value)}>${label}</option>`)}
            </select></div>
          ${
            row.note === undefined
              ? ''
              : html`<div class="field"><label for="note-${id}">${t('att.note')}</label>
            <input id="note-${id}" name="note.${id}" value="${row.note}" maxlength="1000" aria-describedby="note-help"></div>`
          }
        </div>
      </fieldset>
      ${errors.map((m) => html`<p class="row-error" role="alert">${m}</p>`)}
    </div>
  </div>`;
}

export function rosterFormPage(ctx: WebContext, v: RosterFormView): string {
  const { t, lang } = ctx;
  const r = v.roster;
  const title = `${r.activityName} – ${formatDay(r.date, lang)}${r.date.slice(0, 4)} ${t(`period.${r.period}`)}`;
  const recordable = r.attendanceRequired && (!r.outsideEditWindow || v.canChangeOld);
  const c = r.counts;
  return layout(ctx, {
    title,
    body: html`<p><a href="${WEB_PREFIX}/attendance?date=${r.date}">← ${t('att.title')} ${formatDate(r.date)}</a></p>
      <h1>${r.activityName} <span class="sub">${formatDay(r.date, lang)}${r.date.slice(0, 4)} · ${t(`period.${r.period}`)} ${r.startTime}–${r.endTime}</span></h1>
      <p id="counts" data-attended="${c.attended}" data-absent="${c.absent}" data-not-recorded="${c.notRecorded}">${t('att.counts', { attended: c.attended, absent: c.absent, notRecorded: c.notRecorded, total: c.total })}</p>
      ${v.flash ? notice('ok', v.flash) : ''}
      ${v.error ? notice('error', html`<p>${t('att.errors')}</p><p>${v.error}</p>`) : ''}
      ${r.cancelled ? notice('info', t('att.cancelled', { reason: codeLabel(lang, 'cancel', r.cancellationReason ?? '') })) : ''}
      ${!r.cancelled && !r.attendanceRequired ? notice('info', t('att.future')) : ''}
      ${r.outsideEditWindow ? notice('info', t('att.changeReasonHelp', { days: v.windowDays })) : ''}
      ${
        r.entries.length === 0
          ? html`<p>${t('att.empty')}</p>`
          : html`<form method="post" action="${WEB_PREFIX}/attendance/${r.sessionId}" class="roster-form" novalidate>
          ${csrfField(ctx)}
          ${r.entries.some((e) => !isTeacherEntry(e)) ? html`<p id="note-help" class="muted small">${t('att.noteHelp')}</p>` : ''}
          ${recordable ? html`<div class="actions"><button type="submit" name="action" value="all-attended" data-mark-all>${t('att.markAll')}</button></div>` : ''}
          ${r.entries.map((e) => rowFor(ctx, e, v, !recordable))}
          ${
            recordable && r.outsideEditWindow
              ? html`<div class="field"><label for="changeReason">${t('att.changeReason')}</label><input id="changeReason" name="changeReason" maxlength="1000" required></div>`
              : ''
          }
          ${recordable ? html`<div class="actions"><button type="submit" class="primary" name="action" value="save">${t('att.save')}</button></div>` : ''}
        </form>`
      }`,
  });
}
