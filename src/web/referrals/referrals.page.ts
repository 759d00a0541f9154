import { ReferralSource } from '../../referrals/referral.enums';
import type { ReferralDto } from '../../referrals/dto/referral.dto';
import { formatDate } from '../shared/format';
import { attr, html } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { csrfField, layout, notice } from '../shared/layout';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { fieldAria, fieldError, refusalSummary } from '../shared/task-errors';
import { prisonPicker } from '../shared/widgets';
import { TASKS_SCRIPT } from '../sessions/sessions.page';
import { ALLOCATE_PATTERNS, ReferralsView } from './referral-tasks.service';

const BASE = `${WEB_PREFIX}/referrals`;
const nameOf = (r: ReferralDto) => `${r.lastName}, ${r.firstName}`;

export interface ReferralsPage extends ReferralsView {
  flash?: string;
  error?: string;
  /** A refused decline or allocation: the referral, the values sent (shown again) and the reason at the field. */
  refused?: { referralId: string; note?: string; pattern?: string; noteError?: string };
}

/** An activity's waiting list with approve / decline / allocate, and a form to refer a prisoner by number. */
export function referralsPage(ctx: WebContext, v: ReferralsPage): string {
  const { t, lang } = ctx;
  const a = v.activity;
  const action = a ? `${BASE}/activities/${a.id}` : BASE;
  const row = (r: ReferralDto) => {
    const name = nameOf(r);
    const mine = v.refused?.referralId === r.id ? v.refused : undefined;
    return html`<li data-referral="${r.id}" data-status="${r.status}">
      <a href="${WEB_PREFIX}/prisoners/${r.prisonerId}" class="name">${name}</a>
      <span>${r.prisonerNumber}</span><span>${r.unitName ?? ''}</span>
      <span class="badge ${r.status === 'APPROVED' ? 'ok' : ''}">${codeLabel(lang, 'refStatus', r.status)}</span>
      <span class="small">${t('ref.daysWaiting')}: ${r.daysWaiting}</span>
      <span class="small">${t('ref.requestedBy')}: ${codeLabel(lang, 'refSource', r.requestedBy)}</span>
      ${r.note ? html`<span class="small">${r.note}</span>` : ''}
      <div class="row-actions">
        ${
          r.status === 'PENDING'
            ? html`<form method="post" action="${action}/referrals/${r.id}/approve" class="inline">${csrfField(ctx)}
                <button type="submit" aria-label="${t('ref.approveLabel', { name })}">${t('ref.approve')}</button></form>
              <details class="decline"${attr('open', mine !== undefined)}><summary>${t('ref.decline')}</summary>
                <form method="post" action="${action}/referrals/${r.id}/decline">${csrfField(ctx)}
                  <label for="note-${r.id}">${t('ref.declineNote')}</label>
                  ${fieldError(`note-${r.id}`, mine?.noteError)}
                  <input id="note-${r.id}" name="note" type="text" required maxlength="1000" value="${mine?.note ?? ''}"${fieldAria(`note-${r.id}`, mine?.noteError)}>
                  <button type="submit" aria-label="${t('ref.declineLabel', { name })}">${t('ref.decline')}</button>
                </form></details>`
            : html`<form method="post" action="${action}/referrals/${r.id}/allocate" class="inline">${csrfField(ctx)}
                <label for="pattern-${r.id}">${t('ref.pattern')}</label>
                <select id="pattern-${r.id}" name="pattern">${ALLOCATE_PATTERNS.map((p) => html`<option value="${p}"${attr('selected', mine?.pattern === p)}>${t(`pattern.${p}`)}</option>`)}</select>
                <input type="hidden" name="startDate" value="${v.today}">
                <button type="submit" class="primary" aria-label="${t('ref.allocateLabel', { name, date: formatDate(v.today) })}">${t('ref.allocate', { date: formatDate(v.today) })}</button>
              </form>`
        }
      </div>
    </li>`;
  };
  return layout(ctx, {
    title: t('ref.title'),
    scripts: [TASKS_SCRIPT],
    body: html`<h1>${t('ref.title')}${a ? html` <span class="sub">${a.name}</span>` : ''}</h1>
      <div id="feedback" aria-live="polite">${v.flash ? notice('ok', v.flash) : ''}${v.error ? notice('error', v.refused?.noteError ? refusalSummary(v.error, { [`note-${v.refused.referralId}`]: v.refused.noteError }, { [`note-${v.refused.referralId}`]: t('ref.declineNote') }) : v.error) : ''}</div>
      ${prisonPicker(ctx, BASE, v.prison, v.prisons)}
      <form method="get" action="${BASE}" class="picker">
        <input type="hidden" name="prisonId" value="${v.prison.id}">
        <label for="activityId">${t('ref.activity')}</label>
        <select id="activityId" name="activityId">${v.activities.map(
          (x) => html`<option value="${x.id}"${attr('selected', x.id === a?.id)}>${x.name}${x.requiresReferral ? ' *' : ''}</option>`,
        )}</select>
        <button type="submit">${t('app.show')}</button>
      </form>
      ${
        a
          ? html`${a.requiresReferral ? '' : html`<p class="small muted">${t('ref.noReferralNeeded')}</p>`}
            <section aria-labelledby="waiting-title">
              <h2 id="waiting-title">${t('ref.waiting', { count: v.waiting.length })}</h2>
              ${v.waiting.length === 0 ? html`<p>${t('ref.none')}</p>` : html`<ul class="task-list waiting">${v.waiting.map(row)}</ul>`}
            </section>
            <section class="card" aria-labelledby="create-title">
              <h2 id="create-title">${t('ref.create')}</h2>
              <form method="post" action="${action}/referrals">${csrfField(ctx)}
                <div class="field"><label for="prisonerNumber">${t('app.number')}</label>
                  <input id="prisonerNumber" name="prisonerNumber" type="text" required autocomplete="off"></div>
                <div class="field"><label for="requestedBy">${t('ref.requestedBy')}</label>
                  <select id="requestedBy" name="requestedBy">${Object.values(ReferralSource).map(
                    (s) =>
                      html`<option value="${s}"${attr('selected', s === ReferralSource.OFFICER)}>${codeLabel(lang, 'refSource', s)}</option>`,
                  )}</select></div>
                <div class="field"><label for="ref-note">${t('tasks.note')} <span class="muted">(${t('tasks.optional')})</span></label>
                  <input id="ref-note" name="note" type="text" maxlength="1000"></div>
                <div class="actions"><button type="submit" class="primary">${t('ref.createButton')}</button></div>
              </form>
            </section>`
          : html`<p>${t('ref.chooseActivity')}</p>`
      }`,
  });
}
