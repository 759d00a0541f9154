import { DateTime } from 'luxon';
import { OSLO } from '../../calendar/domain/oslo-time';
import type { Lang } from './i18n';

// Dates and numbers as Norwegians (or English readers) write them, in Europe/Oslo. Fixed names, so
// the output does not depend on the ICU data of the machine.
const WEEKDAYS: Record<Lang, string[]> = {
  nb: ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTHS: Record<Lang, string[]> = {
  nb: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const parse = (iso: string) => DateTime.fromISO(iso, { zone: OSLO });

/** 2026-11-23 → 23.11.2026 (Norwegian numeric date, used in both languages). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

/** A timestamp (ISO with zone, or Date) → 23.11.2026 14:05 in Oslo time. */
export function formatDateTime(value: string | Date): string {
  const dt = (typeof value === 'string' ? DateTime.fromISO(value) : DateTime.fromJSDate(value)).setZone(OSLO);
  return dt.toFormat('dd.MM.yyyy HH:mm');
}

/** "mandag" / "Monday" (the path-to-target proposals name the weekday of a slot). */
export function weekdayName(iso: string, lang: Lang): string {
  return WEEKDAYS[lang][parse(iso).weekday - 1];
}

/** "mandag 23.11." / "Monday 23.11." */
export function formatDay(iso: string, lang: Lang): string {
  const d = parse(iso);
  const name = WEEKDAYS[lang][d.weekday - 1];
  return `${lang === 'nb' ? name : name.slice(0, 3)} ${d.toFormat('dd.MM.')}`;
}

/** 2026-11 → "november 2026" */
export function formatMonth(key: string, lang: Lang): string {
  const [y, m] = key.split('-');
  return `${MONTHS[lang][Number(m) - 1]} ${y}`;
}

/** 2026-W48 → "uke 48 2026" / "week 48 2026" */
export function formatWeek(week: string, lang: Lang): string {
  const [y, w] = week.split('-W');
  return `${lang === 'nb' ? 'uke' : 'week'} ${Number(w)} ${y}`;
}

/** 0.8123 → "81,2 %" (nb) / "81.2%" (en); null → "–". */
export function formatPercent(rate: number | null, lang: Lang): string {
  if (rate === null || Number.isNaN(rate)) return '–';
  const n = (rate * 100).toFixed(1);
  return lang === 'nb' ? `${n.replace('.', ',')} %` : `${n}%`;
}

/** 12345 → "12 345" (nb, with a no-break space) / "12,345" (en). */
export function formatNumber(n: number, lang: Lang): string {
  const s = String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'nb' ? '\u00a0' : ',');
  return s;
}
