import type { RateFiguresDto } from '../../activity-rate/dto/activity-rate.dto';
import type { ComingWeeksDto, NationalOfferDto, PlannedWeekDto, WeekAnalysisDto } from '../../path-to-target/dto/path-to-target.dto';
import { formatNumber, formatPercent, formatWeek, weekdayName } from '../shared/format';
import { html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import type { MessageKey } from '../shared/i18n';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';

// The path to the target on the dashboards (issue 16): gap in days, coming weeks, the week's split and proposals.

export interface PathToTargetView {
  comingWeeks: ComingWeeksDto;
  /** The prison's next week (prison view); `error` when it cannot be analysed (nothing to plan). */
  analysis?: WeekAnalysisDto | { week: string; error: string };
  /** National administrators: the offer shortfall, computed on request. */
  offer?: NationalOfferDto;
  offerWeek: string;
  offerAllowed: boolean;
  offerUrl: string;
}

const pct = (ctx: WebContext, r: number | null) => formatPercent(r, ctx.lang);
const bandClass = (band: string | null | undefined) => (band ? `band-${band.toLowerCase().replace('_', '-')}` : '');

/** A band as a class and a text for screen readers and print (colour is never the only signal). */
export function bandText(ctx: WebContext, band: string | null | undefined): string {
  return band ? ctx.t(`ptt.band.${band}` as MessageKey) : '';
}

export function gapKpi(ctx: WebContext, f: RateFiguresDto): SafeHtml {
  return html`<div class="kpi ${bandClass(f.band)}" id="kpi-gap"><span class="value">${formatNumber(f.gapDays, ctx.lang)}</span><span class="label">${ctx.t('ptt.gapDays')}${f.band ? html` – ${bandText(ctx, f.band)}` : ''}</span></div>`;
}

/** Where a lost-day reason is fixed: an existing page of the prison. */
export function fixLink(ctx: WebContext, reason: string, prisonId: string, week: string, date: string): SafeHtml {
  const label = ctx.t(`ptt.fix.${reason}` as MessageKey);
  switch (reason) {
    case 'NO_OFFER':
    case 'SESSION_CANCELLED':
      return html`<a href="${WEB_PREFIX}/planner?prisonId=${prisonId}&amp;week=${week}">${label}</a>`;
    case 'NOT_RECORDED':
    case 'ABSENT':
      return html`<a href="${WEB_PREFIX}/attendance?prisonId=${prisonId}&amp;date=${date}">${label}</a>`;
    default:
      return html`<a href="${WEB_PREFIX}/planner?prisonId=${prisonId}&amp;week=${week}">${label}</a>`;
  }
}

function weekCell(ctx: WebContext, w: PlannedWeekDto): SafeHtml {
  return html`<td class="num ${bandClass(w.band)}" title="${bandText(ctx, w.band)}">${pct(ctx, w.plannedRate)}<span class="sr-only"> (${bandText(ctx, w.band)})</span></td>`;
}

/** `groupHeader`: what the groups are (regions on the national dashboard, prisons in a region). */
export function comingWeeksSection(ctx: WebContext, cw: ComingWeeksDto, groupHeader: string): SafeHtml {
  const { t } = ctx;
  return html`<section aria-labelledby="coming-title" id="coming-weeks"><h2 id="coming-title">${t('ptt.coming')}</h2>
    <p class="muted">${t('ptt.comingText')}</p>
    <div class="table-wrap" role="region" aria-labelledby="coming-title" tabindex="0"><table class="list" id="coming-weeks-table">
      <thead><tr><th scope="col">${t('ptt.week')}</th><th scope="col" class="num">${t('ptt.plannedRate')}</th><th scope="col" class="num">${t('ptt.plannedDays')}</th><th scope="col" class="num">${t('dash.prisonerDays')}</th><th scope="col" class="num">${t('ptt.gapDays')}</th></tr></thead>
      <tbody>${cw.weeks.map(
        (w) =>
          html`<tr data-week="${w.week}" class="${bandClass(w.band)}"><th scope="row">${formatWeek(w.week, ctx.lang)}</th>${weekCell(ctx, w)}<td class="num">${formatNumber(w.plannedActiveDays, ctx.lang)}</td><td class="num">${formatNumber(w.prisonerDays, ctx.lang)}</td><td class="num gap">${formatNumber(w.gapDays, ctx.lang)}</td></tr>`,
      )}</tbody>
    </table></div>
    ${
      cw.groups.length === 0
        ? ''
        : html`<div class="table-wrap" role="region" aria-label="${t('ptt.coming')}" tabindex="0"><table class="list" id="coming-weeks-groups">
      <thead><tr><th scope="col">${groupHeader}</th>${cw.weeks.map((w) => html`<th scope="col" class="num">${formatWeek(w.week, ctx.lang)}</th>`)}</tr></thead>
      <tbody>${cw.groups.map((g) => html`<tr data-group="${g.key}"><th scope="row">${g.label}</th>${g.weeks.map((w) => weekCell(ctx, w))}</tr>`)}</tbody>
    </table></div>`
    }
  </section>`;
}

export function analysisSection(ctx: WebContext, a: PathToTargetView['analysis'], prisonId: string): SafeHtml {
  const { t } = ctx;
  if (!a) return html``;
  if ('error' in a)
    return html`<section id="path-split"><p class="muted">${t('ptt.unavailable', { week: formatWeek(a.week, ctx.lang), reason: a.error })}</p></section>`;
  const days = (n: number) => formatNumber(n, ctx.lang);
  const planner = `${WEB_PREFIX}/planner?prisonId=${prisonId}&week=${a.week}`;
  const s = a.split;
  return html`<section aria-labelledby="split-title" id="path-split"><h2 id="split-title">${t('ptt.split', { week: formatWeek(a.week, ctx.lang) })}</h2>
    <p class="muted">${t('ptt.splitText')}</p>
    <p id="ceiling-text"><strong>${t('ptt.ceilingText', { rate: pct(ctx, a.ceiling.rate), week: formatWeek(a.week, ctx.lang) })}</strong>
      ${a.ceiling.tight ? t('ptt.tight') : t('ptt.notTight', { days: days(s.unprovenDays) })}</p>
    <div class="table-wrap" role="region" aria-labelledby="split-title" tabindex="0"><table class="list" id="split-table">
      <thead><tr><th scope="col">${t('ptt.plan')}</th><th scope="col" class="num">${t('dash.days')}</th><th scope="col" class="num">${t('dash.rate')}</th></tr></thead>
      <tbody>
        <tr data-part="current"><th scope="row">${t('ptt.current')}</th><td class="num">${days(a.current.activeDays)}</td><td class="num">${pct(ctx, a.current.rate)}</td></tr>
        <tr data-part="planner"><th scope="row"><a href="${planner}">${t('ptt.planner')}</a></th><td class="num">${days(a.planner.activeDays)}</td><td class="num">${pct(ctx, a.planner.rate)}</td></tr>
        <tr data-part="ceiling"><th scope="row">${t('ptt.ceiling')}</th><td class="num">${days(a.ceiling.activeDays)}</td><td class="num">${pct(ctx, a.ceiling.rate)}</td></tr>
        <tr data-part="target"><th scope="row">${t('ptt.targetDays')}</th><td class="num">${days(a.targetDays)}</td><td class="num">${pct(ctx, a.target)}</td></tr>
        <tr data-part="better-planning"><th scope="row">${t('ptt.betterPlanning')}</th><td class="num">+${days(s.betterPlanningDays)}</td><td></td></tr>
        ${s.unprovenDays > 0 ? html`<tr data-part="unproven"><th scope="row">${t('ptt.unproven')}</th><td class="num">${days(s.unprovenDays)}</td><td></td></tr>` : ''}
        <tr data-part="unreachable"><th scope="row">${t('ptt.unreachable')}</th><td class="num">${days(s.unreachableDays)}</td><td></td></tr>
        <tr data-part="expected-loss"><th scope="row">${t('ptt.expectedLoss')}</th><td class="num">−${days(s.expectedLossDays)}</td>
          <td class="num">${s.lossRate === null ? t('ptt.noHistory') : t('ptt.lossRateText', { rate: pct(ctx, s.lossRate) })}</td></tr>
      </tbody>
    </table></div>
    ${proposals(ctx, a, prisonId)}
  </section>`;
}

function proposals(ctx: WebContext, a: WeekAnalysisDto, prisonId: string): SafeHtml {
  const { t } = ctx;
  const w = a.whatIf;
  const rate = (d: number) => pct(ctx, a.prisonerDays > 0 ? d / a.prisonerDays : null);
  return html`<h3 id="proposals-title">${t('ptt.proposals')}</h3><p class="muted">${t('ptt.proposalsText')}</p>
    <div class="kpis" id="what-if">
      <div class="kpi"><span class="value">${rate(a.ceiling.activeDays)}</span><span class="label">${t('ptt.ceiling')}</span></div>
      <div class="kpi" id="kpi-predicted"><span class="value">${pct(ctx, w.predictedCeiling.rate)}</span><span class="label">${t('ptt.predicted')} (+${w.placesAdded} ${t('ptt.places').toLowerCase()})</span></div>
      <div class="kpi" id="kpi-confirmed"><span class="value">${pct(ctx, w.confirmed.rate)}</span><span class="label">${t('ptt.confirmed')}</span></div>
    </div>
    ${w.reachesTarget ? '' : html`<p>${t('ptt.notReached', { rate: rate(w.reachableCeilingDays) })}</p>`}
    ${
      w.changes.length === 0
        ? // Nothing to add either because today's ceiling already reaches the target, or because no candidate helps:
          // the page knows which, so it says that one.
          html`<p id="no-proposals">${t(w.reachesTarget ? 'ptt.noChangeNeeded' : 'ptt.noCandidateHelps')}</p>`
        : html`<div class="table-wrap" role="region" aria-labelledby="proposals-title" tabindex="0"><table class="list" id="proposals">
      <thead><tr><th scope="col">${t('ptt.change')}</th><th scope="col">${t('app.activity')}</th><th scope="col" class="num">${t('ptt.places')}</th><th scope="col" class="num">${t('ptt.marginal')}</th><th scope="col" class="num">${t('ptt.perPlace')}</th><th scope="col">${t('ptt.staff')}</th></tr></thead>
      <tbody>${w.changes.map((c) => {
        const text = t(`ptt.kind.${c.kind}` as MessageKey, {
          activity: c.activityName,
          day: weekdayName(c.date, ctx.lang),
          period: t(`period.short.${c.period}` as MessageKey),
        });
        // A proposal links to where the officer acts: the session (more places) or the week in the planner (a new slot).
        const href =
          c.sessions.length > 0
            ? `${WEB_PREFIX}/planner/sessions/${c.sessions[0].sessionId}`
            : `${WEB_PREFIX}/planner?prisonId=${prisonId}&week=${a.week}`;
        return html`<tr data-kind="${c.kind}" data-activity="${c.activityId}"><th scope="row"><a href="${href}">${text}</a></th><td>${codeLabel(ctx.lang, 'kind', c.activityKind)}</td>
          <td class="num">+${c.places}</td><td class="num">+${c.marginalDays}</td><td class="num">${formatNumber(Math.round(c.daysPerPlace * 100) / 100, ctx.lang)}</td>
          <td>${c.staffFree === null ? '' : c.staffFree ? t('ptt.staff.yes') : t('ptt.staff.no')}</td></tr>`;
      })}</tbody>
    </table></div>`
    }`;
}

export function offerSection(ctx: WebContext, v: PathToTargetView): SafeHtml {
  const { t } = ctx;
  if (!v.offerAllowed) return html``;
  const week = formatWeek(v.offerWeek, ctx.lang);
  if (!v.offer)
    return html`<section id="offer"><h2>${t('ptt.offer', { week })}</h2><p><a class="button" href="${v.offerUrl}" id="offer-compute">${t('ptt.offerCompute')}</a></p></section>`;
  const o = v.offer;
  const kinds = ['WORK', 'EDUCATION', 'PROGRAMME'] as const;
  const kindHeads = kinds.map((k) => html`<th scope="col" class="num">${codeLabel(ctx.lang, 'kind', k)}</th>`);
  return html`<section aria-labelledby="offer-title" id="offer"><h2 id="offer-title">${t('ptt.offer', { week })}</h2>
    <p class="muted">${t('ptt.offerText')}</p>
    ${
      o.prisons.length === 0
        ? html`<p>${t('ptt.noneShort')}</p>`
        : html`<div class="table-wrap" role="region" aria-labelledby="offer-title" tabindex="0"><table class="list" id="offer-prisons">
      <thead><tr><th scope="col">${t('app.prison')}</th><th scope="col" class="num">${t('ptt.ceiling')}</th><th scope="col" class="num">${t('ptt.predicted')}</th><th scope="col" class="num">${t('ptt.confirmed')}</th><th scope="col" class="num">${t('ptt.daysGained')}</th><th scope="col" class="num">${t('ptt.places')}</th>${kindHeads}<th scope="col">${t('ptt.halfDays')}</th></tr></thead>
      <tbody>${o.prisons.map((p) => {
        const r = (d: number) => pct(ctx, p.prisonerDays > 0 ? d / p.prisonerDays : null);
        return html`<tr data-prison="${p.prisonId}"><th scope="row"><a href="${WEB_PREFIX}/dashboard?prisonId=${p.prisonId}">${p.prisonName}</a></th>
          <td class="num">${r(p.ceilingDays)}</td><td class="num">${r(p.predictedCeilingDays)}</td><td class="num">${r(p.confirmedDays)}</td>
          <td class="num">+${formatNumber(p.daysGained, ctx.lang)}</td><td class="num">${formatNumber(p.placesAdded, ctx.lang)}</td>
          ${kinds.map((k) => html`<td class="num">${p.placesByKind[k]}</td>`)}
          <td>${p.places.map((h) => `${codeLabel(ctx.lang, 'kind', h.kind)} ${weekdayShort(ctx, h.weekday)} ${t(`period.short.${h.period}` as MessageKey)}: ${h.places}`).join(', ')}</td></tr>`;
      })}
        <tr class="total"><th scope="row">${t('ptt.total')}</th><td></td><td></td><td></td><td class="num">+${formatNumber(o.daysGained, ctx.lang)}</td><td class="num">${formatNumber(o.placesAdded, ctx.lang)}</td>${kinds.map((k) => html`<td class="num">${o.placesByKind[k]}</td>`)}<td></td></tr>
      </tbody>
    </table></div>
    <h3 id="offer-regions-title">${t('ptt.offerByRegion')}</h3>
    <div class="table-wrap" role="region" aria-labelledby="offer-regions-title" tabindex="0"><table class="list" id="offer-regions">
      <thead><tr><th scope="col">${t('dash.col.region')}</th><th scope="col" class="num">${t('ptt.prisonsShort')}</th><th scope="col" class="num">${t('ptt.daysGained')}</th><th scope="col" class="num">${t('ptt.places')}</th>${kindHeads}</tr></thead>
      <tbody>${o.regions.map(
        (r) =>
          html`<tr data-region="${r.regionId}"><th scope="row">${r.regionName}</th><td class="num">${r.prisonsShort}</td><td class="num">+${formatNumber(r.daysGained, ctx.lang)}</td><td class="num">${formatNumber(r.placesAdded, ctx.lang)}</td>${kinds.map((k) => html`<td class="num">${r.placesByKind[k]}</td>`)}</tr>`,
      )}</tbody>
    </table></div>`
    }
  </section>`;
}

// 2024-01-01 is a Monday: weekday 1–5 → its date, then the locale's weekday name.
function weekdayShort(ctx: WebContext, weekday: number): string {
  return weekdayName(`2024-01-0${weekday}`, ctx.lang);
}
