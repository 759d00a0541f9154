import { DayPeriod } from '../../activities/activity.enums';
import type { PlanDraftSummaryDto } from '../../planning/dto/plan-draft.dto';
import type { NoActivityListDto, PlanSessionDto, WeekPlanDto } from '../../week-plan/dto/week-plan.dto';
import { draftsBlock } from './draft.page';
import { formatDate, formatDay } from '../shared/format';
import { ruleText } from '../shared/rule-text';
import { html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { layout } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { prisonPicker, weekPicker } from '../shared/widgets';

export interface WeekGridView {
  prison: PrisonRef;
  prisons: PrisonRef[];
  week: string;
  plan: WeekPlanDto;
  noActivity: NoActivityListDto;
  /** The week's automatic-planner drafts, latest first. */
  drafts: PlanDraftSummaryDto[];
}

const PERIODS = [DayPeriod.AM, DayPeriod.PM];

function cell(ctx: WebContext, activityName: string, s: PlanSessionDto | undefined): SafeHtml {
  const { t, lang } = ctx;
  if (!s) return html`<td class="empty"><span class="muted">–</span><span class="sr-only">${t('planner.noSession')}</span></td>`;
  const full = s.free <= 0;
  const context = ` – ${activityName}, ${formatDay(s.date, lang)} ${t(`period.${s.period}`)}`;
  const clashes = s.prisoners.reduce((n, p) => n + p.clashes.length, 0);
  return html`<td class="${s.cancelled ? 'cancelled' : full ? 'full' : 'open'}" data-session="${s.sessionId}">
    <a class="count" href="${WEB_PREFIX}/planner/sessions/${s.sessionId}"><span class="n">${t('planner.allocated', { allocated: s.allocated, capacity: s.capacity })}</span><span class="sr-only">${context}</span></a>
    ${s.cancelled ? html`<span class="badge cancelled">${t('planner.cancelled')}: ${codeLabel(lang, 'cancel', s.cancelled.reason)}</span>` : ''}
    ${clashes > 0 ? html`<span class="badge clash">${t('planner.clash')}: ${clashes}</span>` : ''}
    ${s.staff ? html`<span class="staff">${s.staff.name}</span>` : ''}
    ${
      s.prisoners.length > 0
        ? html`<ul class="names">${s.prisoners.map((p) => html`<li${p.clashes.length > 0 ? html` class="has-clash" title="${p.clashes.map((c) => ruleText(lang, c)).join('; ')}"` : ''}>${p.name}</li>`)}</ul>`
        : ''
    }
  </td>`;
}

function grid(ctx: WebContext, plan: WeekPlanDto): SafeHtml {
  const { t, lang } = ctx;
  const days = plan.days.filter((d) => d.weekday <= 5);
  if (plan.activities.length === 0) return html`<p>${t('planner.noActivities')}</p>`;
  return html`<div class="table-wrap" role="region" aria-labelledby="grid-caption" tabindex="0">
  <table class="grid">
    <caption id="grid-caption">${t('planner.title')} ${plan.week}</caption>
    <thead>
      <tr>
        <th scope="col" rowspan="2">${t('app.activity')}</th>
        ${days.map(
          (d) =>
            html`<th scope="colgroup" colspan="2" class="${d.counted ? '' : 'holiday'}">${formatDay(d.date, lang)}${d.holiday ? html`<br><span class="badge">${t('planner.holiday', { name: d.holiday })}</span>` : ''}</th>`,
        )}
      </tr>
      <tr>${days.map(() => PERIODS.map((p) => html`<th scope="col"><abbr title="${t(`period.${p}`)}">${t(`period.short.${p}`)}</abbr></th>`))}</tr>
    </thead>
    <tbody>
      ${plan.activities.map(
        (a) => html`<tr>
          <th scope="row"><span class="activity-name">${a.name}</span><span class="muted small">${codeLabel(lang, 'kind', a.kind)} · ${a.location}</span></th>
          ${days.map((d) =>
            PERIODS.map((p) =>
              cell(
                ctx,
                a.name,
                a.sessions.find((s) => s.date === d.date && s.period === p),
              ),
            ),
          )}
        </tr>`,
      )}
    </tbody>
  </table>
  </div>`;
}

function noActivityList(ctx: WebContext, list: NoActivityListDto): SafeHtml {
  const { t, lang } = ctx;
  return html`<section aria-labelledby="no-activity">
    <h2 id="no-activity">${t('planner.noActivity.title')}</h2>
    <p>${t('planner.noActivity.summary', { planned: list.plannedDays, days: list.prisonerDays })}</p>
    ${
      list.days.length === 0
        ? html`<p>${t('planner.noActivity.empty')}</p>`
        : html`<div class="table-wrap" role="region" aria-labelledby="no-activity" tabindex="0"><table class="list">
          <thead><tr><th scope="col">${t('app.date')}</th><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('app.unit')}</th><th scope="col">${t('app.reason')}</th></tr></thead>
          <tbody>${list.days.map(
            (d) =>
              html`<tr><td>${formatDay(d.date, lang)}</td><td>${d.name}</td><td>${d.prisonerNumber}</td><td>${d.unitName ?? ''}</td><td>${codeLabel(lang, 'noActivity', d.reason)}${d.reason === 'UNAVAILABLE' ? html` <span class="muted">(${ruleText(lang, d)})</span>` : ''}</td></tr>`,
          )}</tbody>
        </table></div>`
    }
  </section>`;
}

export function weekGridPage(ctx: WebContext, v: WeekGridView): string {
  const { t } = ctx;
  const totals = v.plan.totals;
  const days = v.plan.days.filter((d) => d.weekday <= 5);
  return layout(ctx, {
    title: `${t('planner.title')} ${v.week}`,
    body: html`<h1>${t('planner.title')}</h1>
      ${prisonPicker(ctx, `${WEB_PREFIX}/planner`, v.prison, v.prisons, { week: v.week })}
      ${weekPicker(ctx, `${WEB_PREFIX}/planner`, v.week, { prisonId: v.prison.id })}
      <p>${t('planner.intro')}</p>
      <p id="totals">${t('planner.totals', { allocated: totals.allocated, places: totals.places, sessions: totals.sessions, cancelled: totals.cancelledSessions, clashes: totals.clashes })}</p>
      <nav class="print-links" aria-label="${t('planner.printDay')}"><span>${t('planner.printDay')}:</span>
        ${days.map((d) => html` <a href="${WEB_PREFIX}/planner/print?prisonId=${v.prison.id}&amp;date=${d.date}">${formatDate(d.date)}</a>`)}
      </nav>
      ${grid(ctx, v.plan)}
      ${noActivityList(ctx, v.noActivity)}
      ${draftsBlock(ctx, v.prison.id, v.week, v.drafts)}`,
  });
}
