import { addDays } from '../../calendar/domain/oslo-time';
import { isoWeekOf, parseIsoWeek } from '../../calendar/domain/iso-week';
import { formatDate, formatWeek } from './format';
import { attr, html, SafeHtml } from './html';
import type { PrisonRef } from './prison-choice';
import { WebContext, withQuery } from './web-context';

/** A GET form choosing the prison (hidden when the user has only one). */
export function prisonPicker(
  ctx: WebContext,
  action: string,
  prison: PrisonRef,
  prisons: PrisonRef[],
  keep: Record<string, string> = {},
): SafeHtml {
  if (prisons.length <= 1) return html`<p class="prison-name">${prison.name}</p>`;
  return html`<form method="get" action="${action}" class="picker">
    ${Object.entries(keep).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
    <label for="prisonId">${ctx.t('app.prison')}</label>
    <select id="prisonId" name="prisonId">
      ${prisons.map((p) => html`<option value="${p.id}"${attr('selected', p.id === prison.id)}>${p.name}</option>`)}
    </select>
    <button type="submit">${ctx.t('app.show')}</button>
  </form>`;
}

/** Previous/next week links and an ISO week as text (2026-W51): `<input type=week>` does not exist in Safari on iPhones. */
export function weekPicker(ctx: WebContext, action: string, week: string, keep: Record<string, string>): SafeHtml {
  const { monday } = parseIsoWeek(week);
  const prev = isoWeekOf(addDays(monday, -7));
  const next = isoWeekOf(addDays(monday, 7));
  return html`<div class="week-nav">
    <a href="${withQuery(ctx.url, { week: prev })}" rel="prev">← ${ctx.t('app.previousWeek')}</a>
    <form method="get" action="${action}" class="picker">
      ${Object.entries(keep).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
      <label for="week">${ctx.t('app.week')}</label>
      <input id="week" name="week" type="text" inputmode="text" autocomplete="off" spellcheck="false" size="9" value="${week}" required pattern="\\d{4}-W\\d{2}" placeholder="2026-W51" aria-describedby="week-help">
      <span id="week-help" class="sr-only">${ctx.t('week.textHelp')}</span>
      <button type="submit">${ctx.t('app.show')}</button>
    </form>
    <a href="${withQuery(ctx.url, { week: next })}" rel="next">${ctx.t('app.nextWeek')} →</a>
    <span class="week-label">${formatWeek(week, ctx.lang)} (${formatDate(monday)}–${formatDate(addDays(monday, 4))})</span>
  </div>`;
}

/** Previous/next day links and a date input. */
export function dayPicker(ctx: WebContext, action: string, date: string, keep: Record<string, string>): SafeHtml {
  return html`<div class="week-nav">
    <a href="${withQuery(ctx.url, { date: addDays(date, -1) })}" rel="prev">← ${ctx.t('app.previousDay')}</a>
    <form method="get" action="${action}" class="picker">
      ${Object.entries(keep).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
      <label for="date">${ctx.t('app.date')}</label>
      <input id="date" name="date" type="date" value="${date}" required>
      <button type="submit">${ctx.t('app.show')}</button>
    </form>
    <a href="${withQuery(ctx.url, { date: addDays(date, 1) })}" rel="next">${ctx.t('app.nextDay')} →</a>
  </div>`;
}
