import { addDays, IsoDate } from '../../calendar/domain/oslo-time';

/** Sessions exist this many days ahead, today included: 8 whole weeks. */
export const HORIZON_DAYS = 56;

/** The last day (inclusive) of the session horizon that starts today. */
export function horizonEnd(today: IsoDate): IsoDate {
  return addDays(today, HORIZON_DAYS - 1);
}

/**
 * The first day whose existing sessions regeneration may change or delete. Today's sessions may be
 * under way or have attendance being taken, so changes to an activity take effect from tomorrow;
 * today only gets sessions that are missing.
 */
export function firstChangeableDay(today: IsoDate): IsoDate {
  return addDays(today, 1);
}
