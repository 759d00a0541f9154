import { DateTime } from 'luxon';

// All dates in this service are calendar dates in Norway; times are wall-clock times there.
export const OSLO = 'Europe/Oslo';

/** An ISO calendar date, yyyy-MM-dd. */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseIsoDate(value: IsoDate): DateTime {
  if (!ISO_DATE.test(value)) throw new RangeError(`Not an ISO date (yyyy-MM-dd): ${value}`);
  const d = DateTime.fromISO(value, { zone: OSLO });
  if (!d.isValid) throw new RangeError(`Not a valid date: ${value}`);
  return d.startOf('day');
}

export function isValidIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: OSLO }).isValid;
}

export function toIsoDate(d: DateTime): IsoDate {
  return d.setZone(OSLO).toISODate() as IsoDate;
}

/** Today's date in Oslo for a given instant. */
export function osloToday(now: DateTime): IsoDate {
  return toIsoDate(now.setZone(OSLO));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(parseIsoDate(date).plus({ days }));
}

/** Every date from `from` to `to`, both included. */
export function eachDate(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  let d = parseIsoDate(from);
  const end = parseIsoDate(to);
  while (d <= end) {
    out.push(toIsoDate(d));
    d = d.plus({ days: 1 });
  }
  return out;
}

/** Whole years between birth date and date (age on that date). */
export function ageOn(dateOfBirth: IsoDate, date: IsoDate): number {
  return Math.floor(parseIsoDate(date).diff(parseIsoDate(dateOfBirth), 'years').years);
}
