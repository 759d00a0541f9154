import type { MySessionDto } from '../../teaching/dto/my-session.dto';
import type { TeacherRosterDto, RosterDto } from '../../teaching/dto/roster.dto';
import { eachDate } from '../../calendar/domain/oslo-time';
import { parseIsoWeek } from '../../calendar/domain/iso-week';
import { formatDate, formatDay } from '../shared/format';
import { html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { layout, notice } from '../shared/layout';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { weekPicker } from '../shared/widgets';

export interface TimetableView {
  week: string;
  sessions: MySessionDto[];
}

/** The calendar subscription lives on its own page (a link here, near the top, not a form at the bottom). */
function icsLink(ctx: WebContext): SafeHtml {
  return html`<p class="ics-link"><a href="${WEB_PREFIX}/teacher/calendar">${ctx.t('cal.open')}</a></p>`;
}

export function timetablePage(ctx: WebContext, v: TimetableView): string {
  const { t, lang } = ctx;
  const { monday } = parseIsoWeek(v.week);
  const days = eachDate(monday, parseIsoWeek(v.week).sunday);
  return layout(ctx, {
    title: t('teacher.title'),
    body: html`<h1>${t('teacher.title')}</h1>
      ${icsLink(ctx)}
      ${weekPicker(ctx, `${WEB_PREFIX}/teacher`, v.week, {})}
      ${v.sessions.length === 0 ? html`<p>${t('teacher.noSessions')}</p>` : ''}
      ${days
        .map((d) => ({ d, list: v.sessions.filter((s) => s.date === d) }))
        .filter((x) => x.list.length > 0)
        .map(
          ({ d, list }) => html`<h2>${formatDay(d, lang)}${d.slice(0, 4)}</h2>
          <ul class="sessions-list">${list.map(
            (s) => html`<li data-session="${s.sessionId}">
              <span><a class="open" href="${WEB_PREFIX}/teacher/sessions/${s.sessionId}">${s.activityName}</a><br>
                <span class="muted">${t(`period.${s.period}`)} ${s.startTime}–${s.endTime} · ${s.location} · ${s.prisonName}</span></span>
              <span>${s.cancelled ? html`<span class="badge cancelled">${t('planner.cancelled')}: ${codeLabel(lang, 'cancel', s.cancelled.reason)}</span> ` : ''}${t('teacher.booked', { booked: s.booked })}</span>
            </li>`,
          )}</ul>`,
        )}
`,
  });
}

/** A class list: teacher-safe fields only (the teacher's DTO has nothing else). */
export function teacherRosterPage(ctx: WebContext, r: TeacherRosterDto | RosterDto): string {
  const { t, lang } = ctx;
  const title = t('teacher.rosterOf', {
    activity: r.activityName,
    day: `${formatDay(r.date, lang)}${r.date.slice(0, 4)}`,
    period: t(`period.${r.period}`),
  });
  return layout(ctx, {
    title,
    body: html`<p><a href="${WEB_PREFIX}/teacher">← ${t('teacher.title')}</a></p>
      <h1>${r.activityName} <span class="sub">${formatDay(r.date, lang)}${r.date.slice(0, 4)} · ${t(`period.${r.period}`)} ${r.startTime}–${r.endTime} · ${r.location}</span></h1>
      ${r.cancelled ? notice('info', t('att.cancelled', { reason: codeLabel(lang, 'cancel', r.cancelled.reason) })) : ''}
      <p>${t('teacher.booked', { booked: r.booked })} · <a href="${WEB_PREFIX}/teacher/sessions/${r.sessionId}/roster.csv?lang=${lang}" download>${t('teacher.csv')}</a>
        · <a href="${WEB_PREFIX}/attendance/${r.sessionId}">${t('teacher.attendance')}</a></p>
      ${
        r.entries.length === 0
          ? html`<p>${t('att.empty')}</p>`
          : html`<table class="list roster stack" id="roster">
          <caption>${t('teacher.roster')} ${formatDate(r.date)}</caption>
          <thead><tr><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('app.unit')}</th><th scope="col">${t('teacher.eduRight')}</th><th scope="col">${t('teacher.eduLevel')}</th></tr></thead>
          <tbody>${r.entries.map(
            (e) =>
              html`<tr data-prisoner="${e.prisonerId}"><td data-label="${t('app.name.col')}">${e.lastName}, ${e.firstName}</td><td data-label="${t('app.number')}">${e.prisonerNumber}</td><td data-label="${t('app.unit')}">${e.unitName ?? ''}</td><td data-label="${t('teacher.eduRight')}">${codeLabel(lang, 'eduRight', e.educationRight)}</td><td data-label="${t('teacher.eduLevel')}">${codeLabel(lang, 'eduLevel', e.educationLevel)}</td></tr>`,
          )}</tbody>
        </table>`
      }`,
  });
}
