import type { SuitabilityCheck } from '../../allocations/domain/suitability';
import { DomainError } from '../../common/errors/domain-errors';
import { codeLabel, MessageKey } from './i18n';
import type { WebContext } from './web-context';

/**
 * A refused write as one sentence in the page's language: the kind of refusal, and for failed
 * suitability checks which ones (by code, translated). The service's own English message is not shown.
 */
export function refusalText(ctx: WebContext, e: DomainError): string {
  const known = ['NOT_FOUND', 'CONFLICT', 'RULE_BROKEN', 'INVALID_INPUT', 'FORBIDDEN'];
  const headline = ctx.t((known.includes(e.kind) ? `tasks.error.${e.kind}` : 'tasks.error.other') as MessageKey);
  const failed = (e.details as { failedChecks?: SuitabilityCheck[] } | undefined)?.failedChecks;
  if (!Array.isArray(failed) || failed.length === 0) return headline;
  const checks = failed.map((c) => codeLabel(ctx.lang, 'check', c.code)).join(', ');
  return `${headline} ${ctx.t('tasks.failedChecks', { checks })}`;
}
