import type { DraftExplanationDto, DraftSessionRefDto, PlanDraftDto, PlanDraftSummaryDto } from '../../planning/dto/plan-draft.dto';
import { formatDateTime, formatDay, formatPercent } from '../shared/format';
import { html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { csrfField, layout, notice } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';

/** The automatic planner's block on the week page: run it, or open the week's latest draft. */
export function draftsBlock(ctx: WebContext, prisonId: string, week: string, drafts: PlanDraftSummaryDto[]): SafeHtml {
  const { t, lang } = ctx;
  return html`<section aria-labelledby="drafts" class="card">
    <h2 id="drafts">${t('planner.draft.title')}</h2>
    <p>${t('planner.draft.intro')}</p>
    <form method="post" action="${WEB_PREFIX}/planner/drafts">${csrfField(ctx)}
      <input type="hidden" name="prisonId" value="${prisonId}"><input type="hidden" name="week" value="${week}">
      <button type="submit" class="primary">${t('planner.draft.run')}</button>
    </form>
    ${
      drafts.length > 0
        ? html`<ul>${drafts.slice(0, 5).map(
            (
              d,
            ) => html`<li><a href="${WEB_PREFIX}/planner/drafts/${d.id}?prisonId=${prisonId}&amp;week=${week}">${formatDateTime(d.createdAt)}</a> –
            ${codeLabel(lang, 'draftStatus', d.status)} · ${t('planner.draft.predicted', { before: formatPercent(d.predictedPlannedRate.before, lang), after: formatPercent(d.predictedPlannedRate.after, lang) })}</li>`,
          )}</ul>`
        : ''
    }
  </section>`;
}

function ref(ctx: WebContext, s: DraftSessionRefDto): string {
  return `${s.activityName} ${formatDay(s.date, ctx.lang)} ${ctx.t(`period.short.${s.period}`)}`;
}

/** The engine's explanation (a code with parameters) in the page's language; drafts stored before the codes had none. */
function explanationText(ctx: WebContext, e: DraftExplanationDto): SafeHtml | string {
  const { t } = ctx;
  const p = e.params;
  if (!p) return '';
  const when = t(
    p.periods.length === 1
      ? p.periods[0] === 'AM'
        ? 'plannerExplanation.when.AM'
        : 'plannerExplanation.when.PM'
      : 'plannerExplanation.when.both',
  );
  const blockers = (p.blockedBy ?? []).map((b) => ' ' + t('plannerExplanation.blockedBy', { session: ref(ctx, b.session), name: b.name }));
  switch (e.reason) {
    case 'NOT_IN_CUSTODY':
      return t('plannerExplanation.NOT_IN_CUSTODY');
    case 'UNAVAILABLE':
      return p.unavailable?.length
        ? t('plannerExplanation.UNAVAILABLE.reasons', {
            reasons: p.unavailable.map((u) => `${u.reason} (${t(`period.short.${u.period}`)})`).join(', '),
          })
        : t('plannerExplanation.UNAVAILABLE');
    case 'NO_ELIGIBLE_ACTIVITY':
      return t('plannerExplanation.NO_ELIGIBLE_ACTIVITY', { when });
    case 'STAFF_ABSENT':
      return t('plannerExplanation.STAFF_ABSENT', { when, sessions: p.sessions ?? 0 });
    case 'ALL_ELIGIBLE_FULL':
      return t('plannerExplanation.ALL_ELIGIBLE_FULL', { when, sessions: p.sessions ?? 0 });
    case 'NON_ASSOCIATION':
      return t('plannerExplanation.NON_ASSOCIATION') + blockers.join('');
    case 'NOT_FOUND_IN_TIME':
      return t('plannerExplanation.NOT_FOUND_IN_TIME', { free: p.freeSessions ?? 0 }) + blockers.join('');
    default:
      return '';
  }
}

export interface DraftView {
  prison: PrisonRef;
  week: string;
  draft: PlanDraftDto;
  error?: string;
  flash?: string;
}

export function draftPage(ctx: WebContext, v: DraftView): string {
  const { t, lang } = ctx;
  const d = v.draft;
  const m = d.metrics;
  const back = `${WEB_PREFIX}/planner?prisonId=${v.prison.id}&week=${v.week}`;
  const title = `${t('planner.draft.title')} ${v.week}`;
  return layout(ctx, {
    title,
    body: html`<p><a href="${back}">← ${t('planner.title')} ${v.week}</a></p>
      <h1>${title} <span class="sub">${v.prison.name} · ${formatDateTime(d.createdAt)} · ${codeLabel(lang, 'draftStatus', d.status)}</span></h1>
      ${v.flash ? notice('ok', v.flash) : ''}
      ${v.error ? notice('error', v.error) : ''}
      <div class="kpis">
        <div class="kpi" id="rate-before"><span class="value">${formatPercent(d.predictedPlannedRate.before, lang)}</span><span class="label">${t('planner.draft.before')}</span></div>
        <div class="kpi" id="rate-after"><span class="value">${formatPercent(d.predictedPlannedRate.after, lang)}</span><span class="label">${t('planner.draft.after')}</span></div>
        <div class="kpi"><span class="value">${m.activeDays} / ${m.upperBound}</span><span class="label">${t('planner.draft.bound')}</span></div>
        <div class="kpi"><span class="value">${m.prisonersWithoutActivity}</span><span class="label">${t('planner.draft.without')}</span></div>
      </div>
      ${
        d.status === 'DRAFT'
          ? html`<form method="post" action="${WEB_PREFIX}/planner/drafts/${d.id}/apply" class="actions">${csrfField(ctx)}
            <input type="hidden" name="prisonId" value="${v.prison.id}"><input type="hidden" name="week" value="${v.week}">
            <button type="submit" class="primary">${t('planner.draft.apply')}</button>
            <span class="muted">${t('planner.draft.applyHelp', { changes: d.allocationChanges.length })}</span>
          </form>`
          : ''
      }
      ${d.conflicts.length > 0 ? notice('info', html`<ul>${d.conflicts.map((c) => html`<li>${c.name}: ${c.detail}</li>`)}</ul>`) : ''}
      <h2>${t('planner.draft.diff')}</h2>
      ${
        d.diff.length === 0
          ? html`<p>${t('planner.draft.noChanges')}</p>`
          : html`<div class="table-wrap" role="region" aria-label="${t('planner.draft.diff')}" tabindex="0"><table class="list" id="draft-diff">
          <thead><tr><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('planner.draft.added')}</th><th scope="col">${t('planner.draft.moved')}</th><th scope="col">${t('planner.draft.removed')}</th></tr></thead>
          <tbody>${d.diff.map(
            (p) => html`<tr data-prisoner="${p.prisonerId}"><th scope="row">${p.name}</th><td>${p.prisonerNumber}</td>
              <td>${p.added.map((s) => html`<span class="badge ok">${ref(ctx, s)}</span> `)}</td>
              <td>${p.moved.map((mv) => html`<span class="badge">${ref(ctx, mv.from)} → ${ref(ctx, mv.to)}</span> `)}</td>
              <td>${p.removed.map((s) => html`<span class="badge bad">${ref(ctx, s)}</span> `)}</td></tr>`,
          )}</tbody></table></div>`
      }
      <h2>${t('planner.draft.explanations')}</h2>
      ${
        d.explanations.length === 0
          ? html`<p>${t('planner.noActivity.empty')}</p>`
          : html`<div class="table-wrap" role="region" aria-label="${t('planner.draft.explanations')}" tabindex="0"><table class="list" id="draft-explanations">
          <thead><tr><th scope="col">${t('app.date')}</th><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('app.reason')}</th></tr></thead>
          <tbody>${d.explanations.map(
            (e) =>
              html`<tr><td>${formatDay(e.date, lang)}</td><td>${e.name}</td><td>${e.prisonerNumber}</td><td>${codeLabel(lang, 'engine', e.reason)} <span class="muted">${explanationText(ctx, e)}</span></td></tr>`,
          )}</tbody></table></div>`
      }`,
  });
}
