import type { IsoDate } from '../../calendar/domain/oslo-time';

/** A booking as "planned now" sees it: its day and half-day, and whether its session runs (is not cancelled). */
export interface PlannedBooking {
  date: IsoDate;
  period: 'AM' | 'PM';
  running: boolean;
}

/** `2026-11-30|AM`: a half-day. */
export function halfDayKey(h: { date: IsoDate; period: string }): string {
  return `${h.date}|${h.period}`;
}

/**
 * "Planned now", the one definition (docs/planner.md, docs/web.md): a prisoner-day — a counted day the
 * prisoner is held at the prison — is planned when the prisoner is booked that day on a session that
 * runs (not cancelled, so its staff is there), in a half-day they are not unavailable. A half-day is
 * unavailable by a whole-day record, a record for that half, or a time range overlapping the half-day's
 * times (the prison's day regime, widened to its sessions that half-day: unavailableHalfDays).
 * Returns the days of the given bookings that are planned; the caller counts them over the days it covers.
 */
export function plannedDates(bookings: readonly PlannedBooking[], unavailable: ReadonlySet<string>): Set<IsoDate> {
  return new Set(bookings.filter((b) => b.running && !unavailable.has(halfDayKey(b))).map((b) => b.date));
}
