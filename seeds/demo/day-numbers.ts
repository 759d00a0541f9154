// Calendar dates as day numbers (days since 1970-01-01): the demo generators loop over hundreds of
// thousands of dates, which luxon would make slow. Calendar dates have no time zone.

const MS_PER_DAY = 86_400_000;
const isoCache = new Map<number, string>();

export function dayOf(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Whole years from `birth` to `on` (both day numbers). */
export function ageOnDay(birth: number, on: number): number {
  const b = new Date(birth * MS_PER_DAY);
  const d = new Date(on * MS_PER_DAY);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

/** A timestamp on a day (UTC morning, i.e. during the Oslo working day), as ISO 8601. */
export function timestampOn(day: number, hourUtc = 8): string {
  return new Date(day * MS_PER_DAY + hourUtc * 3_600_000).toISOString();
}
