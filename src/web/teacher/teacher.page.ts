import type { MySessionDto } from '../../teaching/dto/my-session.dto';
import type { TeacherRosterDto, RosterDto } from '../../teaching/dto/roster.dto';
import { eachDate } from '../../calendar/domain/oslo-time';
import { parseIsoWeek } from '../../calendar/domain/iso-week';
import { formatDate, formatDay } from '../shared/format';
import { html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { csrfField, layout, notice } from '../shared/layout';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { weekPicker } from '../shared/widgets';

export interface TimetableView {
  week: string;
  sessions: MySessionDto[];
  /** The calendar feed URL, only right after it was created (shown once). */
  feedUrl?: string;
  flash?: string;
}

function icsBlock(ctx: WebContext, v: TimetableView): SafeHtml {
  const { t } = ctx;
  return html`<section class="card" aria-labelledby="ics-title">
    <h2 id="ics-title">${t('teacher.ics.title')}</h2>
    <p>${t('teacher.ics.text')}</p>
    ${
      v.feedUrl
        ? html`<div class="notice ok" role="status"><p>${t('teacher.ics.url')}</p>
          <p><label for="feed-url" class="sr-only">${t('teacher.ics.url')}</label><input id="feed-url" readonly value="${v.feedUrl}" size="60"></p>
          <p><a href="${v.feedUrl.replace(/^https?:/, 'webcal:')}">webcal</a></p></div>`
        : ''
    }
    <div class="actions">
      <form method="post" action="${WEB_PREFIX}/teacher/calendar-feed">${csrfField(ctx)}<button type="submit">${t('teacher.ics.create')}</button></form>
      <form method="post" action="${WEB_PREFIX}/teacher/calendar-feed/revoke">${csrfField(ctx)}<button type="submit">${t('teacher.ics.revoke')}</button></form>
    </div>
  </section>`;
}

export function timetablePage(ctx: WebContext, v: TimetableView): string {
  const { t, lang } = ctx;
  const { monday } = parseIsoWeek(v.week);
  const days = eachDate(monday, parseIsoWeek(v.week).sunday);
  return layout(ctx, {
    title: t('teacher.title'),
    body: html`<h1>${t('teacher.title')}</h1>
      ${v.flash ? notice('ok', v.flash) : ''}
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
      ${icsBlock(ctx, v)}`,
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
          : html`<table class="list roster" id="roster">
          <caption>${t('teacher.roster')} ${formatDate(r.date)}</caption>
          <thead><tr><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('app.unit')}</th><th scope="col">${t('teacher.eduRight')}</th><th scope="col">${t('teacher.eduLevel')}</th></tr></thead>
          <tbody>${r.entries.map(
            (e) =>
              html`<tr data-prisoner="${e.prisonerId}"><td>${e.lastName}, ${e.firstName}</td><td>${e.prisonerNumber}</td><td>${e.unitName ?? ''}</td><td>${codeLabel(lang, 'eduRight', e.educationRight)}</td><td>${codeLabel(lang, 'eduLevel', e.educationLevel)}</td></tr>`,
          )}</tbody>
        </table>`
      }`,
  });
}
