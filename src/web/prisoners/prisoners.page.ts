import { DayPeriod } from '../../activities/activity.enums';
import { UnavailabilityKind } from '../../availability/availability.enums';
import type { UnavailabilityDto } from '../../availability/dto/unavailability.dto';
import type { PrisonerDto } from '../../prisoners/dto/prisoner.dto';
import { formatDate, formatDay } from '../shared/format';
import { attr, html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { csrfField, layout, notice } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { fieldAria, fieldError, FieldErrors, refusalSummary } from '../shared/task-errors';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { prisonPicker, weekPicker } from '../shared/widgets';
import { TASKS_SCRIPT } from '../sessions/sessions.page';
import type { HalfDay, PrisonerWeek } from './prisoner-tasks.service';

const BASE = `${WEB_PREFIX}/prisoners`;
const nameOf = (p: { firstName: string; lastName: string }) => `${p.lastName}, ${p.firstName}`;

/** Find a prisoner by name or number. */
export function prisonerSearchPage(
  ctx: WebContext,
  v: { prison: PrisonRef; prisons: PrisonRef[]; search?: string; items: PrisonerDto[]; total: number },
): string {
  const { t } = ctx;
  return layout(ctx, {
    title: t('prisoners.title'),
    scripts: [TASKS_SCRIPT],
    body: html`<h1>${t('prisoners.title')}</h1>
      ${prisonPicker(ctx, BASE, v.prison, v.prisons, v.search ? { search: v.search } : {})}
      <form method="get" action="${BASE}" class="picker" role="search">
        <input type="hidden" name="prisonId" value="${v.prison.id}">
        <label for="search">${t('prisoners.search')}</label>
        <input id="search" name="search" type="search" value="${v.search ?? ''}" required minlength="2" autocomplete="off">
        <button type="submit">${t('prisoners.searchButton')}</button>
      </form>
      ${
        v.search === undefined
          ? ''
          : v.items.length === 0
            ? html`<p role="status">${t('prisoners.noResults')}</p>`
            : html`<p role="status">${t('prisoners.results', { count: v.total })}</p>
              <ul class="task-list prisoners">${v.items.map(
                (p) =>
                  html`<li><a href="${BASE}/${p.id}" class="name">${nameOf(p)}</a><span>${p.prisonerNumber}</span><span>${p.custody?.unitName ?? ''}</span></li>`,
              )}</ul>`
      }`,
  });
}

export interface PrisonerPageView {
  prisoner: PrisonerDto;
  week: PrisonerWeek;
  previous: PrisonerWeek;
  upcoming: UnavailabilityDto[];
  today: string;
  flash?: string;
  error?: string;
  form?: Record<string, string | undefined>;
  /** A refused entry: the reason at each field it names. */
  fieldErrors?: FieldErrors;
}

function halfDayText(ctx: WebContext, h: HalfDay): SafeHtml {
  const { t, lang } = ctx;
  const parts: SafeHtml[] = [];
  if (h.activity) {
    parts.push(
      h.activity.cancelled
        ? html`<span class="badge cancelled">${t('prisoners.cancelledSession', { activity: h.activity.name })}</span> <span class="small">${codeLabel(lang, 'cancel', h.activity.cancelled)}</span>`
        : html`<span>${h.activity.name}</span>`,
    );
  }
  for (const u of h.unavailable)
    parts.push(html`<span class="badge clash">${t('prisoners.unavailable', { kind: codeLabel(lang, 'unavail', u.kind) })}</span>`);
  if (parts.length === 0) parts.push(html`<span class="muted">${t('prisoners.nothing')}</span>`);
  return html`${parts.map((p, i) => html`${i > 0 ? ' ' : ''}${p}`)}`;
}

function weekList(ctx: WebContext, w: PrisonerWeek, id: string): SafeHtml {
  const { t, lang } = ctx;
  return html`<ul class="task-list prisoner-week" id="${id}">${w.days.map(
    (d) => html`<li data-date="${d.date}"><span class="name">${formatDay(d.date, lang)}</span>
      ${d.halves.map((h) => html`<span class="half" data-period="${h.period}">${t(`period.short.${h.period}`)}: ${halfDayText(ctx, h)}</span>`)}
    </li>`,
  )}</ul>`;
}

/** One prisoner: this week and last week half-day by half-day, and their unavailability (record, end). */
export function prisonerPage(ctx: WebContext, v: PrisonerPageView): string {
  const { t, lang } = ctx;
  const p = v.prisoner;
  const action = `${BASE}/${p.id}`;
  const f = v.form ?? {};
  const errors = v.fieldErrors ?? {};
  const labels = {
    kind: t('unavail.kind'),
    fromDate: t('unavail.from'),
    toDate: t('unavail.to'),
    period: t('unavail.when'),
    note: t('tasks.note'),
  };
  const kinds = Object.values(UnavailabilityKind);
  return layout(ctx, {
    title: t('prisoners.weekTitle', { name: nameOf(p), number: p.prisonerNumber }),
    scripts: [TASKS_SCRIPT],
    body: html`<p><a href="${BASE}?prisonId=${p.custody?.prisonId ?? ''}">← ${t('prisoners.title')}</a></p>
      <h1>${nameOf(p)} <span class="sub">${p.prisonerNumber}${p.custody ? `, ${p.custody.unitName}` : ''}</span></h1>
      <div id="feedback" aria-live="polite">${v.flash ? notice('ok', v.flash) : ''}${v.error ? notice('error', refusalSummary(v.error, errors, labels)) : ''}</div>
      <section aria-labelledby="week-title">
        <h2 id="week-title">${t('prisoners.week')}</h2>
        ${weekPicker(ctx, action, v.week.week, {})}
        ${weekList(ctx, v.week, 'this-week')}
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">${t('prisoners.recent')}</h2>
        ${weekList(ctx, v.previous, 'previous-week')}
      </section>
      <section aria-labelledby="unavail-title" class="card">
        <h2 id="unavail-title">${t('unavail.heading')}</h2>
        ${
          v.upcoming.length === 0
            ? html`<p>${t('unavail.none')}</p>`
            : html`<ul class="task-list unavailability">${v.upcoming.map((u) => {
                const kind = codeLabel(lang, 'unavail', u.kind);
                const period = t('unavail.period', { from: formatDate(u.fromDate), to: formatDate(u.toDate) });
                return html`<li data-entry="${u.id}"><span class="name">${kind}</span><span>${period}</span>
                  <span>${u.period ? t(`period.${u.period}`) : u.startTime ? `${u.startTime}–${u.endTime}` : t('unavail.wholeDay')}</span>
                  ${u.note ? html`<span class="small">${u.note}</span>` : ''}
                  <form method="post" action="${action}/unavailability/${u.id}/end" class="inline row-actions">${csrfField(ctx)}
                    <button type="submit" aria-label="${t('unavail.endLabel', { kind, from: formatDate(u.fromDate), to: formatDate(u.toDate) })}">${t('unavail.end')}</button>
                  </form></li>`;
              })}</ul>
              <p class="small muted">${t('unavail.endHelp')}</p>`
        }
        <form method="post" action="${action}/unavailability" id="unavail-form">
          ${csrfField(ctx)}
          <div class="field"><label for="kind">${t('unavail.kind')}</label>${fieldError('kind', errors.kind)}
            <select id="kind" name="kind" required${fieldAria('kind', errors.kind)}>${kinds.map((k) => html`<option value="${k}"${attr('selected', f.kind === k)}>${codeLabel(lang, 'unavail', k)}</option>`)}</select></div>
          <div class="field"><label for="fromDate">${t('unavail.from')}</label>${fieldError('fromDate', errors.fromDate)}
            <input id="fromDate" name="fromDate" type="date" required value="${f.fromDate ?? v.today}"${fieldAria('fromDate', errors.fromDate)}></div>
          <div class="field"><label for="toDate">${t('unavail.to')} <span class="muted">(${t('tasks.optional')})</span></label>${fieldError('toDate', errors.toDate)}
            <input id="toDate" name="toDate" type="date" value="${f.toDate ?? ''}"${fieldAria('toDate', errors.toDate, 'toDate-help')}><p id="toDate-help" class="small muted">${t('unavail.toHelp')}</p></div>
          <div class="field"><label for="period">${t('unavail.when')}</label>${fieldError('period', errors.period)}
            <select id="period" name="period"${fieldAria('period', errors.period)}>
              <option value="">${t('unavail.wholeDay')}</option>
              ${[DayPeriod.AM, DayPeriod.PM].map((x) => html`<option value="${x}"${attr('selected', f.period === x)}>${t(`period.${x}`)}</option>`)}
            </select></div>
          <div class="field"><label for="note">${t('tasks.note')} <span class="muted">(${t('tasks.optional')})</span></label>${fieldError('note', errors.note)}
            <input id="note" name="note" type="text" maxlength="1000" value="${f.note ?? ''}"${fieldAria('note', errors.note)}></div>
          <div class="actions"><button type="submit" class="primary">${t('unavail.add')}</button></div>
        </form>
      </section>`,
  });
}
