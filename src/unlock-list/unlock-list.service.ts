import { Injectable } from '@nestjs/common';
import { DayPeriod } from '../activities/activity.enums';
import { canSeePrison, Principal } from '../auth/principal';
import { isCountedDay } from '../calendar/domain/counted-days';
import { addDays, IsoDate } from '../calendar/domain/oslo-time';
import { NotFoundError } from '../common/errors/domain-errors';
import { groupBy } from '../common/collections/group-by';
import { byDeparture, prisonerOf, UnlockList, UnlockUnit } from './domain/unlock-list';
import { UnlockListRepository } from './unlock-list.repository';

export type { StayReason, UnlockList, UnlockPrisoner, UnlockUnit } from './domain/unlock-list';

/** The unlock list: per housing unit, who goes where in one half-day and who stays (and why). */
@Injectable()
export class UnlockListService {
  constructor(private readonly repo: UnlockListRepository) {}

  /**
   * The half-day an unlock list is wanted for when none is asked: the first at the prison, from `now` (Oslo
   * time, HH:MM), that has not ended by its day regime — this morning, this afternoon, or once the afternoon is
   * over the morning of the next counted day (a weekday that is not a public holiday).
   */
  async nextHalfDay(prisonId: string, today: IsoDate, now: string): Promise<{ date: IsoDate; period: DayPeriod }> {
    const am = await this.repo.findHalfDayTimes(prisonId, DayPeriod.AM);
    const pm = await this.repo.findHalfDayTimes(prisonId, DayPeriod.PM);
    if (isCountedDay(today) && am && now < am.end) return { date: today, period: DayPeriod.AM };
    if (isCountedDay(today) && pm && now < pm.end) return { date: today, period: DayPeriod.PM };
    let next = addDays(today, 1);
    while (!isCountedDay(next)) next = addDays(next, 1);
    return { date: next, period: DayPeriod.AM };
  }

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
