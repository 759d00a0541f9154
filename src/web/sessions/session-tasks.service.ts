import { Injectable } from '@nestjs/common';
import { AllocationPatternKind } from '../../allocations/allocation.enums';
import { AllocationsService } from '../../allocations/allocations.service';
import { SuitabilityCode } from '../../allocations/domain/suitability';
import { SessionMoveDto } from '../../allocations/dto/session-move.dto';
import { SessionMovesService } from '../../allocations/session-moves.service';
import type { Principal } from '../../auth/principal';
import { isoWeekOf } from '../../calendar/domain/iso-week';
import { parseIsoDate } from '../../calendar/domain/oslo-time';
import { Clock } from '../../common/clock';
import { DomainError, InvalidInputError } from '../../common/errors/domain-errors';
import { PrisonersService } from '../../prisoners/prisoners.service';
import { isUUID } from 'class-validator';
import { CancelSessionDto, SessionDto, SessionListQueryDto } from '../../sessions/dto/session.dto';
import { SessionsService } from '../../sessions/sessions.service';
import type { PlannedPrisonerDto, PlanSessionDto } from '../../week-plan/dto/week-plan.dto';
import { WeekPlanService } from '../../week-plan/week-plan.service';
import { invalidFields, validateAs } from '../shared/forms';
import { PrisonChoice } from '../shared/prison-choice';

/** At most this many suggestions per prisoner, from at most this many sessions checked. */
export const MAX_SUGGESTIONS = 3;
const MAX_CHECKED = 12;

export interface MoveSuggestion {
  sessionId: string;
  activityName: string;
  free: number;
}

export interface AffectedPrisoner extends PlannedPrisonerDto {
  suggestions: MoveSuggestion[];
}

export interface SessionTaskView {
  session: SessionDto;
  affected: AffectedPrisoner[];
  /** Whether prisoners can still be moved (today or later). */
  movable: boolean;
  /** Prisoners with attendance recorded on it: a session that took place, which cannot be cancelled. */
  attendanceRecorded: number;
}

/** The sessions pages' data: a day's sessions, one session's roster and where each prisoner could go instead. */
@Injectable()
export class SessionTasksService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly weekPlan: WeekPlanService,
    private readonly allocations: AllocationsService,
    private readonly moves: SessionMovesService,
    private readonly prisoners: PrisonersService,
    private readonly prisonChoice: PrisonChoice,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return this.clock.today();
  }

  async day(principal: Principal, prisonId: string | undefined, date: string) {
    const { prison, prisons } = await this.prisonChoice.choose(principal, prisonId);
    const query = Object.assign(new SessionListQueryDto(), { from: date, to: date });
    const sessions = (await this.sessions.list(prison.id, query, principal)).sort(
      (a, b) => a.period.localeCompare(b.period) || a.activityName.localeCompare(b.activityName, 'nb'),
    );
    return { prison, prisons, sessions };
  }

  async detail(principal: Principal, id: string): Promise<SessionTaskView> {
    const session = await this.sessions.get(id, principal);
    const plan = await this.weekPlan.weekPlan(session.prisonId, isoWeekOf(session.date), principal);
    const all = plan.activities.flatMap((a) => a.sessions.map((s) => ({ ...s, activityName: a.name, activityId: a.activityId })));
    const roster = all.find((s) => s.sessionId === id)?.prisoners ?? [];
    const movable = session.cancelled !== null && session.date >= this.clock.today();
    const attendanceRecorded = session.cancelled ? 0 : await this.sessions.attendanceRecorded(session);
    if (!movable) return { session, affected: roster.map((p) => ({ ...p, suggestions: [] })), movable, attendanceRecorded };
    const candidates = all
      .filter((s) => s.sessionId !== id && s.date === session.date && s.period === session.period && !s.cancelled && s.free > 0)
      .sort((a, b) => b.free - a.free || a.activityName.localeCompare(b.activityName, 'nb'))
      .slice(0, MAX_CHECKED);
    const affected = await Promise.all(
      roster.map(async (p) => ({ ...p, suggestions: await this.suggest(principal, p.prisonerId, candidates) })),
    );
    return { session, affected, movable, attendanceRecorded };
  }

  /**
   * Sessions the prisoner passes every check for, as a one-day allocation. A clash with another booking
   * that half-day is the cancelled session's own place (a prisoner holds one place per half-day), which
   * the move releases, so it does not count here.
   */
  private async suggest(
    principal: Principal,
    prisonerId: string,
    candidates: Array<PlanSessionDto & { activityName: string; activityId: string }>,
  ): Promise<MoveSuggestion[]> {
    const out: MoveSuggestion[] = [];
    for (const c of candidates) {
      if (out.length >= MAX_SUGGESTIONS) break;
      const result = await this.allocations.suitability(
        c.activityId,
        {
          prisonerId,
          startDate: c.date,
          endDate: c.date,
          pattern: AllocationPatternKind.CHOSEN,
          chosen: `${parseIsoDate(c.date).weekday}-${c.period}`,
        },
        principal,
      );
      if (result.checks.every((k) => k.passed || k.code === SuitabilityCode.ALLOCATION_CLASH))
        out.push({ sessionId: c.sessionId, activityName: c.activityName, free: c.free });
    }
    return out;
  }

  /** Names for the "moved" confirmation (ids from the query: anything not visible or malformed gives no message). */
  async movedNames(
    principal: Principal,
    prisonerId: string,
    toSessionId: string | undefined,
  ): Promise<{ name: string; activity: string } | undefined> {
    if (!toSessionId || !isUUID(prisonerId) || !isUUID(toSessionId)) return undefined;
    try {
      const [p, to] = await Promise.all([this.prisoners.get(prisonerId, principal), this.sessions.get(toSessionId, principal)]);
      return { name: `${p.lastName}, ${p.firstName}`, activity: to.activityName };
    } catch (e) {
      if (e instanceof DomainError) return undefined;
      throw e;
    }
  }

  cancel(principal: Principal, id: string, reason: string | undefined, note: string | undefined): Promise<SessionDto> {
    const form = validateAs(CancelSessionDto, { reason, ...(note?.trim() ? { note } : {}) });
    // The fields refused, as the API's details name them, so the page can say at each field what is wrong.
    if (!form.value) throw new InvalidInputError(form.reason, invalidFields(form.reason));
    return this.sessions.cancel(id, form.value, principal);
  }

  uncancel(principal: Principal, id: string): Promise<SessionDto> {
    return this.sessions.uncancel(id, principal);
  }

  move(principal: Principal, id: string, prisonerId: string | undefined, toSessionId: string | undefined) {
    const form = validateAs(SessionMoveDto, { prisonerId, toSessionId });
    if (!form.value) throw new InvalidInputError(form.errors.join('; '));
    return this.moves.move(id, form.value, principal);
  }
}
