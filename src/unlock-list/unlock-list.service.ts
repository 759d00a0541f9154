import { Injectable } from '@nestjs/common';
import { DayPeriod } from '../activities/activity.enums';
import { canSeePrison, Principal } from '../auth/principal';
import { IsoDate } from '../calendar/domain/oslo-time';
import { NotFoundError } from '../common/errors/domain-errors';
import { groupBy } from '../common/collections/group-by';
import { CancellationReason } from '../sessions/session.enums';
import { HalfDayUnavailabilityRow, UnlockListRepository, UnlockRow } from './unlock-list.repository';

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
  unavailable: Array<Omit<HalfDayUnavailabilityRow, 'prisonerId'>>;
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

export interface UnlockList {
  prisonId: string;
  date: IsoDate;
  period: DayPeriod;
  /** The prison's half-day (its day regime). */
  start: string;
  end: string;
  units: UnlockUnit[];
  totals: { held: number; going: number; staying: number };
}

/** The unlock list: per housing unit, who goes where in one half-day and who stays (and why). */
@Injectable()
export class UnlockListService {
  constructor(private readonly repo: UnlockListRepository) {}

  async halfDay(prisonId: string, date: IsoDate, period: DayPeriod, principal: Principal): Promise<UnlockList> {
    const times = canSeePrison(principal, prisonId) ? await this.repo.findHalfDayTimes(prisonId, period) : undefined;
    if (!times) throw new NotFoundError('Prison', prisonId);
    const rows = await this.repo.findHeldWithBookings(prisonId, date, period);
    const unavailableOf = groupBy(await this.repo.findUnavailableInHalfDay(prisonId, date, period, times), (u) => u.prisonerId);
    const units: UnlockUnit[] = [];
    for (const unitRows of groupBy(rows, (r) => r.unitId).values()) {
      const prisoners = [...groupBy(unitRows, (r) => r.prisonerId).values()].map((own) =>
        prisonerOf(own, unavailableOf.get(own[0].prisonerId) ?? []),
      );
      units.push({
        unitId: unitRows[0].unitId,
        unitName: unitRows[0].unitName,
        going: prisoners.filter((p) => p.stays === null).sort(byDeparture),
        staying: prisoners.filter((p) => p.stays !== null),
      });
    }
    const going = units.reduce((n, u) => n + u.going.length, 0);
    const staying = units.reduce((n, u) => n + u.staying.length, 0);
    return { prisonId, date, period, start: times.start, end: times.end, units, totals: { held: going + staying, going, staying } };
  }
}

function prisonerOf(own: UnlockRow[], unavailability: HalfDayUnavailabilityRow[]): UnlockPrisoner {
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
    unavailable: unavailability.map(({ prisonerId: _, ...u }) => u),
    cancelled,
  };
}

function byDeparture(a: UnlockPrisoner, b: UnlockPrisoner): number {
  const x = a.goesTo[0];
  const y = b.goesTo[0];
  return x.startTime.localeCompare(y.startTime) || x.activityName.localeCompare(y.activityName, 'nb') || a.name.localeCompare(b.name, 'nb');
}
