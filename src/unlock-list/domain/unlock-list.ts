import { DayPeriod } from '../../activities/activity.enums';
import { IsoDate } from '../../calendar/domain/oslo-time';
import { CancellationReason } from '../../sessions/session.enums';

// The unlock list's rules, as plain data in and out: who goes out of the unit in a half-day, who stays, and why.

/** A held prisoner with one of their bookings in the half-day (or none), as the repository reads it. */
export interface HeldBookingRow {
  prisonerId: string;
  name: string;
  prisonerNumber: string;
  sessionId: string | null;
  activityName: string | null;
  location: string | null;
  startTime: string | null;
  endTime: string | null;
  cancellationReason: CancellationReason | null;
}

/** An unavailability overlapping the half-day. */
export interface HalfDayUnavailability {
  kind: string;
  period: string | null;
  startTime: string | null;
  endTime: string | null;
  note: string;
}

/** Where a prisoner goes: a session that runs in the half-day. */
export interface UnlockDestination {
  sessionId: string;
  activityName: string;
  location: string;
  startTime: string;
  endTime: string;
}

/** Why a prisoner stays on the unit: unavailable, booked only on cancelled sessions, or nothing planned. */
export const StayReason = { UNAVAILABLE: 'UNAVAILABLE', CANCELLED: 'CANCELLED', NOTHING: 'NOTHING' } as const;
export type StayReason = (typeof StayReason)[keyof typeof StayReason];

export interface UnlockPrisoner {
  prisonerId: string;
  name: string;
  prisonerNumber: string;
  /** Running sessions in the half-day, by start time (also for those kept in by unavailability). */
  goesTo: UnlockDestination[];
  /** Set for those who stay. */
  stays: StayReason | null;
  /** Unavailability overlapping the half-day (shown also for those who go: a visit may cut a session short). */
  unavailable: HalfDayUnavailability[];
  /** Sessions booked but cancelled. */
  cancelled: Array<{ activityName: string; reason: CancellationReason }>;
}

export interface UnlockUnit {
  unitId: string;
  unitName: string;
  /** By first start time, then activity and name: the order the officer unlocks in. */
  going: UnlockPrisoner[];
  /** By name. */
  staying: UnlockPrisoner[];
}

export type UnlockListTotals = { held: number; going: number; staying: number };

export interface UnlockList {
  prisonId: string;
  date: IsoDate;
  period: DayPeriod;
  /** The prison's half-day (its day regime). */
  start: string;
  end: string;
  units: UnlockUnit[];
  totals: UnlockListTotals;
}

/** One prisoner's line: their rows (one per booking, or one without a session) and their unavailability in the half-day. */
export function prisonerOf(own: HeldBookingRow[], unavailability: HalfDayUnavailability[]): UnlockPrisoner {
  const booked = own.filter((r) => r.sessionId !== null);
  const goesTo = booked
    .filter((r) => r.cancellationReason === null)
    .map((r) => ({
      sessionId: r.sessionId!,
      activityName: r.activityName!,
      location: r.location!,
      startTime: r.startTime!,
      endTime: r.endTime!,
    }));
  const cancelled = booked
    .filter((r) => r.cancellationReason !== null)
    .map((r) => ({ activityName: r.activityName!, reason: r.cancellationReason! }));
  // Unavailable for the whole half-day (all day, or that period) keeps them in even when booked; a
  // few hours (a visit) does not: they go, and the list shows the appointment next to the activity.
  const wholeHalfDay = unavailability.some((u) => u.startTime === null);
  const stays: StayReason | null =
    goesTo.length > 0 && !wholeHalfDay
      ? null
      : unavailability.length > 0
        ? StayReason.UNAVAILABLE
        : cancelled.length > 0
          ? StayReason.CANCELLED
          : StayReason.NOTHING;
  return {
    prisonerId: own[0].prisonerId,
    name: own[0].name,
    prisonerNumber: own[0].prisonerNumber,
    goesTo,
    stays,
    unavailable: unavailability.map((u) => ({ kind: u.kind, period: u.period, startTime: u.startTime, endTime: u.endTime, note: u.note })),
    cancelled,
  };
}

/** The order the officer unlocks in: first start time, then activity, then name. */
export function byDeparture(a: UnlockPrisoner, b: UnlockPrisoner): number {
  const x = a.goesTo[0];
  const y = b.goesTo[0];
  return x.startTime.localeCompare(y.startTime) || x.activityName.localeCompare(y.activityName, 'nb') || a.name.localeCompare(b.name, 'nb');
}
