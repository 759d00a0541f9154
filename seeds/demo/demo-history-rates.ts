import { norwegianPublicHolidays } from '../../src/calendar/domain/norwegian-holidays';
import { dayOf, isoOf, weekdayOf } from './day-numbers';

// How the demo history goes wrong, day by day: the chances the SQL in load-demo-history.ts draws
// against (with hashes of ids and dates, so every load gives the same history). Pure.
//
// Realism (DOMAIN.md, "Lost days"): most lost days are no offer (the plan); then sessions cancelled
// for staff reasons (an officer or teacher off sick, on leave or on a course; more in the summer
// holidays and around Christmas and Easter), then sickness of the prisoner (more in winter).
// Everything improves over the year, which with the rising plan gives a realised rate from ≈ 75% a
// year ago to ≈ 80% today.

export interface HistoryDayRates {
  date: string;
  /** A Norwegian public holiday (only activities that run on holidays have sessions). */
  holiday: boolean;
  /** Chance that a staff member's sessions that day are cancelled (off sick, leave, training). */
  staffAbsent: number;
  /** Share of those that are planned training rather than absence. */
  training: number;
  /** Chance that a prison is locked down for the day. */
  lockdown: number;
  /** Chance that a prisoner is sick / refuses for the whole day. */
  sick: number;
  refused: number;
  /** Chance that a prisoner misses one half-day for another reason (health appointment, clash, …). */
  halfDayAbsent: number;
  /** Chance that a session's attendance is not recorded yet (the last week only). */
  unrecorded: number;
}

const lerp = (then: number, now: number, t: number) => then + (now - then) * t;

/** Every weekday from `from` to `to` (inclusive), with its chances; `today` sets the trend and the unrecorded tail. */
export function historyDayRates(from: string, to: string, today: string): HistoryDayRates[] {
  const first = dayOf(from);
  const last = dayOf(to);
  const now = dayOf(today);
  const holidays = new Set<number>();
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    for (const h of norwegianPublicHolidays(y)) holidays.add(dayOf(h.date));
  const out: HistoryDayRates[] = [];
  for (let day = first; day <= last; day++) {
    if (weekdayOf(day) > 5) continue;
    const t = Math.min(1, Math.max(0, (day - first) / Math.max(1, now - first)));
    const iso = isoOf(day);
    const season = staffSeason(iso, day, holidays);
    const winter = ['12', '01', '02', '03'].includes(iso.slice(5, 7)) ? 1.3 : 1;
    const ago = now - day;
    out.push({
      date: iso,
      holiday: holidays.has(day),
      staffAbsent: lerp(0.045, 0.035, t) * season,
      training: iso.slice(5, 7) === '07' ? 0 : 0.2,
      lockdown: 0.0015,
      sick: lerp(0.032, 0.024, t) * winter,
      refused: lerp(0.015, 0.011, t),
      halfDayAbsent: 0.012,
      unrecorded: ago <= 0 ? 1 : ago === 1 ? 0.3 : ago === 2 ? 0.12 : ago <= 7 ? 0.05 : 0,
    });
  }
  return out;
}

/** More staff away in the summer holidays, around Christmas and in the weeks of Easter and the school breaks. */
function staffSeason(iso: string, day: number, holidays: Set<number>): number {
  const md = iso.slice(5);
  if (md >= '07-01' && md <= '07-31') return 2.2;
  if ((md >= '06-20' && md <= '06-30') || (md >= '08-01' && md <= '08-15')) return 1.5;
  if (md >= '12-20' || md <= '01-03') return 1.6;
  // The week of a public holiday (Easter, Ascension, Whitsun): bridge days and leave.
  for (let d = day - 4; d <= day + 4; d++) if (holidays.has(d) && Math.abs(d - day) <= 4 && weekdayOf(d) <= 5) return 1.3;
  return 1;
}
