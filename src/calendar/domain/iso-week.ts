import { DateTime } from 'luxon';
import { IsoDate, OSLO, toIsoDate } from './oslo-time';

/** An ISO week such as 2026-W48. */
export type IsoWeek = string;

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

export function parseIsoWeek(week: IsoWeek): { year: number; week: number; monday: IsoDate; sunday: IsoDate } {
  const m = ISO_WEEK.exec(week);
  if (!m) throw new RangeError(`Not an ISO week (yyyy-Www): ${week}`);
  const monday = DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 }, { zone: OSLO });
  if (!monday.isValid || monday.weekYear !== Number(m[1]) || monday.weekNumber !== Number(m[2])) {
    throw new RangeError(`No such ISO week: ${week}`);
  }
  return { year: Number(m[1]), week: Number(m[2]), monday: toIsoDate(monday), sunday: toIsoDate(monday.plus({ days: 6 })) };
}

export function isValidIsoWeek(week: string): boolean {
  try {
    parseIsoWeek(week);
    return true;
  } catch {
    return false;
  }
}

export function isoWeekOf(date: IsoDate): IsoWeek {
  const d = DateTime.fromISO(date, { zone: OSLO });
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
}

/** Monday to Friday of an ISO week. */
export function weekdaysOfIsoWeek(week: IsoWeek): IsoDate[] {
  const { monday } = parseIsoWeek(week);
  const start = DateTime.fromISO(monday, { zone: OSLO });
  return [0, 1, 2, 3, 4].map((i) => toIsoDate(start.plus({ days: i })));
}
