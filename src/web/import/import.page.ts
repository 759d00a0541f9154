import type { PopulationImportReportDto } from '../../intake/dto/population-import.dto';
import { formatDate } from '../shared/format';
import { attr, html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { csrfField, layout, notice } from '../shared/layout';
import type { PrisonRef } from '../shared/prison-choice';
import { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';

const countsOf = (c: PopulationImportReportDto['counts']) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, String(v)]));

/** The upload form: a prison, a format and the file's text. */
export function importFormPage(ctx: WebContext, v: { prisons: PrisonRef[]; prisonId?: string; error?: string }): string {
  const { t } = ctx;
  return layout(ctx, {
    title: t('imp.title'),
    body: html`<h1>${t('imp.title')}</h1>
      <p>${t('imp.intro')}</p>
      ${v.error ? notice('error', v.error) : ''}
      <form method="post" action="${WEB_PREFIX}/import" class="import-form">
        ${csrfField(ctx)}
        <p><label for="prisonId">${t('app.prison')}</label>
        <select id="prisonId" name="prisonId">
          ${v.prisons.map((p) => html`<option value="${p.id}"${attr('selected', p.id === v.prisonId)}>${p.name}</option>`)}
        </select></p>
        <fieldset><legend>${t('imp.format')}</legend>
          <label><input type="radio" name="format" value="CSV" checked> CSV</label>
          <label><input type="radio" name="format" value="JSON"> JSON</label>
        </fieldset>
        <p><label for="content">${t('imp.content')}</label><br>
        <textarea id="content" name="content" rows="14" cols="100" required spellcheck="false"></textarea></p>
        <button type="submit">${t('imp.check')}</button>
      </form>`,
  });
}

/** The dry run of a stored file as tables, with the releases to confirm and the apply button. */
export function importDryRunPage(
  ctx: WebContext,
  v: { draftId: string; prison: PrisonRef; report: PopulationImportReportDto; applied?: Record<string, string>; today: string },
): string {
  const { t } = ctx;
  const r = v.report;
  const changed = r.rows.filter((row) => row.action !== 'UNCHANGED');
  const hasErrors = r.issues.length > 0;
  const issuesTable: SafeHtml | string = hasErrors
    ? html`<h2 id="issues-title">${t('imp.issues')}</h2>
        <table aria-labelledby="issues-title"><thead><tr><th scope="col">${t('imp.line')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('imp.field')}</th><th scope="col">${t('imp.problem')}</th><th scope="col">${t('imp.value')}</th></tr></thead>
        <tbody>${r.issues.map((i) => html`<tr><td>${i.line || ''}</td><td>${i.prisonerNumber ?? ''}</td><td>${i.field ?? ''}</td><td><code>${i.code}</code></td><td>${i.value ?? ''}</td></tr>`)}</tbody></table>`
    : '';
  return layout(ctx, {
    title: t('imp.title'),
    body: html`<h1>${t('imp.dryRunOf', { prison: v.prison.name })}</h1>
      <div aria-live="polite">
        ${v.applied ? notice('ok', t('imp.applied', v.applied)) : ''}
        ${hasErrors ? notice('error', t('imp.issuesBlock')) : ''}
      </div>
      <p id="import-counts">${t('imp.counts', countsOf(r.counts))}</p>
      ${issuesTable}
      <h2 id="rows-title">${t('imp.rows')}</h2>
      ${
        changed.length === 0
          ? html`<p>${t('imp.nothingToShow')}</p>`
          : html`<table aria-labelledby="rows-title"><thead><tr><th scope="col">${t('imp.line')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('imp.action')}</th><th scope="col">${t('imp.changes')}</th></tr></thead>
          <tbody>${changed.map((row) => html`<tr><td>${row.line}</td><td>${row.prisonerNumber}</td><td>${codeLabel(ctx.lang, 'imp.action', row.action)}</td><td>${row.changes.join(', ')}</td></tr>`)}</tbody></table>`
      }
      <form method="post" action="${WEB_PREFIX}/import/${v.draftId}/apply">
        ${csrfField(ctx)}
        ${
          r.missing.length === 0
            ? ''
            : html`<h2 id="missing-title">${t('imp.missing')}</h2>
            <p>${t('imp.missingText')}</p>
            <table aria-labelledby="missing-title"><thead><tr><th scope="col">${t('imp.release')}</th><th scope="col">${t('app.number')}</th><th scope="col">${t('app.name.col')}</th><th scope="col">${t('imp.arrival')}</th></tr></thead>
            <tbody>${r.missing.map(
              (
                m,
              ) => html`<tr><td><input type="checkbox" id="release-${m.prisonerNumber}" name="release.${m.prisonerNumber}" value="on"${attr('checked', m.release)}></td>
                <td><label for="release-${m.prisonerNumber}">${m.prisonerNumber}</label></td><td>${m.lastName}, ${m.firstName}</td><td>${formatDate(m.arrivalDate)}</td></tr>`,
            )}</tbody></table>
            <p><label for="releaseDate">${t('imp.releaseDate')}</label>
            <input type="date" id="releaseDate" name="releaseDate" value="${v.today}" max="${v.today}"></p>`
        }
        <button type="submit"${attr('disabled', hasErrors)}>${t('imp.apply')}</button>
      </form>`,
  });
}
