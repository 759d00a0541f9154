// Errors thrown by services. They know nothing of HTTP; DomainExceptionFilter maps them.
export type DomainErrorKind = 'NOT_FOUND' | 'CONFLICT' | 'RULE_BROKEN' | 'INVALID_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
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
