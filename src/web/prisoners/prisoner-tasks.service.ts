import { Injectable } from '@nestjs/common';
import { DayPeriod } from '../../activities/activity.enums';
import { CreateUnavailabilityDto, UnavailabilityDto, UnavailabilityQueryDto } from '../../availability/dto/unavailability.dto';
import { UnavailabilityService } from '../../availability/unavailability.service';
import type { Principal } from '../../auth/principal';
import { isoWeekOf, parseIsoWeek } from '../../calendar/domain/iso-week';
import { addDays } from '../../calendar/domain/oslo-time';
import { Clock } from '../../common/clock';
import { InvalidInputError, NotFoundError } from '../../common/errors/domain-errors';
import { checkedIsoWeek } from '../../common/http/date-window';
import type { CancellationReason } from '../../sessions/session.enums';
import { PrisonerDto, PrisonerListQueryDto } from '../../prisoners/dto/prisoner.dto';
import { PrisonersService } from '../../prisoners/prisoners.service';
import { WeekPlanService } from '../../week-plan/week-plan.service';
import { invalidFields, validateAs } from '../shared/forms';
import { PrisonChoice } from '../shared/prison-choice';

/** What one half-day of a prisoner's week holds. */
export interface HalfDay {
  date: string;
  period: DayPeriod;
  activity?: { name: string; sessionId: string; cancelled: CancellationReason | null };
  unavailable: UnavailabilityDto[];
}

export interface PrisonerWeek {
  week: string;
  days: Array<{ date: string; counted: boolean; halves: HalfDay[] }>;
}

/** A prisoner's week (activities, cancellations, unavailability) and their unavailability entries, for officers. */
@Injectable()
export class PrisonerTasksService {
  constructor(
    private readonly prisoners: PrisonersService,
    private readonly unavailability: UnavailabilityService,
    private readonly weekPlan: WeekPlanService,
    private readonly prisonChoice: PrisonChoice,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return this.clock.today();
  }

  weekOrThis(week: string | undefined): string {
    return week === undefined ? isoWeekOf(this.clock.today()) : checkedIsoWeek(week);
  }

  async search(principal: Principal, prisonId: string | undefined, search: string | undefined) {
    const { prison, prisons } = await this.prisonChoice.choose(principal, prisonId);
    const q = Object.assign(new PrisonerListQueryDto(), { prisonId: prison.id, page: 1, pageSize: 50, ...(search ? { search } : {}) });
    const result = search ? await this.prisoners.listHeld(q, principal) : undefined;
    return { prison, prisons, search, items: result?.items ?? [], total: result?.total ?? 0 };
  }

  async prisoner(principal: Principal, id: string): Promise<PrisonerDto> {
    return this.prisoners.get(id, principal);
  }

  /** The prisoner's half-days of the week at the prison holding them today. */
  async week(principal: Principal, prisoner: PrisonerDto, week: string, entries: UnavailabilityDto[]): Promise<PrisonerWeek> {
    const { monday } = parseIsoWeek(week);
    const prisonId = prisoner.custody?.prisonId;
    const plan = prisonId ? await this.weekPlan.weekPlan(prisonId, week, principal) : undefined;
    const dates = [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
    const days = dates.map((date) => ({
      date,
      counted: plan?.days.find((d) => d.date === date)?.counted ?? true,
      halves: [DayPeriod.AM, DayPeriod.PM].map((period): HalfDay => {
        let activity: HalfDay['activity'];
        for (const a of plan?.activities ?? []) {
          const s = a.sessions.find((x) => x.date === date && x.period === period && x.prisoners.some((p) => p.prisonerId === prisoner.id));
          if (s) activity = { name: a.name, sessionId: s.sessionId, cancelled: s.cancelled?.reason ?? null };
        }
        const unavailable = entries.filter((e) => e.fromDate <= date && e.toDate >= date && (e.period === null || e.period === period));
        return { date, period, activity, unavailable };
      }),
    }));
    return { week, days };
  }

  /** Entries that overlap the range (the week shown, and from today on for the list). */
  entries(principal: Principal, prisonerId: string, from: string, to?: string): Promise<UnavailabilityDto[]> {
    return this.unavailability.list(prisonerId, Object.assign(new UnavailabilityQueryDto(), { from, ...(to ? { to } : {}) }), principal);
  }

  create(principal: Principal, prisonerId: string, plain: Record<string, string | undefined>): Promise<UnavailabilityDto> {
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(plain)) if (v !== undefined && v.trim() !== '') values[k] = v.trim();
    const form = validateAs(CreateUnavailabilityDto, values);
    // The fields refused, as the API's details name them, so the page can say at each field what is wrong.
    if (!form.value) throw new InvalidInputError(form.reason, invalidFields(form.reason));
    return this.unavailability.create(prisonerId, form.value, principal);
  }

  /** Ends an entry: removes it (the API's DELETE), after checking it is this prisoner's. */
  async end(principal: Principal, prisonerId: string, entryId: string): Promise<UnavailabilityDto> {
    const entry = (await this.unavailability.list(prisonerId, new UnavailabilityQueryDto(), principal)).find((e) => e.id === entryId);
    if (!entry) throw new NotFoundError('Unavailability', entryId);
    return this.unavailability.remove(entryId, principal);
  }
}
