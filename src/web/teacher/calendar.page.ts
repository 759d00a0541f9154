import { html } from '../shared/html';
import { csrfField, layout, notice } from '../shared/layout';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import { TASKS_SCRIPT } from '../sessions/sessions.page';

export const CALENDAR_PAGE = `${WEB_PREFIX}/teacher/calendar`;

export interface CalendarView {
  /** The link, while the browser that made it holds it (a short-lived cookie): only its hash is stored. */
  feedUrl?: string;
  exists: boolean;
  flash?: string;
  error?: string;
}

/** The calendar subscription on a page of its own: the link in view with a copy button; a new link only when confirmed. */
export function calendarPage(ctx: WebContext, v: CalendarView): string {
  const { t } = ctx;
  const rotate = html`<section class="card" aria-labelledby="rotate-title">
      <h2 id="rotate-title">${t('cal.rotateHeading')}</h2>
      <p class="small">${t('cal.rotateHelp')}</p>
      <form method="post" action="${WEB_PREFIX}/teacher/calendar-feed">${csrfField(ctx)}
        <label class="choice"><input type="checkbox" name="confirm" value="yes" required> ${t('cal.rotateConfirm')}</label>
        <div class="actions"><button type="submit">${t('cal.rotateButton')}</button></div>
      </form>
      <form method="post" action="${WEB_PREFIX}/teacher/calendar-feed/revoke">${csrfField(ctx)}
        <div class="actions"><button type="submit">${t('teacher.ics.revoke')}</button></div>
      </form>
    </section>`;
  return layout(ctx, {
    title: t('cal.title'),
    scripts: [TASKS_SCRIPT],
    body: html`<p><a href="${WEB_PREFIX}/teacher">← ${t('teacher.title')}</a></p>
      <h1>${t('cal.title')}</h1>
      <div id="feedback" aria-live="polite">${v.flash ? notice('ok', v.flash) : ''}${v.error ? notice('error', v.error) : ''}</div>
      <p>${t('cal.intro')}</p>
      ${
        v.feedUrl
          ? html`<section class="card" aria-labelledby="link-title">
              <h2 id="link-title"><label for="feed-url">${t('cal.link')}</label></h2>
              <div class="copy-field">
                <input id="feed-url" readonly value="${v.feedUrl}" data-select-all>
                <button type="button" data-copy="feed-url" data-copied="copied" hidden>${t('cal.copy')}</button>
              </div>
              <p id="copied" class="small" role="status" hidden>${t('cal.copied')}</p>
              <p><a href="${v.feedUrl.replace(/^https?:/, 'webcal:')}">webcal</a></p>
            </section>`
          : v.exists
            ? html`<p>${t('teacher.ics.text')}</p>`
            : html`<p>${t('cal.none')}</p>
              <form method="post" action="${WEB_PREFIX}/teacher/calendar-feed">${csrfField(ctx)}
                <div class="actions"><button type="submit" class="primary">${t('cal.create')}</button></div>
              </form>`
      }
      ${v.exists ? rotate : ''}`,
  });
}
