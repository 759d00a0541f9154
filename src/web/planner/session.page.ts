import { DayPeriod } from '../../activities/activity.enums';
import { DeallocationReason } from '../../allocations/allocation.enums';
import type { SuitabilityCheck } from '../../allocations/domain/suitability';
import { isoWeekOf } from '../../calendar/domain/iso-week';
import type { SessionDto } from '../../sessions/dto/session.dto';
import type { PlannedPrisonerDto } from '../../week-plan/dto/week-plan.dto';
import { formatDate, formatDay } from '../shared/format';
import { attr, html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { csrfField, layout, notice } from '../shared/layout';
import { ruleText } from '../shared/rule-text';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';

/** How often the new allocation repeats, as offered on the page. */
export const PATTERN_CHOICES = ['ONCE', 'WEEKLY', 'HALF', 'ALL'] as const;
export type PatternChoice = (typeof PATTERN_CHOICES)[number];

export interface PrisonerOption {
  id: string;
  name: string;
  prisonerNumber: string;
  unitName: string | null;
}

export interface ChecksView {
  prisonerName: string;
  checks: SuitabilityCheck[];
  /** true: an allocation was attempted and refused; false: only checked. */
  refused: boolean;
  /** Names of prisoners (for non-associations' other party). */
  names: Map<string, string>;
}

/** A candidate of the picker: ranked, with this session's suitability checks. */
export interface PickerCandidate extends PrisonerOption {
  activeDays: number;
  checks: SuitabilityCheck[];
}

export interface SessionView {
  /** The add-prisoner picker: the shown candidates, how many matched the search, the search. */
  picker?: { items: PickerCandidate[]; total: number; limit: number; q?: string };
  session: SessionDto;
  roster: PlannedPrisonerDto[];
  /** Prisoners whose allocation is locked for the automatic planner. */
  locked: Set<string>;
  free: PrisonerOption[];
  busy: PrisonerOption[];
  selected?: string;
  pattern: PatternChoice;
  checks?: ChecksView;
  flash?: string;
  error?: string;
}

const REMOVE_REASONS = [
  DeallocationReason.WITHDRAWN_BY_STAFF,
  DeallocationReason.WITHDRAWN_BY_PRISONER,
  DeallocationReason.COMPLETED,
  DeallocationReason.HEALTH,
  DeallocationReason.SECURITY,
];

function candidate(ctx: WebContext, c: PickerCandidate, selected: string | undefined): SafeHtml {
  const { t, lang } = ctx;
  const failed = c.checks.filter((x) => !x.passed);
  const ok = c.checks.length > 0 && failed.length === 0;
  return html`<li class="candidate ${ok ? 'eligible' : 'not-eligible'}" data-prisoner="${c.id}" data-eligible="${ok ? 'true' : 'false'}">
    <input type="radio" name="prisonerId" id="c-${c.id}" value="${c.id}" required aria-describedby="c-${c.id}-why"${attr('checked', c.id === selected)}>
    <label for="c-${c.id}">${c.name} (${c.prisonerNumber}${c.unitName ? `, ${c.unitName}` : ''})</label>
    <span class="why" id="c-${c.id}-why"><span class="muted">${t('plan.activeDays')}: ${c.activeDays}.</span>
      ${ok ? html`<span class="badge ok">${t('plan.picker.eligible')}</span>` : html`<span class="badge bad">${t('plan.picker.notEligible')}</span>`}
      ${failed.length > 0 ? html`<span class="reasons">${failed.map((f) => html`<span class="reason" data-code="${f.code}"><strong>${codeLabel(lang, 'check', f.code)}:</strong> ${ruleText(lang, f)}</span> `)}</span>` : ''}
    </span>
  </li>`;
}

function picker(ctx: WebContext, v: SessionView, base: string): SafeHtml {
  const { t } = ctx;
  const p = v.picker;
  if (!p) return html``;
  return html`<fieldset class="field picker-list">
    <legend>${t('plan.picker.title')}</legend>
    <p class="muted small">${t('plan.picker.intro')}</p>
    <p id="picker-count" aria-live="polite">${p.items.length === 0 ? t('plan.picker.noMatch') : t('plan.picker.count', { shown: p.items.length, total: p.total })}</p>
    <ul class="candidates">${p.items.map((c) => candidate(ctx, c, v.selected))}</ul>
    ${p.total > p.items.length ? html`<p><a href="${base}?${new URLSearchParams({ ...(p.q ? { q: p.q } : {}), limit: String(p.limit + 25) }).toString()}#add">${t('plan.page.more')}</a></p>` : ''}
  </fieldset>`;
}

function checksBlock(ctx: WebContext, c: ChecksView): SafeHtml {
  const { t, lang } = ctx;
  const failed = c.checks.filter((x) => !x.passed);
  const otherNames = (check: SuitabilityCheck) =>
    [...new Set((check.affected ?? []).map((a) => a.otherPrisonerId).filter((id): id is string => !!id))]
      .map((id) => c.names.get(id) ?? '')
      .filter(Boolean);
  return html`<section class="checks ${failed.length > 0 ? 'has-failed' : 'all-passed'}" aria-labelledby="checks-title" id="checks" tabindex="-1" data-focus>
    <h2 id="checks-title">${t('session.checks', { name: c.prisonerName })}</h2>
    ${
      failed.length > 0
        ? notice(
            'error',
            html`<p>${c.refused ? t('session.refused', { name: c.prisonerName }) : `${t('session.failed')}:`}</p>
            <ul class="failed-checks">${failed.map((f) => {
              const others = f.code === 'NON_ASSOCIATION' ? otherNames(f) : [];
              return html`<li data-code="${f.code}"><strong>${codeLabel(lang, 'check', f.code)}:</strong> ${ruleText(lang, f)}${others.length > 0 ? html` <span class="kept-apart">(${t('check.keptApartFrom', { names: others.join(', ') })})</span>` : ''}</li>`;
            })}</ul>`,
          )
        : notice('ok', t('session.checksOk'))
    }
    <details${attr('open', failed.length === 0)}>
      <summary>${t('dash.details')}</summary>
      <ul class="all-checks">${c.checks.map((x) => html`<li class="${x.passed ? 'pass' : 'fail'}"><span class="badge ${x.passed ? 'ok' : 'bad'}">${x.passed ? t('session.passed') : t('session.failed')}</span> ${codeLabel(lang, 'check', x.code)}: ${ruleText(lang, x)}</li>`)}</ul>
    </details>
  </section>`;
}

export function sessionPage(ctx: WebContext, v: SessionView): string {
  const { t, lang } = ctx;
  const s = v.session;
  const periodName = t(`period.${s.period}`);
  const title = t('session.title', {
    activity: s.activityName,
    day: `${formatDay(s.date, lang)}${s.date.slice(0, 4)}`,
    period: periodName,
  });
  const base = `${WEB_PREFIX}/planner/sessions/${s.id}`;
  const halfLabel = t(s.period === DayPeriod.AM ? 'session.pattern.HALF.AM' : 'session.pattern.HALF.PM');
  return layout(ctx, {
    title,
    body: html`<p><a href="${WEB_PREFIX}/planner?prisonId=${s.prisonId}&amp;week=${isoWeekOf(s.date)}">← ${t('planner.title')}</a></p>
      <h1>${s.activityName} <span class="sub">${formatDay(s.date, lang)}${s.date.slice(0, 4)}, ${periodName} ${s.startTime}–${s.endTime}</span></h1>
      <div id="feedback" aria-live="polite">
        ${v.flash ? html`<div id="flash" tabindex="-1" data-focus>${notice('ok', v.flash)}</div>` : ''}
        ${v.error ? html`<div id="error" tabindex="-1" data-focus>${notice('error', v.error)}</div>` : ''}
        ${v.checks ? checksBlock(ctx, v.checks) : ''}
      </div>
      <dl class="facts">
        <dt>${t('app.status')}</dt>
        <dd id="session-count" data-allocated="${s.booked}" data-capacity="${s.capacity}">${t('planner.allocatedLabel', { allocated: s.booked, capacity: s.capacity })} · ${t('session.free', { free: s.free })}</dd>
        <dt>${t('app.staff')}</dt><dd>${s.staffMember?.name ?? t('app.none')}</dd>
        ${s.cancelled ? html`<dt>${t('planner.cancelled')}</dt><dd>${t('session.cancelledNote', { reason: codeLabel(lang, 'cancel', s.cancelled.reason) })}${s.cancelled.note ? ` – ${s.cancelled.note}` : ''}</dd>` : ''}
      </dl>

      <section aria-labelledby="roster-title">
        <h2 id="roster-title">${t('session.roster')}</h2>
        ${
          v.roster.length === 0
            ? html`<p>${t('session.emptyRoster')}</p>`
            : html`<div class="table-wrap" role="region" aria-labelledby="roster-title" tabindex="0"><table class="list roster stack">
            <thead><tr><th scope="col">${t('app.name.col')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('app.unit')}</th><th scope="col">${t('planner.clash')}</th><th scope="col">${t('session.lock')}</th><th scope="col"><span class="sr-only">${t('session.remove')}</span></th></tr></thead>
            <tbody>${v.roster.map(
              (p) => html`<tr>
                <th scope="row">${p.name}</th><td data-label="${t('app.number')}">${p.prisonerNumber}</td><td data-label="${t('app.unit')}">${p.unitName ?? ''}</td>
                <td${p.clashes.length > 0 ? html` data-label="${t('planner.clash')}"` : ''}>${p.clashes.map((c) => html`<span class="badge clash">${ruleText(lang, c)}</span> `)}</td>
                <td><form method="post" action="${base}/lock" class="inline">${csrfField(ctx)}
                  <input type="hidden" name="prisonerId" value="${p.prisonerId}"><input type="hidden" name="locked" value="${v.locked.has(p.prisonerId) ? 'false' : 'true'}">
                  ${v.locked.has(p.prisonerId) ? html`<span class="badge" data-locked>${t('session.locked')}</span> ` : ''}
                  <button type="submit">${v.locked.has(p.prisonerId) ? t('session.unlock') : t('session.lockAction')}<span class="sr-only"> ${p.name}</span></button></form></td>
                <td><details class="remove"><summary>${t('session.remove')}<span class="sr-only"> ${p.name}</span></summary>
                  <form method="post" action="${base}/remove">${csrfField(ctx)}
                    <input type="hidden" name="prisonerId" value="${p.prisonerId}">
                    <label for="reason-${p.prisonerId}">${t('app.reason')}</label>
                    <select id="reason-${p.prisonerId}" name="reason">${REMOVE_REASONS.map((r) => html`<option value="${r}">${codeLabel(lang, 'dealloc', r)}</option>`)}</select>
                    <button type="submit" aria-label="${t('session.removeLabel', { name: p.name })}">${t('session.remove')}</button>
                  </form></details></td>
              </tr>`,
            )}</tbody>
          </table></div>`
        }
      </section>

      <section aria-labelledby="add-title" class="card" id="add" tabindex="-1">
        <h2 id="add-title">${t('session.add')}</h2>
        <form method="get" action="${base}#add" class="search" role="search">
          <label for="q">${t('plan.search')}</label>
          <input id="q" name="q" type="search" value="${v.picker?.q ?? ''}"${attr('autofocus', !!v.picker?.q && !v.flash && !v.error && !v.checks)}>
          <button type="submit">${t('plan.search.submit')}</button>
          ${v.picker?.q ? html`<a href="${base}#add">${t('plan.search.clear')}</a>` : ''}
        </form>
        <form method="post" action="${base}/allocations" class="add-form">
          ${csrfField(ctx)}
          ${v.picker?.q ? html`<input type="hidden" name="q" value="${v.picker.q}">` : ''}
          ${picker(ctx, v, base)}
          <fieldset class="field">
            <legend>${t('session.pattern')}</legend>
            ${(['ONCE', 'WEEKLY', 'HALF', 'ALL'] as const).map(
              (c) =>
                html`<label class="choice"><input type="radio" name="pattern" value="${c}"${attr('checked', v.pattern === c)}> ${c === 'HALF' ? halfLabel : t(`session.pattern.${c}`)}</label>`,
            )}
          </fieldset>
          <div class="actions">
            <button type="submit" formaction="${base}/check">${t('session.check')}</button>
            <button type="submit" class="primary">${t('session.submit')}</button>
          </div>
        </form>
      </section>
      <p><a href="${WEB_PREFIX}/planner/print?prisonId=${s.prisonId}&amp;date=${s.date}&amp;activity=${s.activityId}">${t('print.thisActivity', { activity: s.activityName, date: formatDate(s.date) })}</a>
        · <a href="${WEB_PREFIX}/planner/print?prisonId=${s.prisonId}&amp;date=${s.date}">${t('planner.printDay')} ${formatDate(s.date)}</a></p>`,
  });
}
