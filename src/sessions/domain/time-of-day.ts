/** A wall-clock time in Oslo, 'HH:MM' (24-hour). Postgres `time` values ('HH:MM:SS') are accepted as input. */
export type TimeOfDay = string;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** 'H:MM', 'HH:MM' or 'HH:MM:00' → 'HH:MM'. Seconds other than 00 are rejected rather than silently dropped. */
export function normaliseTime(value: string): TimeOfDay {
  const m = TIME.exec(value.length === 4 ? `0${value}` : value);
  if (!m || (m[3] !== undefined && m[3] !== '00')) throw new RangeError(`Not a time of day (HH:MM): ${value}`);
  return `${m[1]}:${m[2]}`;
}

export function minutesOf(time: TimeOfDay): number {
  const t = normaliseTime(time);
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

export function compareTimes(a: TimeOfDay, b: TimeOfDay): number {
  return minutesOf(a) - minutesOf(b);
}

/** Half-open ranges [start, end): a session ending at 11:30 does not clash with one starting at 11:30. */
export function timeRangesOverlap(aStart: TimeOfDay, aEnd: TimeOfDay, bStart: TimeOfDay, bEnd: TimeOfDay): boolean {
  return minutesOf(aStart) < minutesOf(bEnd) && minutesOf(bStart) < minutesOf(aEnd);
}
