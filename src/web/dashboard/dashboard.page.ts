import type {
  ActivityRateDto,
  LeastActiveDto,
  PrisonerDaysDto,
  RateFiguresDto,
  RateGroupDto,
} from '../../activity-rate/dto/activity-rate.dto';
import { INACTIVE_REASON_CODES } from '../../activity-rate/domain/prisoner-day';
import { formatDate, formatDay, formatMonth, formatNumber, formatPercent, formatWeek } from '../shared/format';
import { attr, html, jsonScript, SafeHtml } from '../shared/html';
import { codeLabel, Translate } from '../shared/i18n';
import { ASSETS, layout, notice } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { analysisSection, bandText, comingWeeksSection, fixLink, gapKpi, offerSection, PathToTargetView } from './path-to-target.section';

export type TrendBy = 'week' | 'month';

export interface DashboardView {
  /** The figures shown: a prison, or the nation. */
  scopeName: string;
  prison?: PrisonRef;
  prisons: PrisonRef[];
  nationalAllowed: boolean;
  from: string;
  to: string;
  by: TrendBy;
  trend: ActivityRateDto;
  national: ActivityRateDto;
  /** The demo history is still loading (first start): how far it has got, 0–99. */
  historyLoadingPercent?: number;
  /** National administrators: the last complete fact day (null before the first run), and finished days after it. */
  facts?: { lastCompleteDay: string | null; daysBehind: number };
  /** Per unit and per activity kind (prison view), or per region and per prison (national view). */
  byUnit?: ActivityRateDto;
  byKind: ActivityRateDto;
  byRegion?: ActivityRateDto;
  byPrison?: ActivityRateDto;
  leastActive?: LeastActiveDto;
  /** Gap in days, coming weeks, next week's split and proposals, the national offer shortfall (issue 16). */
  path?: PathToTargetView;
  /** Where each attendance reason's "registers" link leads (DashboardController.registersDays). */
  registersDays: Record<'ABSENT' | 'NOT_RECORDED', string>;
}

const pct = (ctx: WebContext, r: number | null) => formatPercent(r, ctx.lang);

// How fresh the figures are (the prisoner-day watermark), for national administrators.
function factsLine(ctx: WebContext, v: DashboardView): SafeHtml | string {
  if (!v.facts) return '';
  const { lastCompleteDay, daysBehind } = v.facts;
  // No watermark yet means the nightly catch-up has never run, not that there are no figures: prisoner-days
  // are also computed when they are loaded (the demo history) and by every backdated change. "Not
  // computed yet" only when the period shown has no counted day at all; else no claim either way.
  if (lastCompleteDay === null) return v.trend.total.prisonerDays === 0 ? notice('info', ctx.t('facts.none')) : '';
  if (daysBehind > 0) return notice('info', ctx.t('facts.behind', { date: formatDate(lastCompleteDay), days: String(daysBehind) }));
  return html`<p class="muted" id="facts-complete">${ctx.t('facts.completeThrough', { date: formatDate(lastCompleteDay) })}</p>`;
}

function groupLabel(ctx: WebContext, by: TrendBy, key: string): string {
  return by === 'week' ? formatWeek(key, ctx.lang) : formatMonth(key, ctx.lang);
}

function kpis(ctx: WebContext, v: DashboardView): SafeHtml {
  const { t } = ctx;
  const f = v.trend.total;
  return html`<div class="kpis">
    <div class="kpi" id="kpi-realised"><span class="value">${pct(ctx, f.realisedRate)}</span><span class="label">${t('dash.realisedRate')} – ${v.scopeName}</span></div>
    <div class="kpi" id="kpi-planned"><span class="value">${pct(ctx, f.plannedRate)}</span><span class="label">${t('dash.plannedRate')}</span></div>
    <div class="kpi" id="kpi-national"><span class="value">${pct(ctx, v.national.total.realisedRate)}</span><span class="label">${t('dash.national')} (${t('dash.realised').toLowerCase()})</span></div>
    <div class="kpi"><span class="value">${pct(ctx, f.target)}</span><span class="label">${t('dash.target', { target: '' }).trim()}</span></div>
    <div class="kpi"><span class="value">${formatNumber(f.prisonerDays, ctx.lang)}</span><span class="label">${t('dash.prisonerDays')}</span></div>
    ${gapKpi(ctx, f)}
  </div>`;
}

function figuresTable(
  ctx: WebContext,
  caption: string,
  groups: RateGroupDto[],
  label: (g: RateGroupDto) => SafeHtml | string,
  /** What the rows are (the first column's header): unit, activity kind, region, prison. */
  groupHeader: string,
  opts: { rank?: boolean; id?: string } = {},
): SafeHtml {
  const { t } = ctx;
  if (groups.length === 0) return html`<p>${t('dash.noData')}</p>`;
  return html`<div class="table-wrap" role="region" aria-label="${caption}" tabindex="0"><table class="list"${opts.id ? html` id="${opts.id}"` : ''}>
    <caption>${caption}</caption>
    <thead><tr>${opts.rank ? html`<th scope="col" class="num">${t('dash.rank')}</th>` : ''}<th scope="col">${groupHeader}</th><th scope="col" class="num">${t('dash.realisedRate')}</th><th scope="col" class="num">${t('dash.plannedRate')}</th><th scope="col" class="num">${t('dash.prisonerDays')}</th><th scope="col" class="num">${t('ptt.gapDays')}</th>
      ${INACTIVE_REASON_CODES.map((c) => html`<th scope="col" class="num">${codeLabel(ctx.lang, 'reason', c)}</th>`)}</tr></thead>
    <tbody>${groups.map(
      (g, i) => html`<tr class="${g.band ? `band-${g.band.toLowerCase().replace('_', '-')}` : ''}" data-band="${g.band ?? ''}">
        ${opts.rank ? html`<td class="num">${i + 1}</td>` : ''}<th scope="row">${label(g)}</th>
        <td class="num rate" title="${bandText(ctx, g.band)}">${pct(ctx, g.realisedRate)}</td><td class="num">${pct(ctx, g.plannedRate)}</td><td class="num">${formatNumber(g.prisonerDays, ctx.lang)}</td><td class="num gap">${formatNumber(g.gapDays, ctx.lang)}</td>
        ${INACTIVE_REASON_CODES.map((c) => html`<td class="num">${formatNumber(g.nonActiveByReason[c], ctx.lang)}</td>`)}
      </tr>`,
    )}</tbody>
  </table></div>`;
}

function lostDaysTable(
  ctx: WebContext,
  f: RateFiguresDto,
  fix?: { prisonId: string; week: string; dates: Partial<Record<string, string>> },
): SafeHtml {
  const { t } = ctx;
  const lost = f.prisonerDays - f.realisedActiveDays;
  return html`<div class="table-wrap" role="region" aria-label="${t('dash.lost')}" tabindex="0"><table class="list" id="lost-days">
    <caption>${t('dash.lost')}</caption>
    <thead><tr><th scope="col">${t('app.reason')}</th><th scope="col" class="num">${t('dash.days')}</th><th scope="col" class="num">${t('dash.rate')}</th>${fix ? html`<th scope="col">${t('ptt.fix')}</th>` : ''}</tr></thead>
    <tbody>${INACTIVE_REASON_CODES.map(
      (c) =>
        html`<tr data-reason="${c}"><th scope="row">${codeLabel(ctx.lang, 'reason', c)}</th><td class="num">${formatNumber(f.nonActiveByReason[c], ctx.lang)}</td><td class="num">${lost > 0 ? pct(ctx, f.nonActiveByReason[c] / lost) : '–'}</td>${fix ? html`<td>${fixLink(ctx, c, fix.prisonId, fix.week, fix.dates[c] ?? '')}</td>` : ''}</tr>`,
    )}</tbody>
  </table></div>`;
}

/** Data for dashboard.js: labels, series and texts (no inline script; read from a JSON block). */
function chartData(ctx: WebContext, v: DashboardView) {
  const { t } = ctx;
  const nationalBy = new Map(v.national.groups.map((g) => [g.key, g.realisedRate]));
  const percent = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
  return {
    lang: ctx.lang,
    trend: {
      labels: v.trend.groups.map((g) => groupLabel(ctx, v.by, g.key)),
      series: [
        { label: `${t('dash.realised')} – ${v.scopeName}`, data: v.trend.groups.map((g) => percent(g.realisedRate)), kind: 'realised' },
        { label: `${t('dash.planned')} – ${v.scopeName}`, data: v.trend.groups.map((g) => percent(g.plannedRate)), kind: 'planned' },
        ...(v.prison
          ? [
              {
                label: `${t('dash.national')} (${t('dash.realised').toLowerCase()})`,
                data: v.trend.groups.map((g) => percent(nationalBy.get(g.key) ?? null)),
                kind: 'national',
              },
            ]
          : []),
        {
          label: t('dash.target', { target: formatPercent(v.trend.total.target, ctx.lang) }),
          data: v.trend.groups.map(() => percent(v.trend.total.target)),
          kind: 'target',
        },
      ],
    },
    lost: {
      labels: INACTIVE_REASON_CODES.map((c) => codeLabel(ctx.lang, 'reason', c)),
      data: INACTIVE_REASON_CODES.map((c) => v.trend.total.nonActiveByReason[c]),
      label: t('dash.days'),
    },
  };
}

function trendTable(ctx: WebContext, v: DashboardView): SafeHtml {
  const { t } = ctx;
  const nationalBy = new Map(v.national.groups.map((g) => [g.key, g.realisedRate]));
  return html`<details><summary>${t('dash.chartTable')}</summary><table class="list" id="trend-table">
    <thead><tr><th scope="col">${t('dash.period')}</th><th scope="col" class="num">${t('dash.realisedRate')}</th><th scope="col" class="num">${t('dash.plannedRate')}</th><th scope="col" class="num">${t('dash.national')}</th><th scope="col" class="num">${t('dash.prisonerDays')}</th></tr></thead>
    <tbody>${v.trend.groups.map(
      (g) =>
        html`<tr><th scope="row">${groupLabel(ctx, v.by, g.key)}</th><td class="num">${pct(ctx, g.realisedRate)}</td><td class="num">${pct(ctx, g.plannedRate)}</td><td class="num">${pct(ctx, nationalBy.get(g.key) ?? null)}</td><td class="num">${formatNumber(g.prisonerDays, ctx.lang)}</td></tr>`,
    )}</tbody>
  </table></details>`;
}

function filters(ctx: WebContext, v: DashboardView): SafeHtml {
  const { t } = ctx;
  return html`<form method="get" action="${WEB_PREFIX}/dashboard" class="picker">
    <label for="scope">${t('dash.scope')}</label>
    <select id="scope" name="prisonId">
      ${v.nationalAllowed ? html`<option value=""${attr('selected', !v.prison)}>${t('dash.national')}</option>` : ''}
      ${v.prisons.map((p) => html`<option value="${p.id}"${attr('selected', v.prison?.id === p.id)}>${p.name}</option>`)}
    </select>
    <label for="from">${t('app.from')}</label><input id="from" name="from" type="date" value="${v.from}">
    <label for="to">${t('app.to')}</label><input id="to" name="to" type="date" value="${v.to}">
    <label for="by">${t('dash.group')}</label>
    <select id="by" name="by"><option value="month"${attr('selected', v.by === 'month')}>${t('dash.byMonth')}</option><option value="week"${attr('selected', v.by === 'week')}>${t('dash.byWeek')}</option></select>
    <button type="submit">${t('app.show')}</button>
  </form>`;
}

function leastActiveTable(ctx: WebContext, v: DashboardView): SafeHtml {
  const { t } = ctx;
  const list = v.leastActive;
  if (!list) return html``;
  return html`<section aria-labelledby="least-title"><h2 id="least-title">${t('dash.leastActive')}</h2>
    ${
      list.prisoners.length === 0
        ? html`<p>${t('dash.noData')}</p>`
        : html`<div class="table-wrap" role="region" aria-labelledby="least-title" tabindex="0"><table class="list" id="least-active">
        <thead><tr><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('app.unit')}</th><th scope="col" class="num">${t('dash.realisedRate')}</th><th scope="col" class="num">${t('dash.activeDays')}</th><th scope="col" class="num">${t('dash.prisonerDays')}</th>
          ${INACTIVE_REASON_CODES.map((c) => html`<th scope="col" class="num">${codeLabel(ctx.lang, 'reason', c)}</th>`)}${v.path ? html`<th scope="col">${t('ptt.fix')}</th>` : ''}</tr></thead>
        <tbody>${list.prisoners.map(
          (
            p,
          ) => html`<tr data-prisoner="${p.prisonerId}"><th scope="row"><a href="${WEB_PREFIX}/dashboard/prisoners/${p.prisonerId}?from=${list.from}&amp;to=${list.to}">${p.lastName}, ${p.firstName}</a></th>
            <td>${p.prisonerNumber}</td><td>${p.unitName}</td><td class="num">${pct(ctx, p.realisedRate)}</td><td class="num">${p.realisedActiveDays}</td><td class="num">${p.prisonerDays}</td>
            ${INACTIVE_REASON_CODES.map((c) => html`<td class="num">${p.nonActiveByReason[c]}</td>`)}${
              v.path
                ? html`<td><a href="${WEB_PREFIX}/planner?prisonId=${list.prisonId}&amp;week=${v.path.offerWeek}">${t('ptt.fix.prisoner')}</a></td>`
                : ''
            }</tr>`,
        )}</tbody>
      </table></div>`
    }
  </section>`;
}

export function dashboardPage(ctx: WebContext, v: DashboardView): string {
  const { t } = ctx;
  const title = `${t('dash.title')} – ${v.scopeName}`;
  return layout(ctx, {
    title,
    scripts: [`${ASSETS}/vendor/chart.umd.min.js`, `${ASSETS}/dashboard.js`],
    body: html`<h1>${t('dash.title')} <span class="sub">${t('dash.figuresFor', { name: v.scopeName, from: formatDate(v.from), to: formatDate(v.to) })}</span></h1>
      ${v.historyLoadingPercent === undefined ? '' : notice('info', t('dash.historyLoading', { percent: String(v.historyLoadingPercent) }))}
      ${factsLine(ctx, v)}
      ${filters(ctx, v)}
      ${kpis(ctx, v)}
      <div class="charts">
        <section aria-labelledby="trend-title">
          <h2 id="trend-title">${t('dash.trend')}</h2>
          <p class="muted">${t('dash.trendText', { target: pct(ctx, v.trend.total.target) })}</p>
          <div class="chart-box"><canvas id="trend-chart" role="img" aria-label="${t('dash.trend')}: ${t('dash.realisedRate')} ${pct(ctx, v.trend.total.realisedRate)}, ${t('dash.national')} ${pct(ctx, v.national.total.realisedRate)}"></canvas></div>
          ${trendTable(ctx, v)}
        </section>
        <section aria-labelledby="lost-title">
          <h2 id="lost-title">${t('dash.lost')}</h2>
          <div class="chart-box"><canvas id="lost-chart" role="img" aria-label="${t('dash.lost')}"></canvas></div>
          ${lostDaysTable(
            ctx,
            v.trend.total,
            v.prison && v.path ? { prisonId: v.prison.id, week: v.path.offerWeek, dates: v.registersDays } : undefined,
          )}
        </section>
      </div>
      ${v.path ? comingWeeksSection(ctx, v.path.comingWeeks, v.prison ? t('app.prison') : t('dash.col.region')) : ''}
      ${v.path && v.prison ? analysisSection(ctx, v.path.analysis, v.prison.id) : ''}
      ${v.path && !v.prison ? offerSection(ctx, v.path) : ''}
      ${jsonScript('dashboard-data', chartData(ctx, v))}
      ${v.byUnit ? html`<h2>${t('dash.byUnit')}</h2>${figuresTable(ctx, t('dash.byUnit'), v.byUnit.groups, (g) => g.label, t('app.unit'), { id: 'by-unit' })}` : ''}
      <h2>${t('dash.byKind')}</h2>${figuresTable(ctx, t('dash.byKind'), v.byKind.groups, (g) => codeLabel(ctx.lang, 'kind', g.key), t('dash.col.kind'), { id: 'by-kind' })}
      ${v.byRegion ? html`<h2>${t('dash.byRegion')}</h2>${figuresTable(ctx, t('dash.byRegion'), v.byRegion.groups, (g) => g.label, t('dash.col.region'), { id: 'by-region' })}` : ''}
      ${
        v.byPrison
          ? html`<h2>${t('dash.prisons')}</h2>${figuresTable(
              ctx,
              t('dash.prisons'),
              [...v.byPrison.groups].sort((a, b) => (b.realisedRate ?? -1) - (a.realisedRate ?? -1)),
              (g) =>
                html`<a href="${WEB_PREFIX}/dashboard?prisonId=${g.key}&amp;from=${v.from}&amp;to=${v.to}&amp;by=${v.by}">${g.label}</a>`,
              t('app.prison'),
              { rank: true, id: 'prison-ranking' },
            )}`
          : ''
      }
      ${leastActiveTable(ctx, v)}`,
  });
}

function reasonText(ctx: WebContext, t: Translate, d: PrisonerDaysDto['days'][number]): string {
  if (!d.reason) return '';
  const base = codeLabel(ctx.lang, 'reason', d.reason);
  const detail = d.absenceReason
    ? codeLabel(ctx.lang, 'absence', d.absenceReason)
    : d.cancellationReason
      ? codeLabel(ctx.lang, 'cancel', d.cancellationReason)
      : '';
  return detail ? `${base}: ${detail}` : base;
}

/** The end of the drill-down: one prisoner's counted days with the reason of each day without activity. */
export function prisonerDaysPage(ctx: WebContext, name: string, v: PrisonerDaysDto): string {
  const { t, lang } = ctx;
  const title = t('dash.prisoner.title', { name });
  const f = v.total;
  return layout(ctx, {
    title,
    body: html`<p><a href="${WEB_PREFIX}/dashboard?from=${v.from}&amp;to=${v.to}">← ${t('dash.title')}</a></p>
      <h1>${title} <span class="sub">${formatDate(v.from)}–${formatDate(v.to)}</span></h1>
      <div class="kpis">
        <div class="kpi"><span class="value">${pct(ctx, f.realisedRate)}</span><span class="label">${t('dash.realisedRate')}</span></div>
        <div class="kpi"><span class="value">${pct(ctx, f.plannedRate)}</span><span class="label">${t('dash.plannedRate')}</span></div>
        <div class="kpi"><span class="value">${f.prisonerDays}</span><span class="label">${t('dash.prisonerDays')}</span></div>
      </div>
      ${lostDaysTable(ctx, f)}
      <div class="table-wrap" role="region" aria-label="${t('dash.days')}" tabindex="0"><table class="list" id="prisoner-days">
        <caption>${t('dash.days')}</caption>
        <thead><tr><th scope="col">${t('app.date')}</th><th scope="col">${t('app.prison')}</th><th scope="col">${t('app.unit')}</th><th scope="col">${t('dash.planned')}</th><th scope="col">${t('dash.realised')}</th><th scope="col">${t('app.reason')}</th><th scope="col">${t('app.activity')}</th></tr></thead>
        <tbody>${[...v.days].reverse().map(
          (d) => html`<tr data-date="${d.date}" data-reason="${d.reason ?? ''}">
            <th scope="row">${formatDay(d.date, lang)}${d.date.slice(0, 4)}</th><td>${d.prisonName}</td><td>${d.unitName}</td>
            <td>${d.plannedActive ? t('dash.prisoner.active') : t('dash.prisoner.notActive')}</td><td>${d.realisedActive ? t('dash.prisoner.active') : t('dash.prisoner.notActive')}</td>
            <td class="reason">${reasonText(ctx, t, d)}</td><td>${d.activityKind ? codeLabel(lang, 'kind', d.activityKind) : ''}</td></tr>`,
        )}</tbody>
      </table></div>`,
  });
}
