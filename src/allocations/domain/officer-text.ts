import { IsoDate, parseIsoDate } from '../../calendar/domain/oslo-time';

// Fixed English names, so messages do not depend on the ICU data or locale of the machine.
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Tue 24 Nov' */
export function formatDay(date: IsoDate): string {
  const d = parseIsoDate(date);
  return `${WEEKDAYS[d.weekday - 1]} ${d.day} ${MONTHS[d.month - 1]}`;
}

/** 'Tue 24 Nov 2026' */
export function formatDate(date: IsoDate): string {
  return `${formatDay(date)} ${parseIsoDate(date).year}`;
}

/** 'a, b, c and 4 more' — long lists are cut so a message stays readable; the details carry them all. */
export function listWithMore(items: readonly string[], max = 4): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** 'HEALTH_APPOINTMENT' → 'Health appointment' */
export function humanise(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
