import { DateTime } from 'luxon';
import { IsoDate, OSLO, parseIsoDate, toIsoDate } from './oslo-time';

export interface PublicHoliday {
  date: IsoDate;
  name: string;
}

/** Easter Sunday (Gregorian calendar), by the anonymous Gregorian ("Meeus/Jones/Butcher") algorithm. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIsoDate(DateTime.fromObject({ year, month, day }, { zone: OSLO }));
}

const cache = new Map<number, PublicHoliday[]>();

/** Norway's public holidays (helligdager and 1 and 17 May) in a year, computed from Easter. */
export function norwegianPublicHolidays(year: number): PublicHoliday[] {
  const hit = cache.get(year);
  if (hit) return hit;
  const easter = parseIsoDate(easterSunday(year));
  const rel = (days: number, name: string): PublicHoliday => ({ date: toIsoDate(easter.plus({ days })), name });
  const fixed = (month: number, day: number, name: string): PublicHoliday => ({
    date: toIsoDate(DateTime.fromObject({ year, month, day }, { zone: OSLO })),
    name,
  });
  const list = [
    fixed(1, 1, 'Første nyttårsdag'),
    rel(-3, 'Skjærtorsdag'),
    rel(-2, 'Langfredag'),
    rel(0, 'Første påskedag'),
    rel(1, 'Andre påskedag'),
    fixed(5, 1, 'Offentlig høytidsdag'),
    fixed(5, 17, 'Grunnlovsdag'),
    rel(39, 'Kristi himmelfartsdag'),
    rel(49, 'Første pinsedag'),
    rel(50, 'Andre pinsedag'),
    fixed(12, 25, 'Første juledag'),
    fixed(12, 26, 'Andre juledag'),
  ].sort((x, y) => x.date.localeCompare(y.date));
  cache.set(year, list);
  return list;
}

export function publicHolidayOn(date: IsoDate): PublicHoliday | undefined {
  const year = Number(date.slice(0, 4));
  return norwegianPublicHolidays(year).find((h) => h.date === date);
}

export function isPublicHoliday(date: IsoDate): boolean {
  return publicHolidayOn(date) !== undefined;
}
