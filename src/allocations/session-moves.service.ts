import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { canSeePrison, Principal } from '../auth/principal';
import { parseIsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { AllocationPatternKind } from './allocation.enums';
import { AllocationsService } from './allocations.service';
import { SessionMoveDto, SessionMoveResultDto } from './dto/session-move.dto';
import { SessionMovesRepository } from './session-moves.repository';

/**
 * Moving a prisoner off a cancelled session to another session of the same half-day, in one
 * transaction: their place on the cancelled session is released (their allocation stays, so later
 * weeks are unchanged) and a one-day allocation to the other session is made with every suitability
 * check. If any check fails, nothing is written.
 */
@Injectable()
export class SessionMovesService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly repo: SessionMovesRepository,
    private readonly allocations: AllocationsService,
    private readonly clock: Clock,
  ) {}

  async move(sessionId: string, dto: SessionMoveDto, principal: Principal): Promise<SessionMoveResultDto> {
    if (dto.toSessionId === sessionId) throw new InvalidInputError('toSessionId must be another session than the cancelled one');
    // Whether the user may plan this prisoner on the target's activity is read before the transaction: those
    // reads take a connection of their own, and the embedded database has only one.
    const [target] = await this.repo.findSessions([dto.toSessionId]);
    if (!target || !canSeePrison(principal, target.prisonId)) throw new NotFoundError('Session', dto.toSessionId);
    await this.allocations.assertCanPlanOn(target.activityId, dto.prisonerId, principal);
    return this.txHost.withTransaction(async () => {
      const rows = await this.repo.lockSessions([sessionId, dto.toSessionId]);
      const from = rows.find((r) => r.id === sessionId);
      if (!from || !canSeePrison(principal, from.prisonId)) throw new NotFoundError('Session', sessionId);
      const to = rows.find((r) => r.id === dto.toSessionId);
      if (!to || to.prisonId !== from.prisonId) throw new NotFoundError('Session', dto.toSessionId);
      if (!from.cancelled) throw new ConflictError(`Session ${sessionId} is not cancelled; only a cancelled session's prisoners are moved`);
      if (to.cancelled) throw new ConflictError(`Session ${to.id} is cancelled too`);
      if (to.date !== from.date || to.period !== from.period)
        throw new RuleBrokenError(`Session ${to.id} is not in the same half-day (${from.date} ${from.period})`);
      if (from.date < this.clock.today()) throw new RuleBrokenError(`Session ${sessionId} was on ${from.date}; past days are not changed`);
      if (!(await this.repo.deleteBooking(from.id, dto.prisonerId)))
        throw new NotFoundError('Booking of the prisoner on session', sessionId);
      const allocation = await this.allocations.allocateWithin(
        {
          prisonerId: dto.prisonerId,
          activityId: to.activityId,
          startDate: to.date,
          endDate: to.date,
          pattern: AllocationPatternKind.CHOSEN,
          chosenSlots: [{ weekday: parseIsoDate(to.date).weekday, period: to.period }],
        },
        principal,
      );
      return { prisonerId: dto.prisonerId, fromSessionId: from.id, toSessionId: to.id, allocation };
    });
  }
}
