import { Injectable } from '@nestjs/common';
import { DayPeriod } from '../activities/activity.enums';
import { canSeePrison, Principal } from '../auth/principal';
import { IsoDate } from '../calendar/domain/oslo-time';
import { NotFoundError } from '../common/errors/domain-errors';
import { groupBy } from '../common/collections/group-by';
import { byDeparture, prisonerOf, UnlockList, UnlockUnit } from './domain/unlock-list';
import { UnlockListRepository } from './unlock-list.repository';

export type { StayReason, UnlockList, UnlockPrisoner, UnlockUnit } from './domain/unlock-list';

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
