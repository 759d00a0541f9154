import { Injectable } from '@nestjs/common';
import { DayPeriod } from '../../activities/activity.enums';
import { AllocationPatternKind, DeallocationReason } from '../../allocations/allocation.enums';
import type { AllocationRow } from '../../allocations/allocations.repository';
import { AllocationRequestDto, AllocationResultDto, SuitabilityDto } from '../../allocations/dto/allocation.dto';
import type { Principal } from '../../auth/principal';
import { isoWeekOf } from '../../calendar/domain/iso-week';
import { addDays, parseIsoDate } from '../../calendar/domain/oslo-time';
import { Clock } from '../../common/clock';
import { InvalidInputError, NotFoundError } from '../../common/errors/domain-errors';
import { checkedIsoWeek } from '../../common/http/date-window';
import { PrisonerListQueryDto } from '../../prisoners/dto/prisoner.dto';
import { PrisonersService } from '../../prisoners/prisoners.service';
import { SessionDto } from '../../sessions/dto/session.dto';
import { SessionsService } from '../../sessions/sessions.service';
import { WeekPlanDto } from '../../week-plan/dto/week-plan.dto';
import { WeekPlanService } from '../../week-plan/week-plan.service';
import { AllocationsService, RemovedFrom } from '../../allocations/allocations.service';
import { validateAs } from '../shared/forms';
import { PrisonChoice } from '../shared/prison-choice';
import { PatternChoice, PrisonerOption } from './session.page';

/** A session of the planner with what the session page shows around it. */
export interface SessionContext {
  session: SessionDto;
  plan: WeekPlanDto;
  free: PrisonerOption[];
  busy: PrisonerOption[];
  /** The allocation that books each prisoner on this session (for remove and lock). */
  allocations: Map<string, AllocationRow>;
}

/** Gathers the planner pages' data from the feature services, with the caller's principal. */
@Injectable()
export class PlannerPagesService {
  constructor(
    private readonly weekPlan: WeekPlanService,
    private readonly sessions: SessionsService,
    private readonly prisoners: PrisonersService,
    private readonly allocations: AllocationsService,
    private readonly prisonChoice: PrisonChoice,
    private readonly clock: Clock,
  ) {}

  /** The week asked for, or next week (officers plan the coming week). */
  weekOrNext(week: string | undefined): string {
    if (week === undefined) return isoWeekOf(addDays(this.clock.today(), 7));
    return checkedIsoWeek(week);
  }

  async week(principal: Principal, prisonId: string | undefined, weekParam: string | undefined) {
    const week = this.weekOrNext(weekParam);
    const { prison, prisons } = await this.prisonChoice.choose(principal, prisonId);
    const plan = await this.weekPlan.weekPlan(prison.id, week, principal);
    const noActivity = await this.weekPlan.noActivity(prison.id, week, principal);
    return { prison, prisons, week, plan, noActivity };
  }

  async day(principal: Principal, prisonId: string | undefined, date: string) {
    const { prison } = await this.prisonChoice.choose(principal, prisonId);
    return { prison, plan: await this.weekPlan.weekPlan(prison.id, isoWeekOf(date), principal) };
  }

  async sessionContext(principal: Principal, sessionId: string): Promise<SessionContext> {
    const session = await this.sessions.get(sessionId, principal);
    const plan = await this.weekPlan.weekPlan(session.prisonId, isoWeekOf(session.date), principal);
    const busyIds = new Set(
      plan.activities.flatMap((a) =>
        a.sessions
          .filter((s) => s.date === session.date && s.period === session.period && !s.cancelled)
          .flatMap((s) => s.prisoners.map((p) => p.prisonerId)),
      ),
    );
    const held = await this.heldOn(principal, session.prisonId, session.date);
    const allocations = new Map<string, AllocationRow>();
    for (const a of await this.allocations.listForActivity(session.activityId, false, principal)) {
      if (a.startDate <= session.date && (a.endDate === null || a.endDate >= session.date)) allocations.set(a.prisonerId, a);
    }
    return { session, plan, free: held.filter((p) => !busyIds.has(p.id)), busy: held.filter((p) => busyIds.has(p.id)), allocations };
  }

  rosterOf(ctx: SessionContext) {
    return ctx.plan.activities.flatMap((a) => a.sessions).find((s) => s.sessionId === ctx.session.id)?.prisoners ?? [];
  }

  /** Everyone named on the page (for the other party of a non-association). */
  namesOf(ctx: SessionContext): Map<string, string> {
    const names = new Map<string, string>();
    for (const p of [...ctx.free, ...ctx.busy]) names.set(p.id, p.name);
    for (const a of ctx.plan.activities) for (const s of a.sessions) for (const p of s.prisoners) names.set(p.prisonerId, p.name);
    return names;
  }

  request(session: SessionDto, prisonerId: string, choice: PatternChoice): AllocationRequestDto {
    const startDate = session.date < this.clock.today() ? this.clock.today() : session.date;
    const slot = { weekday: parseIsoDate(session.date).weekday, period: session.period };
    const plain: Record<string, unknown> = { prisonerId, activityId: session.activityId, startDate };
    if (choice === 'ONCE') Object.assign(plain, { endDate: session.date, pattern: AllocationPatternKind.CHOSEN, chosenSlots: [slot] });
    else if (choice === 'WEEKLY') Object.assign(plain, { pattern: AllocationPatternKind.CHOSEN, chosenSlots: [slot] });
    else if (choice === 'HALF')
      Object.assign(plain, { pattern: session.period === DayPeriod.AM ? AllocationPatternKind.AM_ONLY : AllocationPatternKind.PM_ONLY });
    else Object.assign(plain, { pattern: AllocationPatternKind.ALL });
    const form = validateAs(AllocationRequestDto, plain);
    if (!form.value) throw new InvalidInputError(form.reason);
    return form.value;
  }

  check(principal: Principal, dto: AllocationRequestDto): Promise<SuitabilityDto> {
    const chosen = dto.chosenSlots?.map((c) => `${c.weekday}-${c.period}`).join(',');
    return this.allocations.suitability(
      dto.activityId,
      { prisonerId: dto.prisonerId, startDate: dto.startDate, endDate: dto.endDate, pattern: dto.pattern, chosen },
      principal,
    );
  }

  allocate(principal: Principal, dto: AllocationRequestDto): Promise<AllocationResultDto> {
    return this.allocations.allocate(dto, principal);
  }

  /**
   * Takes the prisoner off this session and later ones (AllocationsService.removeFrom: an allocation nothing has
   * happened on yet is withdrawn whole; one with attendance recorded today ends today, keeping that booking).
   */
  async remove(principal: Principal, ctx: SessionContext, prisonerId: string, reason: DeallocationReason): Promise<RemovedFrom> {
    const covering = ctx.allocations.get(prisonerId);
    if (!covering) throw new NotFoundError('Allocation');
    return this.allocations.removeFrom(covering.id, ctx.session.date, reason, principal);
  }

  /** Locks (or unlocks) the prisoner's allocation: the automatic planner keeps locked allocations as they are. */
  async setLocked(principal: Principal, ctx: SessionContext, prisonerId: string, locked: boolean): Promise<void> {
    const covering = ctx.allocations.get(prisonerId);
    if (!covering) throw new NotFoundError('Allocation');
    await this.allocations.setLocked(covering.id, locked, principal);
  }

  async heldOn(principal: Principal, prisonId: string, date: string): Promise<PrisonerOption[]> {
    const out: PrisonerOption[] = [];
    for (let page = 1; ; page++) {
      const q = Object.assign(new PrisonerListQueryDto(), { prisonId, onDate: date, page, pageSize: 200 });
      const result = await this.prisoners.listHeld(q, principal);
      for (const p of result.items) {
        out.push({
          id: p.id,
          name: `${p.lastName}, ${p.firstName}`,
          prisonerNumber: p.prisonerNumber,
          unitName: p.custody?.unitName ?? null,
        });
      }
      if (page * result.pageSize >= result.total || result.items.length === 0) break;
    }
    return out.sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  }
}
