import { DayPeriod } from '../../activities/activity.enums';
import type { PlanDraftSummaryDto } from '../../planning/dto/plan-draft.dto';
import type { NoActivityListDto, PlanActivityDto, PlanSessionDto, WeekPlanDto } from '../../week-plan/dto/week-plan.dto';
import { draftsBlock } from './draft.page';
import { formatDay } from '../shared/format';
import { ruleText } from '../shared/rule-text';
import { attr, html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { csrfField, layout } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { prisonPicker, weekPicker } from '../shared/widgets';
import { PLANNER_KINDS, PlannerFilter } from './planner-filter';

export interface WeekGridView {
  prison: PrisonRef;
  prisons: PrisonRef[];
  week: string;
  plan: WeekPlanDto;
  noActivity: NoActivityListDto;
  /** The week's automatic-planner drafts, latest first. */
  drafts: PlanDraftSummaryDto[];
  filter: PlannerFilter;
  /** The activities the filter keeps (a unit filter keeps only that unit's prisoners in them). */
  shown: PlanActivityDto[];
  /** Every activity of the week, for the activity filter. */
  units: string[];
  /** The user staffs at least one activity this week ("my activities" is offered). */
  hasMine: boolean;
}

const PERIODS = [DayPeriod.AM, DayPeriod.PM];

function cell(ctx: WebContext, activityName: string, s: PlanSessionDto | undefined, mode: PlannerFilter['mode']): SafeHtml {
  const { t, lang } = ctx;
  if (!s) return html`<td class="empty"><span class="muted">–</span><span class="sr-only">${t('planner.noSession')}</span></td>`;
  const full = s.free <= 0;
  const context = ` – ${activityName}, ${formatDay(s.date, lang)} ${t(`period.${s.period}`)}`;
  const clashing = s.prisoners.filter((p) => p.clashes.length > 0);
  const clashes = clashing.reduce((n, p) => n + p.clashes.length, 0);
  return html`<td class="${s.cancelled ? 'cancelled' : full ? 'full' : 'open'}" data-session="${s.sessionId}">
    <a class="count" href="${WEB_PREFIX}/planner/sessions/${s.sessionId}"><span class="n">${t('planner.allocated', { allocated: s.allocated, capacity: s.capacity })}</span><span class="sr-only">${context}</span></a>
    ${full && !s.cancelled ? html`<span class="badge full">${t('plan.full')}</span>` : ''}
    ${s.cancelled ? html`<span class="badge cancelled">${t('planner.cancelled')}: ${codeLabel(lang, 'cancel', s.cancelled.reason)}</span>` : ''}
    ${
      clashes > 0
        ? html`<details class="clash-details"><summary><span class="badge clash">${t('planner.clash')}: ${clashes}</span><span class="sr-only">${context}</span></summary>
          <ul>${clashing.map((p) => html`<li>${p.name}: ${p.clashes.map((c) => ruleText(lang, c)).join('; ')}</li>`)}</ul></details>`
        : ''
    }
    ${mode === 'names' && s.staff ? html`<span class="staff">${s.staff.name}</span>` : ''}
    ${
      mode === 'names' && s.prisoners.length > 0
        ? html`<ul class="names">${s.prisoners.map((p) => html`<li${p.clashes.length > 0 ? html` class="has-clash"` : ''}>${p.name}</li>`)}</ul>`
        : ''
    }
  </td>`;
}

function grid(ctx: WebContext, plan: WeekPlanDto, activities: PlanActivityDto[], mode: PlannerFilter['mode']): SafeHtml {
  const { t, lang } = ctx;
  const days = plan.days.filter((d) => d.weekday <= 5);
  if (plan.activities.length === 0) return html`<p>${t('planner.noActivities')}</p>`;
  if (activities.length === 0) return html`<p id="grid-empty">${t('plan.filter.none')}</p>`;
  return html`<div class="table-wrap grid-wrap" role="region" aria-labelledby="grid-caption" tabindex="0">
  <table class="grid ${mode}">
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
      ${activities.map(
        (a) => html`<tr data-activity="${a.activityId}">
          <th scope="row"><span class="activity-name">${a.name}</span><span class="muted small">${codeLabel(lang, 'kind', a.kind)} · ${a.location}</span></th>
          ${days.map((d) =>
            PERIODS.map((p) =>
              cell(
                ctx,
                a.name,
                a.sessions.find((s) => s.date === d.date && s.period === p),
                mode,
              ),
            ),
          )}
        </tr>`,
      )}
    </tbody>
  </table>
  </div>`;
}

function noActivityList(ctx: WebContext, list: NoActivityListDto, unit: string | undefined): SafeHtml {
  const { t, lang } = ctx;
  const days = unit ? list.days.filter((d) => d.unitName === unit) : list.days;
  return html`<section aria-labelledby="no-activity">
    <h2 id="no-activity">${t('planner.noActivity.title')}</h2>
    <p id="planned-now">${
      list.countedDays.length > 0
        ? t('plan.plannedNow.week', {
            planned: list.plannedDays,
            days: list.prisonerDays,
            from: formatDay(list.countedDays[0], lang),
            to: formatDay(list.countedDays[list.countedDays.length - 1], lang),
          })
        : t('planner.noActivity.summary', { planned: list.plannedDays, days: list.prisonerDays })
    }</p>
    ${
      days.length === 0
        ? html`<p>${t('planner.noActivity.empty')}</p>`
        : html`<details class="no-activity"><summary>${t('plan.noActivity.show', { n: days.length })}</summary><div class="table-wrap" role="region" aria-labelledby="no-activity" tabindex="0"><table class="list">
          <thead><tr><th scope="col">${t('app.date')}</th><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('app.unit')}</th><th scope="col">${t('app.reason')}</th></tr></thead>
          <tbody>${days.map(
            (d) =>
              html`<tr><td>${formatDay(d.date, lang)}</td><td>${d.name}</td><td>${d.prisonerNumber}</td><td>${d.unitName ?? ''}</td><td>${codeLabel(lang, 'noActivity', d.reason)}${d.reason === 'UNAVAILABLE' ? html` <span class="muted">(${ruleText(lang, d)})</span>` : ''}</td></tr>`,
          )}</tbody>
        </table></div></details>`
    }
  </section>`;
}

function filterForm(ctx: WebContext, v: WeekGridView): SafeHtml {
  const { t, lang } = ctx;
  const f = v.filter;
  const sel = (on: boolean) => attr('selected', on);
  return html`<form method="get" action="${WEB_PREFIX}/planner" class="filters" id="planner-filters">
    <input type="hidden" name="prisonId" value="${v.prison.id}"><input type="hidden" name="week" value="${v.week}">
    <div class="field"><label for="f-scope">${t('plan.filter.scope')}</label>
      <select id="f-scope" name="scope">
        <option value="mine"${sel(f.scope === 'mine')}>${t('plan.filter.mine')}${v.hasMine ? '' : ` (${t('plan.filter.noneMine')})`}</option>
        <option value="all"${sel(f.scope === 'all')}>${t('plan.filter.all')}</option>
      </select></div>
    <div class="field"><label for="f-activity">${t('app.activity')}</label>
      <select id="f-activity" name="activity"><option value="">${t('plan.filter.any')}</option>
        ${v.plan.activities.map((a) => html`<option value="${a.activityId}"${sel(a.activityId === f.activityId)}>${a.name}</option>`)}
      </select></div>
    <div class="field"><label for="f-kind">${t('plan.filter.kind')}</label>
      <select id="f-kind" name="kind"><option value="">${t('plan.filter.any')}</option>
        ${PLANNER_KINDS.map((k) => html`<option value="${k}"${sel(k === f.kind)}>${codeLabel(lang, 'kind', k)}</option>`)}
      </select></div>
    <div class="field"><label for="f-unit">${t('app.unit')}</label>
      <select id="f-unit" name="unit"><option value="">${t('plan.filter.any')}</option>
        ${v.units.map((u) => html`<option value="${u}"${sel(u === f.unit)}>${u}</option>`)}
      </select></div>
    <div class="field"><label for="f-mode">${t('plan.filter.mode')}</label>
      <select id="f-mode" name="mode">
        <option value="counts"${sel(f.mode === 'counts')}>${t('plan.filter.counts')}</option>
        <option value="names"${sel(f.mode === 'names')}>${t('plan.filter.names')}</option>
      </select></div>
    <button type="submit">${t('plan.filter.apply')}</button>
  </form>`;
}

/** The planner's main actions, first on the page: automatic planner, who is free in a half-day, print. */
function actions(ctx: WebContext, v: WeekGridView, days: Array<{ date: string }>): SafeHtml {
  const { t, lang } = ctx;
  return html`<div class="planner-actions">
    <form method="post" action="${WEB_PREFIX}/planner/drafts" class="inline">${csrfField(ctx)}
      <input type="hidden" name="prisonId" value="${v.prison.id}"><input type="hidden" name="week" value="${v.week}">
      <button type="submit" class="primary">${t('planner.draft.run')}</button>
    </form>
    <details class="menu"><summary>${t('plan.halfDay.open')}</summary><ul>
      ${days.map((d) =>
        [DayPeriod.AM, DayPeriod.PM].map(
          (p) =>
            html`<li><a href="${WEB_PREFIX}/planner/half-day?prisonId=${v.prison.id}&amp;date=${d.date}&amp;period=${p}">${formatDay(d.date, lang)} ${t(`period.${p}`)}</a></li>`,
        ),
      )}
    </ul></details>
    <details class="menu"><summary>${t('planner.printDay')}</summary><ul class="print-links">
      ${days.map(
        (d) =>
          html`<li><a href="${WEB_PREFIX}/planner/print?prisonId=${v.prison.id}&amp;date=${d.date}${v.filter.activityId ? `&activity=${v.filter.activityId}` : ''}">${formatDay(d.date, lang)}</a></li>`,
      )}
    </ul></details>
    <a class="button" href="${WEB_PREFIX}/unlock?prisonId=${v.prison.id}">${t('unlock.link')}</a>
  </div>`;
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
      ${actions(ctx, v, days)}
      <p id="totals">${t('planner.totals', { allocated: totals.allocated, places: totals.places, sessions: totals.sessions, cancelled: totals.cancelledSessions, clashes: totals.clashes })}</p>
      ${filterForm(ctx, v)}
      <p class="muted" id="shown-count">${t('plan.filter.shown', { shown: v.shown.length, total: v.plan.activities.length })}</p>
      ${grid(ctx, v.plan, v.shown, v.filter.mode)}
      ${noActivityList(ctx, v.noActivity, v.filter.unit)}
      ${draftsBlock(ctx, v.prison.id, v.week, v.drafts)}`,
  });
}
