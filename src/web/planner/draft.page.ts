import type {
  DraftApplyDto,
  DraftExplanationDto,
  DraftSessionRefDto,
  PartPreviewDto,
  PlanDraftDto,
  PlanDraftSummaryDto,
} from '../../planning/dto/plan-draft.dto';
import { formatDateTime, formatDay, formatPercent, formatWeek } from '../shared/format';
import { attr, html, SafeHtml } from '../shared/html';
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
    <p>${t('planner.draft.intro')} ${t('plan.draft.runAtTop')}</p>
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

/** The diff's filter: by activity, unit, prisoner (name or number). */
export interface DraftFilter {
  activityId?: string;
  unit?: string;
  q?: string;
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
  filter?: DraftFilter;
  /** Unit of each prisoner of the diff (for the unit filter). */
  units?: Map<string, string | null>;
  /** The prison's units by id (to name the units of applied parts). */
  unitNames?: Map<string, string>;
  /** "Apply", "Apply only this part" or "Undo" was pressed: confirm with the counts first. */
  confirm?: 'all' | 'part' | 'undo';
  /** What the part (or the rest) would change, for the confirmation. */
  preview?: PartPreviewDto;
}

/** The part the filter chose, in words (activity and/or unit), or the whole rest. */
function partText(ctx: WebContext, v: DraftView): string {
  const { t } = ctx;
  const f = v.filter ?? {};
  const activity = f.activityId
    ? (v.draft.allocationChanges.find((c) => c.activityId === f.activityId)?.activityName ??
      v.draft.diff.flatMap(refsOf).find((r) => r.activityId === f.activityId)?.activityName ??
      '')
    : undefined;
  const a = activity !== undefined ? t('plan.draft.part.activity', { name: activity }) : undefined;
  const u = f.unit ? t('plan.draft.part.unit', { name: f.unit }) : undefined;
  if (a && u) return t('plan.draft.part.and', { a, b: u });
  return a ?? u ?? t('plan.draft.part.all');
}

function hiddenPart(v: DraftView): SafeHtml {
  const f = v.filter ?? {};
  return html`${f.activityId ? html`<input type="hidden" name="activity" value="${f.activityId}">` : ''}${
    f.unit ? html`<input type="hidden" name="unit" value="${f.unit}">` : ''
  }`;
}

/** Apply (all, a part), undo: the buttons, or the confirmation of the one pressed. */
function actions(ctx: WebContext, v: DraftView, self: string): SafeHtml | string {
  const { t } = ctx;
  const d = v.draft;
  const appliable = d.status === 'DRAFT' || d.status === 'PARTIAL';
  const active = d.applies.filter((a) => a.undoneAt === null);
  const last = active[active.length - 1];
  const f = v.filter ?? {};
  const hasPart = !!(f.activityId || f.unit);
  const ids = html`<input type="hidden" name="prisonId" value="${v.prison.id}"><input type="hidden" name="week" value="${v.week}">`;
  const action = `${WEB_PREFIX}/planner/drafts/${d.id}`;
  if (appliable && (v.confirm === 'part' || (v.confirm === 'all' && d.status === 'PARTIAL')) && v.preview) {
    const p = v.preview;
    const part = v.confirm === 'part' ? partText(ctx, v) : t('plan.draft.part.all');
    return html`<section id="confirm" class="card" tabindex="-1" data-focus aria-labelledby="confirm-title">
      <h2 id="confirm-title">${t('plan.draft.confirm.partTitle')}</h2>
      <p id="confirm-counts">${t('plan.draft.confirm.part', { part, changes: p.allocationChanges, prisoners: p.prisoners, activities: p.activities, left: p.left })}${p.linked > 0 ? ` ${t(p.linked === 1 ? 'plan.draft.confirm.linked.one' : 'plan.draft.confirm.linked', { linked: p.linked })}` : ''}</p>
      <form method="post" action="${action}/apply" class="actions">${csrfField(ctx)}${ids}${v.confirm === 'part' ? hiddenPart(v) : ''}
        <button type="submit" class="primary">${t('plan.draft.confirm.partYes')}</button>
        <a href="${self}">${t('plan.draft.confirm.no')}</a>
      </form></section>`;
  }
  if (appliable && v.confirm === 'all') {
    return html`<section id="confirm" class="card" tabindex="-1" data-focus aria-labelledby="confirm-title">
      <h2 id="confirm-title">${t('plan.draft.confirm.title')}</h2>
      <p id="confirm-counts">${t('plan.draft.confirm.counts', draftCounts(d))}</p>
      <form method="post" action="${action}/apply" class="actions">${csrfField(ctx)}${ids}
        <button type="submit" class="primary">${t('plan.draft.confirm.yes')}</button>
        <a href="${self}">${t('plan.draft.confirm.no')}</a>
      </form></section>`;
  }
  if (last && v.confirm === 'undo') {
    return html`<section id="confirm" class="card" tabindex="-1" data-focus aria-labelledby="confirm-title">
      <h2 id="confirm-title">${t('plan.draft.confirm.undoTitle')}</h2>
      <p id="confirm-counts">${t('plan.draft.confirm.undo', { at: formatDateTime(last.appliedAt), ...undoCounts(last) })}</p>
      <form method="post" action="${action}/undo" class="actions">${csrfField(ctx)}${ids}
        <button type="submit" class="primary">${t('plan.draft.confirm.undoYes')}</button>
        <a href="${self}">${t('plan.draft.confirm.no')}</a>
      </form></section>`;
  }
  return html`<div class="actions" id="draft-actions">
    ${
      appliable
        ? html`<form method="get" action="${action}#confirm" class="actions">${ids}<input type="hidden" name="confirm" value="1">
          <button type="submit" class="primary">${t(d.status === 'PARTIAL' ? 'plan.draft.applyRest' : 'planner.draft.apply')}</button>
          <span class="muted">${t('planner.draft.applyHelp', { changes: d.allocationChanges.filter((c) => !c.applied).length })}</span>
        </form>`
        : ''
    }
    ${
      appliable && hasPart
        ? html`<form method="get" action="${action}#confirm" class="actions">${ids}${hiddenPart(v)}<input type="hidden" name="confirm" value="part">
          <button type="submit">${t('plan.draft.applyPart')}</button>
          <span class="muted">${t('plan.draft.applyPartHelp', { part: partText(ctx, v) })}</span>
        </form>`
        : ''
    }
    ${
      last
        ? html`<form method="get" action="${action}#confirm" class="actions">${ids}<input type="hidden" name="confirm" value="undo">
          <button type="submit">${t('plan.draft.undo')}</button>
          <span class="muted">${t('plan.draft.undoHelp')}</span>
        </form>`
        : ''
    }
  </div>
  ${d.applies.length > 0 ? history(ctx, v) : ''}`;
}

/** Each apply of the draft: when, which part, how many changes, undone or not. */
function history(ctx: WebContext, v: DraftView): SafeHtml {
  const { t } = ctx;
  const activityName = new Map(v.draft.allocationChanges.map((c) => [c.activityId, c.activityName]));
  return html`<section aria-labelledby="applies-title"><h2 id="applies-title">${t('plan.draft.history.title')}</h2>
    <div class="table-wrap" role="region" aria-labelledby="applies-title" tabindex="0"><table class="list" id="draft-applies">
    <thead><tr><th scope="col">${t('plan.draft.history.when')}</th><th scope="col">${t('plan.draft.history.part')}</th><th scope="col">${t('plan.draft.history.changes')}</th></tr></thead>
    <tbody>${v.draft.applies.map(
      (
        a,
      ) => html`<tr><td>${formatDateTime(a.appliedAt)}${a.undoneAt ? html` <span class="badge">${t('plan.draft.history.undone', { at: formatDateTime(a.undoneAt) })}</span>` : ''}</td>
        <td>${
          a.part
            ? [
                ...(a.part.activityIds ?? []).map((id) => activityName.get(id) ?? id),
                ...(a.part.unitIds ?? []).map((id) => v.unitNames?.get(id) ?? id),
              ].join(', ')
            : t('plan.draft.history.all')
        }</td><td>${a.allocationChanges}</td></tr>`,
    )}</tbody></table></div></section>`;
}

type DiffRow = PlanDraftDto['diff'][number];

function refsOf(p: DiffRow): DraftSessionRefDto[] {
  return [...p.added, ...p.removed, ...p.moved.flatMap((m) => [m.from, m.to])];
}

/** The diff rows the filter keeps, sorted by name then prisoner number. */
export function filteredDiff(d: PlanDraftDto, f: DraftFilter, units: Map<string, string | null>): DiffRow[] {
  const needle = f.q?.trim().toLocaleLowerCase('nb');
  return d.diff
    .filter((p) => !f.activityId || refsOf(p).some((r) => r.activityId === f.activityId))
    .filter((p) => !f.unit || units.get(p.prisonerId) === f.unit)
    .filter((p) => !needle || p.name.toLocaleLowerCase('nb').includes(needle) || p.prisonerNumber.toLocaleLowerCase('nb').includes(needle))
    .sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.prisonerNumber.localeCompare(b.prisonerNumber));
}

/** What applying the draft changes, counted for the confirmation. */
/**
 * What undoing an apply does, counted in its changes (one per prisoner and activity), so the parts add up to
 * the whole: a change of days in an activity is one change, though it ends one allocation and makes another.
 * From the apply's summary: every change but a removal made one allocation (created); the removals are the rest;
 * the allocations ended or removed that are not the removals' are the changes of days.
 */
export function undoCounts(a: Pick<DraftApplyDto, 'allocationChanges' | 'summary'>) {
  const changes = a.allocationChanges;
  const created = Math.min(a.summary.allocationsCreated, changes);
  const removed = changes - created;
  const restored = a.summary.allocationsEnded + a.summary.allocationsDeleted;
  const changed = Math.min(created, Math.max(0, restored - removed));
  return { changes, added: created - changed, changed, removed };
}

export function draftCounts(d: PlanDraftDto) {
  return {
    prisoners: d.diff.length,
    added: d.diff.reduce((n, p) => n + p.added.length, 0),
    moved: d.diff.reduce((n, p) => n + p.moved.length, 0),
    removed: d.diff.reduce((n, p) => n + p.removed.length, 0),
    allocations: d.allocationChanges.length,
  };
}

/** Every allocation change of the prisoner is applied already. */
function appliedOf(d: PlanDraftDto, prisonerId: string): boolean {
  const mine = d.allocationChanges.filter((c) => c.prisonerId === prisonerId);
  return mine.length > 0 && mine.every((c) => c.applied);
}

function diffFilterForm(ctx: WebContext, v: DraftView): SafeHtml {
  const { t } = ctx;
  const f = v.filter ?? {};
  const activities = new Map<string, string>();
  for (const p of v.draft.diff) for (const r of refsOf(p)) activities.set(r.activityId, r.activityName);
  const units = [...new Set([...(v.units?.values() ?? [])].filter((u): u is string => !!u))].sort((a, b) => a.localeCompare(b, 'nb'));
  return html`<form method="get" action="${WEB_PREFIX}/planner/drafts/${v.draft.id}#draft-diff-title" class="filters" role="search">
    <input type="hidden" name="prisonId" value="${v.prison.id}"><input type="hidden" name="week" value="${v.week}">
    <div class="field"><label for="d-activity">${t('app.activity')}</label>
      <select id="d-activity" name="activity"><option value="">${t('plan.filter.any')}</option>${[...activities]
        .sort((a, b) => a[1].localeCompare(b[1], 'nb'))
        .map(([id, name]) => html`<option value="${id}"${attr('selected', id === f.activityId)}>${name}</option>`)}</select></div>
    <div class="field"><label for="d-unit">${t('app.unit')}</label>
      <select id="d-unit" name="unit"><option value="">${t('plan.filter.any')}</option>${units.map(
        (u) => html`<option value="${u}"${attr('selected', u === f.unit)}>${u}</option>`,
      )}</select></div>
    <div class="field"><label for="d-q">${t('plan.search')}</label><input id="d-q" name="q" type="search" value="${f.q ?? ''}"></div>
    <button type="submit">${t('plan.filter.apply')}</button>
  </form>`;
}

export function draftPage(ctx: WebContext, v: DraftView): string {
  const { t, lang } = ctx;
  const d = v.draft;
  const rows = filteredDiff(d, v.filter ?? {}, v.units ?? new Map());
  const self = `${WEB_PREFIX}/planner/drafts/${d.id}?prisonId=${v.prison.id}&week=${v.week}`;
  const m = d.metrics;
  const back = `${WEB_PREFIX}/planner?prisonId=${v.prison.id}&week=${v.week}`;
  const title = `${t('planner.draft.title')} – ${formatWeek(v.week, lang)}`;
  return layout(ctx, {
    title,
    body: html`<p><a href="${back}">← ${t('planner.title')} ${formatWeek(v.week, lang)}</a></p>
      <h1>${title} <span class="sub">${v.prison.name} · ${formatDateTime(d.createdAt)} · ${codeLabel(lang, 'draftStatus', d.status)}</span></h1>
      <div id="feedback" aria-live="polite">
        ${v.flash ? html`<div id="flash" tabindex="-1" data-focus>${notice('ok', v.flash)}</div>` : ''}
        ${v.error ? html`<div id="error" tabindex="-1" data-focus>${notice('error', v.error)}</div>` : ''}
      </div>
      <div class="kpis">
        <div class="kpi" id="rate-before"><span class="value">${formatPercent(d.predictedPlannedRate.before, lang)}</span><span class="label">${t('planner.draft.before')}</span></div>
        <div class="kpi" id="rate-after"><span class="value">${formatPercent(d.predictedPlannedRate.after, lang)}</span><span class="label">${t('planner.draft.after')}</span></div>
        <div class="kpi"><span class="value">${m.activeDays} / ${m.upperBound}</span><span class="label">${t('planner.draft.bound')}</span></div>
        <div class="kpi"><span class="value">${m.prisonersWithoutActivity}</span><span class="label">${t('planner.draft.without')}</span></div>
      </div>
      ${
        d.days.length > 0
          ? html`<p id="planned-now" class="muted">${t('plan.plannedNow.draft', { from: formatDay(d.days[0], lang), to: formatDay(d.days[d.days.length - 1], lang), n: d.days.length })}</p>`
          : ''
      }
      ${actions(ctx, v, self)}
      ${d.conflicts.length > 0 ? notice('info', html`<ul>${d.conflicts.map((c) => html`<li>${c.name}: ${c.detail}</li>`)}</ul>`) : ''}
      <h2 id="draft-diff-title" tabindex="-1">${t('planner.draft.diff')}</h2>
      ${d.diff.length > 0 ? diffFilterForm(ctx, v) : ''}
      ${d.diff.length > 0 ? html`<p id="diff-count" aria-live="polite">${t('plan.draft.diffShown', { shown: rows.length, total: d.diff.length })}</p>` : ''}
      ${
        rows.length === 0
          ? html`<p>${t('planner.draft.noChanges')}</p>`
          : html`<div class="table-wrap" role="region" aria-label="${t('planner.draft.diff')}" tabindex="0"><table class="list" id="draft-diff">
          <thead><tr><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('planner.draft.added')}</th><th scope="col">${t('planner.draft.moved')}</th><th scope="col">${t('planner.draft.removed')}</th></tr></thead>
          <tbody>${rows.map(
            (
              p,
            ) => html`<tr data-prisoner="${p.prisonerId}"><th scope="row">${p.name}${appliedOf(d, p.prisonerId) ? html` <span class="badge ok">${t('plan.draft.applied.badge')}</span>` : ''}</th><td>${p.prisonerNumber}</td>
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
