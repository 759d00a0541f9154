import { DayPeriod } from '../../activities/activity.enums';
import type { PlanSessionDto, WeekPlanDto } from '../../week-plan/dto/week-plan.dto';
import { formatDate, formatDay } from '../shared/format';
import { html } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { layout } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';

/** The day's rosters of a prison, one block per session, laid out for paper (see print.css). */
export function printPage(ctx: WebContext, prison: PrisonRef, date: string, plan: WeekPlanDto): string {
  const { t, lang } = ctx;
  const sessions: Array<{ activity: string; location: string; s: PlanSessionDto }> = [];
  for (const period of [DayPeriod.AM, DayPeriod.PM]) {
    for (const a of plan.activities) {
      for (const s of a.sessions) if (s.date === date && s.period === period) sessions.push({ activity: a.name, location: a.location, s });
    }
  }
  const title = t('print.title', { date: formatDate(date) });
  return layout(ctx, {
    title,
    body: html`<div class="no-print"><p><a href="${WEB_PREFIX}/planner?prisonId=${prison.id}">← ${t('planner.title')}</a></p>
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
              : html`<table class="list">
              <thead><tr><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('app.unit')}</th><th scope="col">${t('att.attended')}</th><th scope="col">${t('print.signature')}</th></tr></thead>
              <tbody>${s.prisoners.map((p) => html`<tr><td>${p.name}</td><td>${p.prisonerNumber}</td><td>${p.unitName ?? ''}</td><td class="box"></td><td class="sign"></td></tr>`)}</tbody>
            </table>`
          }
        </section>`,
      )}`,
  });
}
