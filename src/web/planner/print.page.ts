import { DayPeriod } from '../../activities/activity.enums';
import type { PlanSessionDto, WeekPlanDto } from '../../week-plan/dto/week-plan.dto';
import { formatDate, formatDay } from '../shared/format';
import { attr, html } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { layout } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';

/**
 * The day's rosters of a prison, one block per session, laid out for paper (see print.css); with an
 * activity chosen, only that activity's rosters (none if the day has no such activity). On a phone each roster line becomes a card (table.stack).
 */
export function printPage(ctx: WebContext, prison: PrisonRef, date: string, plan: WeekPlanDto, activityId?: string): string {
  const { t, lang } = ctx;
  const ofDay = plan.activities.filter((a) => a.sessions.some((s) => s.date === date));
  const chosen = ofDay.find((a) => a.activityId === activityId);
  const sessions: Array<{ activity: string; location: string; s: PlanSessionDto }> = [];
  for (const period of [DayPeriod.AM, DayPeriod.PM]) {
    for (const a of activityId === undefined ? plan.activities : chosen ? [chosen] : []) {
      for (const s of a.sessions) if (s.date === date && s.period === period) sessions.push({ activity: a.name, location: a.location, s });
    }
  }
  const title = chosen ? `${chosen.name} – ${t('print.title', { date: formatDate(date) })}` : t('print.title', { date: formatDate(date) });
  const cols = [t('app.name.col'), t('app.number'), t('app.unit'), t('att.attended'), t('print.signature')];
  return layout(ctx, {
    title,
    body: html`<div class="no-print"><p><a href="${WEB_PREFIX}/planner?prisonId=${prison.id}">← ${t('planner.title')}</a></p>
        <form method="get" action="${WEB_PREFIX}/planner/print" class="picker" id="print-filter">
          <input type="hidden" name="prisonId" value="${prison.id}">
          <input type="hidden" name="date" value="${date}">
          <label for="activity">${t('print.activityChoice')}</label>
          <select id="activity" name="activity"><option value="">${t('print.allActivities')}</option>${ofDay.map(
            (a) => html`<option value="${a.activityId}"${attr('selected', a.activityId === chosen?.activityId)}>${a.name}</option>`,
          )}</select>
          <button type="submit">${t('app.show')}</button>
        </form>
        <p id="print-count" data-count="${sessions.length}">${t('print.count', { n: sessions.length })}</p>
        <button type="button" class="primary" data-print>${t('app.print')}</button></div>
      <h1>${title} <span class="sub">${prison.name} · ${formatDay(date, lang)}</span></h1>
      ${sessions.length === 0 ? html`<p>${t('att.noSessions')}</p>` : ''}
      ${sessions.map(
        ({ activity, location, s }) => html`<section class="print-roster" aria-label="${activity} ${t(`period.${s.period}`)}">
          <h2>${activity} – ${t(`period.${s.period}`)} ${s.startTime}–${s.endTime}</h2>
          <p class="meta">${location} · ${t('app.staff')}: ${s.staff?.name ?? t('app.none')} · ${t('planner.allocatedLabel', { allocated: s.allocated, capacity: s.capacity })}
            ${s.cancelled ? html` · <strong>${t('planner.cancelled')}: ${codeLabel(lang, 'cancel', s.cancelled.reason)}</strong>` : ''}</p>
          ${
            s.prisoners.length === 0
              ? html`<p>${t('session.emptyRoster')}</p>`
              : html`<table class="list stack">
              <thead><tr>${cols.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
              <tbody>${s.prisoners.map(
                (p) =>
                  html`<tr><td data-label="${cols[0]}">${p.name}</td><td data-label="${cols[1]}">${p.prisonerNumber}</td><td data-label="${cols[2]}">${p.unitName ?? ''}</td><td class="box" data-label="${cols[3]}"></td><td class="sign" data-label="${cols[4]}"></td></tr>`,
              )}</tbody>
            </table>`
          }
        </section>`,
      )}`,
  });
}
