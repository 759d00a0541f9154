import { englishRule } from '../messages/english-rule';
import { RuleMessage } from '../messages/rule-message';

// Errors thrown by services. They know nothing of HTTP; DomainExceptionFilter maps them.
export type DomainErrorKind = 'NOT_FOUND' | 'CONFLICT' | 'RULE_BROKEN' | 'INVALID_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** What went wrong as a code with parameters, when the error was made from one (pages translate it). */
  readonly rule?: RuleMessage;
  /** The API's English message is built from the code (english-rule.ts); a plain string stays as it is. */
  constructor(
    message: string | RuleMessage,
    readonly details?: unknown,
    /** Per-row reasons as codes, for a form that shows each row's errors (the API's `details` carry them in English). */
    readonly rowRules?: ReadonlyArray<{ prisonerId: string; rules: RuleMessage[] }>,
  ) {
    super(typeof message === 'string' ? message : englishRule(message));
    if (typeof message !== 'string') this.rule = message;
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'NOT_FOUND' as const;
  constructor(subject: string, id?: string) {
    super(id === undefined ? `${subject} not found` : `${subject} ${id} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'CONFLICT' as const;
}

/** A business rule forbids the change (e.g. a failed suitability check). */
export class RuleBrokenError extends DomainError {
  readonly kind = 'RULE_BROKEN' as const;
}

export class InvalidInputError extends DomainError {
  readonly kind = 'INVALID_INPUT' as const;
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'UNAUTHENTICATED' as const;
}

export class ForbiddenError extends DomainError {
  readonly kind = 'FORBIDDEN' as const;
}

export class RateLimitedError extends DomainError {
  readonly kind = 'RATE_LIMITED' as const;
}
