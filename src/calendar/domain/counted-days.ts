import { isPublicHoliday } from './norwegian-holidays';
import { eachDate, IsoDate, parseIsoDate } from './oslo-time';

/**
 * Which calendar days count towards the activity rate. The one place that decides it
 * (DOMAIN.md: weekdays that are not Norwegian public holidays), so that a prison or the
 * nation can change it, e.g. to count Saturdays.
 */
export interface CountedDayRule {
  /** ISO weekdays (1 = Monday … 7 = Sunday) that count. */
  weekdays: readonly number[];
  /** Whether Norwegian public holidays are left out. */
  excludePublicHolidays: boolean;
}

export const DEFAULT_COUNTED_DAY_RULE: CountedDayRule = Object.freeze({
  weekdays: Object.freeze([1, 2, 3, 4, 5]),
  excludePublicHolidays: true,
});

export function isCountedDay(date: IsoDate, rule: CountedDayRule = DEFAULT_COUNTED_DAY_RULE): boolean {
  const weekday = parseIsoDate(date).weekday;
  if (!rule.weekdays.includes(weekday)) return false;
  return !(rule.excludePublicHolidays && isPublicHoliday(date));
}

/** Counted days from `from` to `to`, both included. */
export function countedDaysBetween(from: IsoDate, to: IsoDate, rule: CountedDayRule = DEFAULT_COUNTED_DAY_RULE): IsoDate[] {
  return eachDate(from, to).filter((d) => isCountedDay(d, rule));
}
