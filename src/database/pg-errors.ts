import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { ConflictError, DomainError } from '../common/errors/domain-errors';

/** The PostgreSQL SQLSTATE codes the app tells apart (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
export const PG = {
  UNIQUE_VIOLATION: '23505',
  EXCLUSION_VIOLATION: '23P01',
  FOREIGN_KEY_VIOLATION: '23503',
  CHECK_VIOLATION: '23514',
  NOT_NULL_VIOLATION: '23502',
  INVALID_TEXT_REPRESENTATION: '22P02',
  CHARACTER_NOT_IN_REPERTOIRE: '22021',
  UNTRANSLATABLE_CHARACTER: '22P05',
  PROGRAM_LIMIT_EXCEEDED: '54000',
  NUMERIC_VALUE_OUT_OF_RANGE: '22003',
  INVALID_DATETIME_FORMAT: '22007',
  DATETIME_FIELD_OVERFLOW: '22008',
  SERIALIZATION_FAILURE: '40001',
  DEADLOCK_DETECTED: '40P01',
} as const;

/**
 * Two transactions met on the same rows in an order that could not both go on (a deadlock) or could not be
 * serialised: PostgreSQL failed this one and rolled it back whole. Nothing of it is written, so the caller is
 * told to try again (409) instead of a 500. Lock orders are kept to make this rare (docs/database-faults.md).
 */
export function concurrencyRefusal(e: unknown): DomainError | undefined {
  const { code } = pgErrorOf(e);
  return code === PG.DEADLOCK_DETECTED || code === PG.SERIALIZATION_FAILURE
    ? new ConflictError(ruleMessage(RuleCode.CONCURRENT_CHANGE), { retry: true })
    : undefined;
}

/** Integrity violations: the database refused a change because it broke one of its invariants. */
const INTEGRITY_CODES: ReadonlySet<string> = new Set([PG.CHECK_VIOLATION, PG.UNIQUE_VIOLATION, PG.EXCLUSION_VIOLATION]);

export interface PgErrorFields {
  code?: string;
  constraint?: string;
}

/** SQLSTATE and constraint of an error from the driver (TypeORM wraps it in QueryFailedError.driverError). */
export function pgErrorOf(e: unknown): PgErrorFields {
  if (e === null || typeof e !== 'object') return {};
  return ((e as { driverError?: unknown }).driverError ?? e) as PgErrorFields;
}

/**
 * The constraints a use case can break under concurrency, and what the officer is told. The key is
 * `${SQLSTATE}:${constraint}`; the database guards each rule, the service words it.
 */
const CONSTRAINT_ERRORS: Record<string, () => DomainError> = {
  [`${PG.CHECK_VIOLATION}:session_booked_within_capacity`]: () => new ConflictError(ruleMessage(RuleCode.SESSION_FILLED_UP)),
  [`${PG.EXCLUSION_VIOLATION}:allocation_no_overlap`]: () => new ConflictError(ruleMessage(RuleCode.ALLOCATION_OVERLAPS)),
  [`${PG.UNIQUE_VIOLATION}:booking_prisoner_half_day_key`]: () => new ConflictError(ruleMessage(RuleCode.BOOKED_ELSEWHERE_MEANWHILE)),
};

/** What the database refused, in the officer's words (a known constraint), else the error unchanged. */
export function translateConstraintError(e: unknown): unknown {
  const { code, constraint } = pgErrorOf(e);
  const known = CONSTRAINT_ERRORS[`${code}:${constraint}`];
  return known ? known() : e;
}

/** Any integrity violation as a conflict naming the constraint (a batch that is rolled back either way), else the error unchanged. */
export function translateRefusedChange(e: unknown): unknown {
  const { code, constraint } = pgErrorOf(e);
  if (code !== undefined && INTEGRITY_CODES.has(code)) {
    return new ConflictError(ruleMessage(RuleCode.DRAFT_DATABASE_REFUSED, { constraint: constraint ?? code }));
  }
  return e;
}

/** Whether the error is the given constraint's violation (e.g. a unique index the service words itself). */
export function isConstraintViolation(e: unknown, constraint: string): boolean {
  return pgErrorOf(e).constraint === constraint;
}
