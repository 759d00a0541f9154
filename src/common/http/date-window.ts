import { isValidIsoWeek, parseIsoWeek } from '../../calendar/domain/iso-week';
import { isValidIsoDate } from '../../calendar/domain/oslo-time';
import { InvalidInputError } from '../errors/domain-errors';
import { englishRule } from '../messages/english-rule';
import { RuleCode, ruleMessage } from '../messages/rule-message';

/** A span of calendar years, both included. */
export interface YearWindow {
  from: number;
  to: number;
}

/**
 * The years a plan, session, allocation, rate or audit query may be about. Week and date arithmetic
 * beyond year 9999 breaks ISO formats (luxon writes +010000-01-02), and nothing in this service is
 * about the last century or the next one, so input outside is a 400, not a surprise deep inside.
 */
export const PLANNING_YEARS: YearWindow = { from: 2000, to: 2100 };

/** Dates of a person's life before custody (birth, certificates): further back, never beyond the planning window. */
export const LIFE_YEARS: YearWindow = { from: 1900, to: PLANNING_YEARS.to };

export function describeWindow(window: YearWindow): string {
  return `between ${window.from}-01-01 and ${window.to}-12-31`;
}

/** A well-formed yyyy-MM-dd calendar date within the window. */
export function isIsoDateWithin(value: unknown, window: YearWindow = PLANNING_YEARS): value is string {
  if (typeof value !== 'string' || !isValidIsoDate(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= window.from && year <= window.to;
}

/** A well-formed ISO week (2026-W48) whose week-year is within the window. */
export function isIsoWeekWithin(value: unknown, window: YearWindow = PLANNING_YEARS): value is string {
  if (typeof value !== 'string' || !isValidIsoWeek(value)) return false;
  const { year } = parseIsoWeek(value);
  return year >= window.from && year <= window.to;
}

export const ISO_WEEK_RULE = `an ISO week like 2026-W48, from ${PLANNING_YEARS.from}-W01 to ${PLANNING_YEARS.to}-W52`;

/** An input week (path, query or form), or a 400 naming the parameter. */
export function checkedIsoWeek(value: unknown, field = 'week'): string {
  if (isIsoWeekWithin(value)) return value;
  const reason = ruleMessage(RuleCode.INVALID_WEEK, {
    field,
    value: String(value),
    fromYear: PLANNING_YEARS.from,
    toYear: PLANNING_YEARS.to,
  });
  throw new InvalidInputError(reason, [{ field, messages: [englishRule(reason)] }]);
}

/** An input date (query or form), or a 400 naming the parameter. */
export function checkedIsoDate(value: unknown, field = 'date'): string {
  if (isIsoDateWithin(value)) return value;
  const reason = ruleMessage(RuleCode.INVALID_DATE, {
    field,
    value: String(value),
    fromYear: PLANNING_YEARS.from,
    toYear: PLANNING_YEARS.to,
  });
  throw new InvalidInputError(reason, [{ field, messages: [englishRule(reason)] }]);
}
