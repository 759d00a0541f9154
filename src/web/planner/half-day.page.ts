import { DayPeriod } from '../../activities/activity.enums';
import type { HalfDaySession } from '../../allocations/candidate-suitability';
import type { SuitabilityCheck } from '../../allocations/domain/suitability';
import { isoWeekOf } from '../../calendar/domain/iso-week';
import type { WeekPlanDto } from '../../week-plan/dto/week-plan.dto';
import { formatDay } from '../shared/format';
import { attr, html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { layout } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { WebContext, withQuery } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import type { Candidate, CandidatePage } from './candidates.service';
import { PAGE_STEP } from './candidates.service';

export interface HalfDayView {
  prison: PrisonRef;
  date: string;
  period: DayPeriod;
  plan: WeekPlanDto;
  q?: string;
  activityId?: string;
  page: CandidatePage<Candidate & { checks: Map<string, SuitabilityCheck[]> }> & { sessions: HalfDaySession[] };
}

function failed(checks: SuitabilityCheck[]): SuitabilityCheck[] {
  return checks.filter((c) => !c.passed);
}

/** Eligible sessions shown at once per person; the rest fold (a free person often fits 30+ sessions). */
const SHOWN_INLINE = 6;

function sessionLink(ctx: WebContext, c: Candidate, s: HalfDaySession): SafeHtml {
  return html`<li><a href="${WEB_PREFIX}/planner/sessions/${s.id}?q=${encodeURIComponent(c.prisonerNumber)}#add">${s.activity.name}</a> <span class="muted">(${ctx.t('plan.halfDay.freePlaces', { free: Math.max(0, s.capacity - s.allocatedPrisonerIds.length) })})</span></li>`;
}

function row(ctx: WebContext, v: HalfDayView, c: HalfDayView['page']['items'][number]): SafeHtml {
  const { t, lang } = ctx;
  const ok = v.page.sessions.filter((s) => failed(c.checks.get(s.id) ?? []).length === 0 && c.checks.has(s.id));
  const not = v.page.sessions.filter((s) => c.checks.has(s.id) && failed(c.checks.get(s.id) ?? []).length > 0);
  return html`<tr data-prisoner="${c.id}">
    <th scope="row">${c.name}</th><td>${c.prisonerNumber}</td><td>${c.unitName ?? ''}</td><td class="num">${c.activeDays}</td>
    <td class="eligible">${
      ok.length === 0
        ? html`<span class="muted">${t('plan.halfDay.noneEligible')}</span>`
        : html`<ul class="inline-list">${ok.slice(0, SHOWN_INLINE).map((s) => sessionLink(ctx, c, s))}</ul>${
            ok.length > SHOWN_INLINE
              ? html`<details><summary>${t('plan.halfDay.more', { n: ok.length - SHOWN_INLINE })}<span class="sr-only"> – ${c.name}</span></summary><ul class="inline-list">${ok
                  .slice(SHOWN_INLINE)
                  .map((s) => sessionLink(ctx, c, s))}</ul></details>`
              : ''
          }`
    }</td>
    <td>${
      not.length === 0
        ? ''
        : html`<details><summary>${t('plan.halfDay.notEligible', { n: not.length })}<span class="sr-only"> – ${c.name}</span></summary><ul class="plain reasons">${not.map(
            (s) =>
              html`<li><strong>${s.activity.name}:</strong> ${failed(c.checks.get(s.id) ?? [])
                .map((f) => codeLabel(lang, 'check', f.code))
                .join(', ')}</li>`,
          )}</ul></details>`
    }</td>
  </tr>`;
}

/** Who is free in a half-day, and which of the half-day's sessions each of them can join. */
export function halfDayPage(ctx: WebContext, v: HalfDayView): string {
  const { t, lang } = ctx;
  const title = t('plan.halfDay.title', { day: formatDay(v.date, lang), period: t(`period.${v.period}`).toLocaleLowerCase(lang) });
  const days = v.plan.days.filter((d) => d.weekday <= 5);
  const activities = v.plan.activities.filter((a) => a.sessions.some((s) => s.date === v.date && s.period === v.period));
  const more = v.page.total > v.page.items.length;
  return layout(ctx, {
    title,
    body: html`<p><a href="${WEB_PREFIX}/planner?prisonId=${v.prison.id}&amp;week=${isoWeekOf(v.date)}">← ${t('planner.title')}</a></p>
      <h1>${title}</h1>
      <p>${t('plan.halfDay.intro')}</p>
      <form method="get" action="${WEB_PREFIX}/planner/half-day" class="filters" role="search">
        <input type="hidden" name="prisonId" value="${v.prison.id}">
        <div class="field"><label for="hd-date">${t('app.date')}</label>
          <select id="hd-date" name="date">${days.map((d) => html`<option value="${d.date}"${attr('selected', d.date === v.date)}>${formatDay(d.date, lang)}</option>`)}</select></div>
        <div class="field"><label for="hd-period">${t('plan.halfDay.pick')}</label>
          <select id="hd-period" name="period">${[DayPeriod.AM, DayPeriod.PM].map((p) => html`<option value="${p}"${attr('selected', p === v.period)}>${t(`period.${p}`)}</option>`)}</select></div>
        <div class="field"><label for="hd-activity">${t('app.activity')}</label>
          <select id="hd-activity" name="activity"><option value="">${t('plan.filter.any')}</option>${activities.map(
            (a) => html`<option value="${a.activityId}"${attr('selected', a.activityId === v.activityId)}>${a.name}</option>`,
          )}</select></div>
        <div class="field"><label for="hd-q">${t('plan.search')}</label><input id="hd-q" name="q" type="search" value="${v.q ?? ''}"></div>
        <button type="submit">${t('app.show')}</button>
      </form>
      <p id="half-day-count" aria-live="polite">${t('plan.halfDay.count', { shown: v.page.items.length, total: v.page.total })}</p>
      ${
        v.page.items.length === 0
          ? html`<p>${t('plan.halfDay.none')}</p>`
          : html`<div class="table-wrap" role="region" aria-labelledby="half-day-caption" tabindex="0"><table class="list" id="half-day">
          <caption id="half-day-caption">${title}</caption>
          <thead><tr><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('app.unit')}</th><th scope="col">${t('plan.activeDays')}</th><th scope="col">${t('plan.halfDay.eligible')}</th><th scope="col">${t('app.reason')}</th></tr></thead>
          <tbody>${v.page.items.map((c) => row(ctx, v, c))}</tbody></table></div>`
      }
      ${more ? html`<p><a href="${withQuery(ctx.url, { limit: String(v.page.limit + PAGE_STEP) })}">${t('plan.page.more')}</a></p>` : ''}`,
  });
}
