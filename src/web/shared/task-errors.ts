import type { SuitabilityCheck } from '../../allocations/domain/suitability';
import { DomainError } from '../../common/errors/domain-errors';
import { html, SafeHtml } from './html';
import { codeLabel, MessageKey } from './i18n';
import { ruleText } from './rule-text';
import type { WebContext } from './web-context';

/**
 * A refused write as one sentence in the page's language: the refusal's own rule when it names one (a
 * conflict or a broken rule), else the kind of refusal; and for failed suitability checks which ones (by
 * code, translated). The service's own English message is not shown.
 */
export function refusalText(ctx: WebContext, e: DomainError): string {
  const known = ['NOT_FOUND', 'CONFLICT', 'RULE_BROKEN', 'INVALID_INPUT', 'FORBIDDEN'];
  // A conflict or a broken rule that says which (a rule code) is said in those words: "already changed, or full"
  // would be wrong for, say, a session that cannot be cancelled because attendance is recorded on it.
  const coded = e.rule && (e.kind === 'CONFLICT' || e.kind === 'RULE_BROKEN') ? ruleText(ctx.lang, e.rule) : undefined;
  const headline = coded ?? ctx.t((known.includes(e.kind) ? `tasks.error.${e.kind}` : 'tasks.error.other') as MessageKey);
  const failed = (e.details as { failedChecks?: SuitabilityCheck[] } | undefined)?.failedChecks;
  if (!Array.isArray(failed) || failed.length === 0) return headline;
  const checks = failed.map((c) => codeLabel(ctx.lang, 'check', c.code)).join(', ');
  // Two sentences: the refusal (which may end in a list, "… and 12 more") and the checks by name.
  return `${/[.!?]$/.test(headline) ? headline : `${headline}.`} ${ctx.t('tasks.failedChecks', { checks })}`;
}

/** A form field's reason for a refusal, in the page's language, by field name. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * The fields a refusal names (the API's `details`: `[{ field, messages }]`), each with its reason in
 * the page's language: the form's own text for that field when it has one, else the refusal's code
 * (e.g. CANCELLATION_NOTE_REQUIRED), else "correct this field". The English messages are not shown.
 */
export function fieldErrors(ctx: WebContext, e: DomainError, texts: Partial<Record<string, MessageKey>> = {}): FieldErrors {
  const details = Array.isArray(e.details) ? (e.details as Array<{ field?: unknown }>) : [];
  const out: FieldErrors = {};
  for (const d of details) {
    if (typeof d?.field !== 'string' || out[d.field]) continue;
    const key = texts[d.field];
    out[d.field] = key ? ctx.t(key) : e.rule ? ruleText(ctx.lang, e.rule) : ctx.t('tasks.fieldInvalid');
  }
  return out;
}

/** The refusal at the top: its headline and a link to each field with its reason (the fields are in the form below). */
export function refusalSummary(headline: string, errors: FieldErrors, labels: Record<string, string>): SafeHtml {
  const named = Object.entries(errors).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return html`<p>${headline}</p>${
    named.length > 0 ? html`<ul>${named.map(([f, text]) => html`<li><a href="#${f}">${labels[f] ?? f}: ${text}</a></li>`)}</ul>` : ''
  }`;
}

/** The reason shown at a field (the control points to it with aria-describedby and is aria-invalid). */
export function fieldError(id: string, text: string | undefined): SafeHtml | string {
  return text ? html`<p id="${id}-error" class="field-error">${text}</p>` : '';
}

/** aria-invalid and aria-describedby for a control, its error first, then its help. */
export function fieldAria(id: string, text: string | undefined, help?: string): SafeHtml {
  const described = [text ? `${id}-error` : '', help ?? ''].filter(Boolean).join(' ');
  return html`${text ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}`;
}
