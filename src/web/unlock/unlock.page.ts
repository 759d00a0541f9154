import { DayPeriod } from '../../activities/activity.enums';
import type { UnlockList, UnlockPrisoner, UnlockUnit } from '../../unlock-list/unlock-list.service';
import { formatDay } from '../shared/format';
import { attr, html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { layout } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { WebContext, withQuery } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { dayPicker, prisonPicker } from '../shared/widgets';

export interface UnlockView {
  prison: PrisonRef;
  prisons: PrisonRef[];
  list: UnlockList;
  /** The unit chosen (one unit printed), if any. */
  unitId?: string;
}

const ACTION = `${WEB_PREFIX}/unlock`;

/** An unavailability in words: what, and when in the day when it is not the whole half-day. */
function unavailableText(ctx: WebContext, u: UnlockPrisoner['unavailable'][number]): string {
  const kind = codeLabel(ctx.lang, 'unavail', u.kind);
  const when = u.startTime ? ` ${u.startTime}–${u.endTime}` : '';
  return `${kind}${when}${u.note ? ` (${u.note})` : ''}`;
}

function stayText(ctx: WebContext, p: UnlockPrisoner): string {
  const { t, lang } = ctx;
  if (p.stays === 'UNAVAILABLE') {
    const what = t('unlock.stay.UNAVAILABLE', { what: p.unavailable.map((u) => unavailableText(ctx, u)).join(', ') });
    return p.goesTo.length === 0
      ? what
      : `${what} (${t('unlock.bookedOn', { activities: p.goesTo.map((g) => g.activityName).join(', ') })})`;
  }
  if (p.stays === 'CANCELLED')
    return t('unlock.stay.CANCELLED', {
      what: p.cancelled.map((c) => `${c.activityName} (${codeLabel(lang, 'cancel', c.reason)})`).join(', '),
    });
  return t('unlock.stay.NOTHING');
}

function goingTable(ctx: WebContext, u: UnlockUnit, id: string): SafeHtml {
  const { t } = ctx;
  const cols = [t('app.name.col'), t('app.number'), t('app.activity'), t('app.location'), t('unlock.start')];
  return html`<table class="list stack unlock-going" aria-labelledby="${id}">
    <thead><tr>${cols.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
    <tbody>${u.going.map(
      (p) => html`<tr data-prisoner="${p.prisonerId}">
        <td data-label="${cols[0]}"><strong>${p.name}</strong>${
          p.unavailable.length > 0
            ? html`<br><span class="badge clash">${t('unlock.alsoUnavailable', { what: p.unavailable.map((x) => unavailableText(ctx, x)).join(', ') })}</span>`
            : ''
        }</td>
        <td data-label="${cols[1]}">${p.prisonerNumber}</td>
        <td data-label="${cols[2]}">${p.goesTo.map((g, i) => html`${i > 0 ? html`<br>` : ''}${g.activityName}`)}</td>
        <td data-label="${cols[3]}">${p.goesTo.map((g, i) => html`${i > 0 ? html`<br>` : ''}${g.location}`)}</td>
        <td data-label="${cols[4]}" class="time">${p.goesTo.map((g, i) => html`${i > 0 ? html`<br>` : ''}${g.startTime}`)}</td>
      </tr>`,
    )}</tbody></table>`;
}

function stayingTable(ctx: WebContext, u: UnlockUnit, id: string): SafeHtml {
  const { t } = ctx;
  const cols = [t('app.name.col'), t('app.number'), t('app.reason')];
  return html`<table class="list stack unlock-staying" aria-labelledby="${id}">
    <thead><tr>${cols.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
    <tbody>${u.staying.map(
      (p) => html`<tr data-prisoner="${p.prisonerId}" data-stays="${p.stays ?? ''}">
        <td data-label="${cols[0]}"><strong>${p.name}</strong></td>
        <td data-label="${cols[1]}">${p.prisonerNumber}</td>
        <td data-label="${cols[2]}">${stayText(ctx, p)}</td>
      </tr>`,
    )}</tbody></table>`;
}

function unitSection(ctx: WebContext, v: UnlockView, u: UnlockUnit, when: string): SafeHtml {
  const { t } = ctx;
  const key = u.unitId.slice(0, 8);
  return html`<section class="unlock-unit" data-unit="${u.unitId}" aria-labelledby="unit-${key}">
    <h2 id="unit-${key}">${u.unitName} <span class="sub">${when}</span></h2>
    <p class="meta">${t('unlock.unitCounts', { going: u.going.length, staying: u.staying.length })}${
      v.unitId
        ? ''
        : html` · <a class="no-print" href="${withQuery(ctx.url, { unit: u.unitId })}">${t('unlock.printUnit', { unit: u.unitName })}</a>`
    }</p>
    <h3 id="going-${key}">${t('unlock.going')} – ${u.unitName}</h3>
    ${u.going.length === 0 ? html`<p>${t('unlock.noneGoing')}</p>` : goingTable(ctx, u, `going-${key}`)}
    <h3 id="staying-${key}">${t('unlock.staying')} – ${u.unitName}</h3>
    ${u.staying.length === 0 ? html`<p>${t('unlock.noneStaying')}</p>` : stayingTable(ctx, u, `staying-${key}`)}
  </section>`;
}

/** The unlock list of a half-day: per unit, who goes where (by start time) and who stays, one unit per printed page. */
export function unlockPage(ctx: WebContext, v: UnlockView): string {
  const { t, lang } = ctx;
  const l = v.list;
  const title = t('unlock.title');
  const when = t('unlock.when', { day: formatDay(l.date, lang), period: t(`period.${l.period}`), start: l.start, end: l.end });
  const units = v.unitId ? l.units.filter((u) => u.unitId === v.unitId) : l.units;
  const keep: Record<string, string> = { prisonId: v.prison.id, period: l.period, ...(v.unitId ? { unit: v.unitId } : {}) };
  return layout(ctx, {
    title,
    body: html`<div class="no-print">
        <p><a href="${WEB_PREFIX}/planner?prisonId=${v.prison.id}">← ${t('planner.title')}</a></p>
      </div>
      <h1>${title} <span class="sub">${v.prison.name} · ${when}</span></h1>
      <div class="no-print">
        <p>${t('unlock.intro')}</p>
        ${prisonPicker(ctx, ACTION, v.prison, v.prisons, { date: l.date, period: l.period })}
        ${dayPicker(ctx, ACTION, l.date, keep)}
        <nav class="seg-links" aria-label="${t('unlock.halfDay')}"><ul>${[DayPeriod.AM, DayPeriod.PM].map(
          (p) =>
            html`<li><a href="${withQuery(ctx.url, { period: p })}"${p === l.period ? html` aria-current="page"` : ''}>${t(`period.${p}`)}</a></li>`,
        )}</ul></nav>
        <form method="get" action="${ACTION}" class="picker">
          <input type="hidden" name="prisonId" value="${v.prison.id}">
          <input type="hidden" name="date" value="${l.date}">
          <input type="hidden" name="period" value="${l.period}">
          <label for="unit">${t('unlock.unitChoice')}</label>
          <select id="unit" name="unit"><option value="">${t('unlock.allUnits')}</option>${l.units.map(
            (u) => html`<option value="${u.unitId}"${attr('selected', u.unitId === v.unitId)}>${u.unitName}</option>`,
          )}</select>
          <button type="submit">${t('app.show')}</button>
        </form>
        <p id="unlock-totals" data-held="${l.totals.held}" data-going="${l.totals.going}" data-staying="${l.totals.staying}">${t('unlock.totals', l.totals)}</p>
        <button type="button" class="primary" data-print>${t('app.print')}</button>
      </div>
      ${units.length === 0 ? html`<p id="unlock-none">${t(v.unitId ? 'unlock.noneOnUnit' : 'unlock.noneHeld')}</p>` : units.map((u) => unitSection(ctx, v, u, when))}`,
  });
}
