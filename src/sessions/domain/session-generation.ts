import { DateTime } from 'luxon';
import { DayPeriod } from '../../activities/activity.enums';
import { isPublicHoliday } from '../../calendar/domain/norwegian-holidays';
import { eachDate, IsoDate, osloToday, parseIsoDate, toIsoDate } from '../../calendar/domain/oslo-time';
import { compareTimes, normaliseTime, TimeOfDay } from './time-of-day';

/** A prison's (or unit's) day regime: the default times of the morning and afternoon sessions. */
export interface DayRegime {
  amStart: TimeOfDay;
  amEnd: TimeOfDay;
  pmStart: TimeOfDay;
  pmEnd: TimeOfDay;
}

/** A weekly slot of an activity (weekday 1 = Monday … 5 = Friday). Custom times override the regime. */
export interface WeeklySlot {
  id: string;
  weekday: number;
  period: DayPeriod;
  startTime?: TimeOfDay | null;
  endTime?: TimeOfDay | null;
  staffMemberId: string | null;
}

/** What session generation needs to know about an activity. `endDate` is its last day (inclusive). */
export interface ActivityCalendar {
  startDate: IsoDate;
  endDate: IsoDate | null;
  capacity: number;
  runsOnPublicHolidays: boolean;
  slots: readonly WeeklySlot[];
}

/** Both ends included. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/** A dated session that should exist. Times are 'HH:MM'. */
export interface PlannedSession {
  slotId: string;
  date: IsoDate;
  period: DayPeriod;
  startTime: TimeOfDay;
  endTime: TimeOfDay;
  staffMemberId: string | null;
  capacity: number;
}

export function assertValidRegime(regime: DayRegime): void {
  const { amStart, amEnd, pmStart, pmEnd } = regime;
  if (!(compareTimes(amStart, amEnd) < 0 && compareTimes(amEnd, pmStart) <= 0 && compareTimes(pmStart, pmEnd) < 0)) {
    throw new RangeError(`Day regime out of order: AM ${amStart}–${amEnd}, PM ${pmStart}–${pmEnd}`);
  }
}

/** The times a slot runs: its own times if it has them, else the regime's morning or afternoon. */
export function slotTimes(slot: WeeklySlot, regime: DayRegime): { startTime: TimeOfDay; endTime: TimeOfDay } {
  const hasStart = slot.startTime != null;
  const hasEnd = slot.endTime != null;
  if (hasStart !== hasEnd) throw new RangeError(`Slot ${slot.id} has only one of its custom times`);
  if (hasStart && hasEnd) {
    const startTime = normaliseTime(slot.startTime as string);
    const endTime = normaliseTime(slot.endTime as string);
    if (compareTimes(startTime, endTime) >= 0) throw new RangeError(`Slot ${slot.id} ends before it starts (${startTime}–${endTime})`);
    return { startTime, endTime };
  }
  return slot.period === DayPeriod.AM
    ? { startTime: normaliseTime(regime.amStart), endTime: normaliseTime(regime.amEnd) }
    : { startTime: normaliseTime(regime.pmStart), endTime: normaliseTime(regime.pmEnd) };
}

/**
 * The sessions that should exist for an activity in `range` (both ends included): one per slot on each
 * matching weekday within the activity's own dates, leaving out Norwegian public holidays unless the
 * activity runs on them. Sorted by date, start time, period and slot id.
 */
export function generateSessions(activity: ActivityCalendar, regime: DayRegime, range: DateRange): PlannedSession[] {
  assertValidRegime(regime);
  if (!Number.isInteger(activity.capacity) || activity.capacity <= 0) {
    throw new RangeError(`Capacity must be a positive whole number, got ${activity.capacity}`);
  }
  const byWeekday = new Map<number, { slot: WeeklySlot; startTime: TimeOfDay; endTime: TimeOfDay }[]>();
  for (const slot of activity.slots) {
    if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 5) {
      throw new RangeError(`Slot ${slot.id} has weekday ${slot.weekday}; slots run Monday (1) to Friday (5)`);
    }
    const list = byWeekday.get(slot.weekday) ?? [];
    list.push({ slot, ...slotTimes(slot, regime) });
    byWeekday.set(slot.weekday, list);
  }

  const from = maxDate(range.from, activity.startDate);
  const to = activity.endDate === null ? range.to : minDate(range.to, activity.endDate);
  if (from > to) return [];

  const out: PlannedSession[] = [];
  for (const date of eachDate(from, to)) {
    const slots = byWeekday.get(parseIsoDate(date).weekday);
    if (!slots) continue;
    if (!activity.runsOnPublicHolidays && isPublicHoliday(date)) continue;
    for (const { slot, startTime, endTime } of slots) {
      out.push({
        slotId: slot.id,
        date,
        period: slot.period,
        startTime,
        endTime,
        staffMemberId: slot.staffMemberId,
        capacity: activity.capacity,
      });
    }
  }
  return out.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      compareTimes(a.startTime, b.startTime) ||
      a.period.localeCompare(b.period) ||
      a.slotId.localeCompare(b.slotId),
  );
}

/** A session already in the database. `slotId` is null once its slot has been deleted. */
export interface ExistingSession {
  id: string;
  slotId: string | null;
  date: IsoDate;
  period: DayPeriod;
  hasAttendance: boolean;
  cancelled: boolean;
}

export interface SessionRegenerationPlan<E extends ExistingSession = ExistingSession> {
  /** Desired sessions from today on that do not exist yet. */
  insert: PlannedSession[];
  /** Sessions from today on that are no longer wanted and have no attendance. */
  delete: E[];
  /** Existing sessions that match a desired one (date + slot + period), with the desired values (times, staff) to refresh from. */
  keep: { existing: E; planned: PlannedSession }[];
  /** No longer wanted but attendance is recorded: kept, and reported so that someone can look at them. */
  keptWithAttendance: E[];
  /** Dated before today: history, never touched. */
  keptPast: E[];
}

/**
 * What a regeneration after slot changes must do, given the sessions that exist and those that should
 * (both for the same date range; sessions outside the range passed to `generateSessions` must not be
 * passed here, or they would be seen as unwanted).
 *
 * - Sessions dated before `today` are history: never deleted or changed, and no desired session before
 *   `today` is inserted. Today itself may still change (attendance protects what has happened).
 * - A session with attendance is never deleted.
 * - An existing session matches a desired one on date + slot + period; a match is kept as it is,
 *   cancelled or not (regeneration never un-cancels). A second session with the same key is a duplicate
 *   and goes like an unwanted one.
 * - A cancelled session that is no longer wanted is deleted like any other (it has no attendance).
 */
export function planSessionRegeneration<E extends ExistingSession>(
  existing: readonly E[],
  desired: readonly PlannedSession[],
  today: IsoDate | DateTime,
): SessionRegenerationPlan<E> {
  const todayDate = typeof today === 'string' ? toIsoDate(parseIsoDate(today)) : osloToday(today);
  const desiredByKey = new Map<string, PlannedSession>();
  for (const d of desired) {
    const key = sessionKey(d.date, d.slotId, d.period);
    if (!desiredByKey.has(key)) desiredByKey.set(key, d);
  }

  const plan: SessionRegenerationPlan<E> = { insert: [], delete: [], keep: [], keptWithAttendance: [], keptPast: [] };
  const matched = new Set<string>();
  const ordered = [...existing].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  for (const e of ordered) {
    if (e.date < todayDate) {
      plan.keptPast.push(e);
      continue;
    }
    const key = e.slotId === null ? null : sessionKey(e.date, e.slotId, e.period);
    const planned = key === null ? undefined : desiredByKey.get(key);
    if (key !== null && planned && !matched.has(key)) {
      matched.add(key);
      plan.keep.push({ existing: e, planned });
    } else if (e.hasAttendance) {
      plan.keptWithAttendance.push(e);
    } else {
      plan.delete.push(e);
    }
  }
  for (const [key, d] of desiredByKey) {
    if (d.date >= todayDate && !matched.has(key)) plan.insert.push(d);
  }
  return plan;
}

function sessionKey(date: IsoDate, slotId: string, period: DayPeriod): string {
  return `${date}|${slotId}|${period}`;
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}
