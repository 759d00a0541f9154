import { isoWeekOf } from '../../calendar/domain/iso-week';
import { CancellationReason } from '../../sessions/session.enums';
import type { SessionDto } from '../../sessions/dto/session.dto';
import { formatDay } from '../shared/format';
import { attr, html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { ASSETS, csrfField, layout, notice } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { fieldAria, fieldError, FieldErrors, refusalSummary } from '../shared/task-errors';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { dayPicker, prisonPicker } from '../shared/widgets';
import { MAX_SUGGESTIONS, SessionTaskView } from './session-tasks.service';

const BASE = `${WEB_PREFIX}/sessions`;
export const TASKS_SCRIPT = `${ASSETS}/tasks.js`;

function status(ctx: WebContext, s: SessionDto): SafeHtml {
  return s.cancelled
    ? html`<span class="badge cancelled">${ctx.t('sessions.cancelled', { reason: codeLabel(ctx.lang, 'cancel', s.cancelled.reason) })}</span>`
    : html`<span class="muted">${ctx.t('sessions.active')}</span>`;
}

/** A prison's sessions of one day, each with a link to cancel or restore it. */
export function sessionsDayPage(
  ctx: WebContext,
  v: { prison: PrisonRef; prisons: PrisonRef[]; date: string; sessions: SessionDto[] },
): string {
  const { t, lang } = ctx;
  const keep = { prisonId: v.prison.id };
  return layout(ctx, {
    title: t('sessions.title'),
    scripts: [TASKS_SCRIPT],
    body: html`<h1>${t('sessions.title')} <span class="sub">${formatDay(v.date, lang)}${v.date.slice(0, 4)}</span></h1>
      <p>${t('sessions.intro')}</p>
      ${prisonPicker(ctx, BASE, v.prison, v.prisons, { date: v.date })}
      ${dayPicker(ctx, BASE, v.date, keep)}
      ${
        v.sessions.length === 0
          ? html`<p>${t('sessions.none')}</p>`
          : html`<ul class="task-list sessions-of-day">${v.sessions.map(
              (s) => html`<li data-session="${s.id}"${s.cancelled ? html` class="cancelled"` : ''}>
                <a href="${BASE}/${s.id}" aria-label="${t('sessions.open', { activity: s.activityName, period: t(`period.${s.period}`) })}">${s.activityName}</a>
                <span>${t(`period.short.${s.period}`)} ${s.startTime}–${s.endTime}</span>
                <span>${t('sessions.booked', { booked: s.booked, capacity: s.capacity })}</span>
                ${status(ctx, s)}
              </li>`,
            )}</ul>`
      }`,
  });
}

export interface SessionTaskPage extends SessionTaskView {
  flash?: string;
  error?: string;
  /** A refused cancellation: the values sent (shown again) and the reason at each field it names. */
  form?: { reason?: string; note?: string };
  fieldErrors?: FieldErrors;
  /** The prisoner just moved or refused, to focus their row. */
  focus?: string;
}

/** One session: cancel it with a reason, or restore it; the prisoners affected and where each can go instead. */
export function sessionTaskPage(ctx: WebContext, v: SessionTaskPage): string {
  const { t, lang } = ctx;
  const s = v.session;
  const periodName = t(`period.${s.period}`);
  const day = `${formatDay(s.date, lang)}${s.date.slice(0, 4)}`;
  const title = t('sessions.detailTitle', { activity: s.activityName, day, period: periodName });
  const action = `${BASE}/${s.id}`;
  const f = v.form ?? {};
  const errors = v.fieldErrors ?? {};
  const cancelForm = html`<section class="card" aria-labelledby="cancel-title">
      <h2 id="cancel-title">${t('sessions.cancelHeading')}</h2>
      <p class="small">${t('sessions.cancelHelp')}</p>
      <form method="post" action="${action}/cancel">
        ${csrfField(ctx)}
        <div class="field"><label for="reason">${t('app.reason')}</label>
          ${fieldError('reason', errors.reason)}
          <select id="reason" name="reason" required${fieldAria('reason', errors.reason)}>
            ${Object.values(CancellationReason).map((r) => html`<option value="${r}"${attr('selected', f.reason === r)}>${codeLabel(lang, 'cancel', r)}</option>`)}
          </select></div>
        <div class="field"><label for="note">${t('tasks.note')} <span class="muted">(${t('sessions.noteRequiredOther')})</span></label>
          ${fieldError('note', errors.note)}
          <textarea id="note" name="note" rows="2" maxlength="500"${fieldAria('note', errors.note, 'note-help')}>${f.note ?? ''}</textarea>
          <p id="note-help" class="small muted">${t('sessions.noteHelp')}</p></div>
        <div class="actions"><button type="submit" class="primary">${t('sessions.cancelButton')}</button></div>
      </form>
    </section>`;
  const uncancelForm = html`<section class="card" aria-labelledby="uncancel-title">
      <h2 id="uncancel-title">${t('sessions.uncancelHeading')}</h2>
      <p class="small">${t('sessions.uncancelHelp')}</p>
      <form method="post" action="${action}/uncancel">
        ${csrfField(ctx)}
        <label class="choice"><input type="checkbox" name="confirm" value="yes" required> ${t('sessions.uncancelConfirm')}</label>
        <div class="actions"><button type="submit">${t('sessions.uncancelButton')}</button></div>
      </form>
    </section>`;
  const affected = html`<section aria-labelledby="affected-title">
      <h2 id="affected-title">${t('sessions.affected', { count: v.affected.length })}</h2>
      ${v.movable ? html`<p class="small muted">${t('sessions.moveHelp', { max: MAX_SUGGESTIONS })}</p>` : ''}
      ${!v.movable && s.cancelled ? html`<p class="small muted">${t('sessions.movePast')}</p>` : ''}
      ${
        v.affected.length === 0
          ? html`<p>${t('sessions.affectedNone')}</p>`
          : html`<ul class="task-list affected">${v.affected.map(
              (
                p,
              ) => html`<li data-prisoner="${p.prisonerId}" id="p-${p.prisonerId}"${v.focus === p.prisonerId ? html` tabindex="-1" data-focus` : ''}>
                <a href="${WEB_PREFIX}/prisoners/${p.prisonerId}" class="name">${p.name}</a>
                <span>${p.prisonerNumber}</span><span>${p.unitName ?? ''}</span>
                ${
                  v.movable && s.cancelled
                    ? p.suggestions.length === 0
                      ? html`<p class="small muted">${t('sessions.moveNone')}</p>`
                      : html`<div class="moves">${p.suggestions.map(
                          (m) => html`<form method="post" action="${action}/move" class="inline">
                            ${csrfField(ctx)}
                            <input type="hidden" name="prisonerId" value="${p.prisonerId}">
                            <input type="hidden" name="toSessionId" value="${m.sessionId}">
                            <button type="submit" data-to="${m.sessionId}">${t('sessions.moveButton', { name: p.name, activity: m.activityName, free: m.free })}</button>
                          </form>`,
                        )}</div>`
                    : ''
                }
              </li>`,
            )}</ul>`
      }
    </section>`;
  return layout(ctx, {
    title,
    scripts: [TASKS_SCRIPT],
    body: html`<p><a href="${BASE}?prisonId=${s.prisonId}&amp;date=${s.date}">← ${t('sessions.title')}</a></p>
      <h1>${s.activityName} <span class="sub">${day}, ${periodName} ${s.startTime}–${s.endTime}</span></h1>
      <div id="feedback" aria-live="polite">${v.flash ? notice('ok', v.flash) : ''}${v.error ? notice('error', refusalSummary(v.error, errors, { reason: t('app.reason'), note: t('tasks.note') })) : ''}</div>
      <dl class="facts">
        <dt>${t('app.status')}</dt><dd id="session-status" data-cancelled="${s.cancelled ? 'true' : 'false'}">${status(ctx, s)}${s.cancelled?.note ? html` – ${s.cancelled.note}` : ''}</dd>
        <dt>${t('sessions.places')}</dt><dd id="session-count" data-booked="${s.booked}">${t('sessions.booked', { booked: s.booked, capacity: s.capacity })}</dd>
        <dt>${t('app.staff')}</dt><dd>${s.staffMember?.name ?? t('app.none')}</dd>
      </dl>
      <p><a href="${WEB_PREFIX}/planner/sessions/${s.id}">${t('sessions.planner')}</a> · <a href="${WEB_PREFIX}/planner?prisonId=${s.prisonId}&amp;week=${isoWeekOf(s.date)}">${t('planner.title')}</a></p>
      ${
        s.cancelled
          ? html`${affected}${uncancelForm}`
          : v.attendanceRecorded > 0
            ? // It took place: cancelling is refused (SESSION_HAS_ATTENDANCE), so the form is not offered.
              html`${notice('info', t('sessions.tookPlace', { count: v.attendanceRecorded }))}${affected}`
            : html`${cancelForm}${affected}`
      }`,
  });
}
