import { Injectable } from '@nestjs/common';
import { Propagation, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { canSeePrison, hasRole, Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { addDays, IsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { statusForKind } from '../common/errors/domain-exception.filter';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleBrokenError,
} from '../common/errors/domain-errors';
import { translateConstraintError } from '../database/pg-errors';
import { PrisonersService } from '../prisoners/prisoners.service';
import { ReferralsService } from '../referrals/referrals.service';
import { AllocationPatternKind, DeallocationReason } from './allocation.enums';
import { AllocationChecks, ProposedAllocation } from './allocation-checks';
import { AllocationWriter } from './allocation-writer.repository';
import { AllocationRow, AllocationsRepository } from './allocations.repository';
import { allocationPatternProblems, WeekdayPeriod } from './domain/allocation-pattern';
import { DayPeriod } from '../activities/activity.enums';
import { SuitabilityCheck, SuitabilityCode, suitabilityPassed } from './domain/suitability';
import { AllocationRequestDto, AllocationResultDto, EndAllocationDto, SuitabilityDto, SuitabilityQueryDto } from './dto/allocation.dto';

/** Failed checks of one item of a bulk request. */
export interface BulkItemProblem {
  index: number;
  prisonerId: string;
  activityId: string;
  status: number;
  message: string;
  failedChecks?: SuitabilityCheck[];
}

/** What "remove from a day on" did: withdrew the allocation, or ended it (keeping today's booking when attendance is recorded). */
export interface RemovedFrom {
  withdrawn: boolean;
  /** The first day the prisoner is no longer booked. */
  from: IsoDate;
  keptToday: boolean;
}

/**
 * Allocating prisoners to activities. One use case = one transaction: the prisoner's row and the
 * covered sessions are locked (sessions in id order, so concurrent requests queue rather than deadlock),
 * the suitability rules run on what is locked, and the bookings are written; the database's capacity
 * check and unique keys back every rule that concurrency could otherwise break.
 */
@Injectable()
export class AllocationsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly repo: AllocationsRepository,
    private readonly checks: AllocationChecks,
    private readonly writer: AllocationWriter,
    private readonly prisoners: PrisonersService,
    private readonly referrals: ReferralsService,
    private readonly clock: Clock,
  ) {}

  async suitability(activityId: string, q: SuitabilityQueryDto, principal: Principal): Promise<SuitabilityDto> {
    const proposal: ProposedAllocation = {
      activityId,
      prisonerId: q.prisonerId,
      startDate: q.startDate ?? this.clock.today(),
      endDate: q.endDate ?? null,
      pattern: q.pattern ?? AllocationPatternKind.ALL,
      chosenSlots: q.chosen ? parseChosen(q.chosen) : null,
    };
    await this.assertCanPlan(proposal, principal);
    const { checks, covered } = await this.checks.run(proposal, { lock: false });
    return { suitable: suitabilityPassed(checks), checks, sessionsCovered: covered.length };
  }

  async allocate(dto: AllocationRequestDto, principal: Principal): Promise<AllocationResultDto> {
    await this.assertCanPlan(toProposal(dto), principal);
    return this.txHost.withTransaction(() => this.allocateIn(dto, principal));
  }

  /** All items are allocated, or none: the first failures are reported per item and nothing is written. */
  async allocateMany(items: AllocationRequestDto[], principal: Principal): Promise<AllocationResultDto[]> {
    for (const item of items) await this.assertCanPlan(toProposal(item), principal);
    const problems: BulkItemProblem[] = [];
    const results: AllocationResultDto[] = [];
    try {
      await this.txHost.withTransaction(async () => {
        for (const [index, item] of items.entries()) {
          try {
            // A savepoint per item (a nested transaction) lets the batch report every failing item, then roll everything back.
            results.push(await this.txHost.withTransaction(Propagation.Nested, () => this.allocateIn(item, principal)));
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            problems.push(problemOf(index, item, e));
          }
        }
        if (problems.length > 0) throw new BulkRejected();
      });
    } catch (e) {
      if (e instanceof BulkRejected) {
        throw new RuleBrokenError(ruleMessage(RuleCode.ALLOCATIONS_REFUSED, { count: problems.length, total: items.length }), problems);
      }
      throw e;
    }
    return results;
  }

  /** Allocates inside the caller's transaction (a use case made of more than one write, e.g. moving off a cancelled session). */
  async allocateWithin(dto: AllocationRequestDto, principal: Principal): Promise<AllocationResultDto> {
    // The caller checked assertCanPlanOn before its transaction (those reads use their own connection).
    return this.allocateIn(dto, principal);
  }

  /** 404 unless the user may plan this prisoner on this activity (both in a prison they see). */
  async assertCanPlanOn(activityId: string, prisonerId: string, principal: Principal): Promise<void> {
    const prisonId = (await this.repo.findActivity(activityId))?.prisonId;
    if (!prisonId || !canSeePrison(principal, prisonId)) throw new NotFoundError('Activity', activityId);
    await this.prisoners.assertVisible(prisonerId, principal);
  }

  async end(id: string, dto: EndAllocationDto, principal: Principal): Promise<AllocationResultDto> {
    if (dto.reason === DeallocationReason.OTHER && !dto.note) throw new InvalidInputError(ruleMessage(RuleCode.DEALLOCATION_NOTE_REQUIRED));
    const today = this.clock.today();
    if (dto.endDate < addDays(today, -1)) throw new RuleBrokenError(ruleMessage(RuleCode.ALLOCATION_END_IN_PAST, { endDate: dto.endDate }));
    return this.txHost.withTransaction(async () => {
      const current = await this.visibleAllocation(id, principal, true);
      await this.endIn(current, { endDate: dto.endDate, reason: dto.reason, note: dto.note ?? null }, principal);
      return { ...(await this.mustFind(id)), checks: [] };
    });
  }

  /**
   * Withdraws an allocation nothing has happened on yet: one that starts after today, or today with no attendance
   * recorded on any of its sessions (a prisoner added to today's session by mistake). It goes, with its bookings.
   * Started before today, or with attendance recorded today: refused (409), to be ended instead.
   */
  async withdraw(id: string, principal: Principal): Promise<AllocationRow> {
    const today = this.clock.today();
    return this.txHost.withTransaction(async () => {
      const current = await this.visibleAllocation(id, principal, true);
      if (current.startDate < today) {
        throw new ConflictError(ruleMessage(RuleCode.ALLOCATION_STARTED, { startDate: current.startDate }));
      }
      if (current.startDate === today && (await this.repo.lockDayAndHasAttendance(current.activityId, current.prisonerId, today))) {
        throw new ConflictError(ruleMessage(RuleCode.ALLOCATION_ATTENDANCE_RECORDED, { date: today }), { date: today });
      }
      await this.writer.delete(id);
      return current;
    });
  }

  /**
   * Takes the prisoner off the allocation's sessions from a day on (today at the earliest; the planner's "Remove").
   * The allocation ends the day before — or today, when attendance is already recorded today (that booking stays:
   * something happened on it). With no day left to end on (it starts on that day or later, nothing recorded), it is
   * withdrawn whole, as an undo of an allocation made by mistake.
   */
  async removeFrom(id: string, day: IsoDate, reason: DeallocationReason, principal: Principal): Promise<RemovedFrom> {
    if (reason === DeallocationReason.OTHER) throw new InvalidInputError(ruleMessage(RuleCode.DEALLOCATION_NOTE_REQUIRED));
    const today = this.clock.today();
    const from = day < today ? today : day;
    return this.txHost.withTransaction(async () => {
      const current = await this.visibleAllocation(id, principal, true);
      const keptToday = from === today && (await this.repo.lockDayAndHasAttendance(current.activityId, current.prisonerId, today));
      const lastDay = keptToday ? today : addDays(from, -1);
      if (lastDay < current.startDate) {
        await this.writer.delete(id);
        return { withdrawn: true, from: current.startDate, keptToday: false };
      }
      await this.endIn(current, { endDate: lastDay, reason, note: null }, principal);
      return { withdrawn: false, from: addDays(lastDay, 1), keptToday };
    });
  }

  private async endIn(
    current: AllocationRow,
    e: { endDate: IsoDate; reason: DeallocationReason; note: string | null },
    principal: Principal,
  ): Promise<void> {
    if (current.endDate !== null && current.endDate <= e.endDate && current.endedReason) {
      throw new ConflictError(ruleMessage(RuleCode.ALLOCATION_ALREADY_ENDED, { endDate: current.endDate }));
    }
    // Ending is never extending: a later end than the one planned would add weeks that no check has seen
    // (places, unavailability, non-associations), booked by the session job later.
    if (current.endDate !== null && e.endDate > current.endDate) {
      throw new RuleBrokenError(ruleMessage(RuleCode.ALLOCATION_END_AFTER_PLANNED_END, { endDate: current.endDate }));
    }
    if (e.endDate < current.startDate) {
      throw new RuleBrokenError(ruleMessage(RuleCode.ALLOCATION_END_BEFORE_START, { startDate: current.startDate }));
    }
    await this.writer.end(current.id, { endDate: e.endDate, reason: e.reason, note: e.note, byUserId: principal.userId });
    await this.writer.removeBookingsFrom(current.id, addDays(e.endDate, 1));
  }

  async setLocked(id: string, locked: boolean, principal: Principal): Promise<AllocationResultDto> {
    return this.txHost.withTransaction(async () => {
      await this.visibleAllocation(id, principal, true);
      await this.writer.setLocked(id, locked);
      return { ...(await this.mustFind(id)), checks: [] };
    });
  }

  async get(id: string, principal: Principal): Promise<AllocationRow> {
    return this.visibleAllocation(id, principal, false);
  }

  async listForPrisoner(prisonerId: string, includeEnded: boolean, principal: Principal): Promise<AllocationRow[]> {
    await this.prisoners.assertVisible(prisonerId, principal);
    const rows = await this.repo.findAllocationsOfPrisoner(prisonerId, this.clock.today(), includeEnded);
    // Allocations held at other prisons (before a transfer) are not the caller's to see.
    return rows.filter((r) => canSeePrison(principal, r.prisonId));
  }

  async listForActivity(activityId: string, includeEnded: boolean, principal: Principal): Promise<AllocationRow[]> {
    const activity = await this.repo.findActivity(activityId);
    if (!activity || !canSeePrison(principal, activity.prisonId)) throw new NotFoundError('Activity', activityId);
    return this.repo.findAllocationsOfActivity(activityId, this.clock.today(), includeEnded);
  }

  private async allocateIn(dto: AllocationRequestDto, principal: Principal): Promise<AllocationResultDto> {
    const proposal = toProposal(dto);
    this.assertWellFormed(proposal);
    const { activity, checks } = await this.checks.run(proposal, { lock: true });
    const failed = checks.filter((c) => !c.passed);
    const overriding =
      failed.length > 0 && failed.every((c) => c.code === SuitabilityCode.NON_ASSOCIATION) && dto.overrideReason !== undefined;
    if (dto.overrideReason !== undefined && !hasRole(principal, Role.MANAGER, Role.NATIONAL_ADMIN)) {
      throw new ForbiddenError(ruleMessage(RuleCode.OVERRIDE_MANAGER_ONLY));
    }
    if (failed.length > 0 && !overriding) {
      const onlyCapacity = failed.every((c) => c.code === SuitabilityCode.CAPACITY);
      const message = ruleMessage(RuleCode.ALLOCATION_REFUSED, { checks: failed.map((c) => ruleMessage(c.rule, c.params)) });
      throw onlyCapacity ? new ConflictError(message, { failedChecks: failed }) : new RuleBrokenError(message, { failedChecks: failed });
    }
    let id: string;
    try {
      id = await this.writer.insert({
        prisonerId: proposal.prisonerId,
        activityId: activity.id,
        prisonId: activity.prisonId,
        startDate: proposal.startDate,
        endDate: proposal.endDate,
        pattern: proposal.pattern,
        chosenSlots: proposal.pattern === AllocationPatternKind.CHOSEN ? (proposal.chosenSlots ?? null) : null,
        overrideReason: overriding ? dto.overrideReason : null,
        createdByUserId: principal.userId,
      });
      await this.writer.book({ from: proposal.startDate, to: proposal.endDate ?? '2999-12-31', allocationIds: [id] });
      if (activity.requiresReferral) {
        await this.referrals.markAllocated(proposal.prisonerId, activity.id);
      }
    } catch (e) {
      throw translateConstraintError(e);
    }
    return { ...(await this.mustFind(id)), checks };
  }

  private assertWellFormed(p: ProposedAllocation): void {
    const today = this.clock.today();
    const problems = allocationPatternProblems({ kind: p.pattern, chosen: p.chosenSlots ?? null });
    if (p.startDate < today) problems.push(`startDate ${p.startDate} is in the past; allocations start today (${today}) or later`);
    if (p.endDate !== null && p.endDate < p.startDate) problems.push('endDate is before startDate');
    if (problems.length > 0) throw new InvalidInputError(problems.join('; '));
  }

  /** The activity and the prisoner must both be of the caller's prisons (else: not found, as if they did not exist). */
  private assertCanPlan(p: ProposedAllocation, principal: Principal): Promise<void> {
    return this.assertCanPlanOn(p.activityId, p.prisonerId, principal);
  }

  private async visibleAllocation(id: string, principal: Principal, lock: boolean): Promise<AllocationRow> {
    const row = await this.repo.findAllocation(id, this.clock.today(), lock);
    if (!row || !canSeePrison(principal, row.prisonId)) throw new NotFoundError('Allocation', id);
    return row;
  }

  private async mustFind(id: string): Promise<AllocationRow> {
    const row = await this.repo.findAllocation(id, this.clock.today());
    if (!row) throw new NotFoundError('Allocation', id);
    return row;
  }
}

class BulkRejected extends Error {}

function toProposal(dto: AllocationRequestDto): ProposedAllocation {
  return {
    prisonerId: dto.prisonerId,
    activityId: dto.activityId,
    startDate: dto.startDate,
    endDate: dto.endDate ?? null,
    pattern: dto.pattern,
    chosenSlots: dto.chosenSlots ?? null,
  };
}

/** "1-AM,3-PM" → chosen weekday/periods (the suitability query's compact form). */
function parseChosen(value: string): WeekdayPeriod[] {
  return value.split(',').map((part) => {
    const m = /^\s*([1-5])-(AM|PM)\s*$/.exec(part);
    if (!m) throw new InvalidInputError(`chosen: "${part}" is not weekday-period like 1-AM`);
    return { weekday: Number(m[1]), period: m[2] === 'AM' ? DayPeriod.AM : DayPeriod.PM };
  });
}

function problemOf(index: number, item: AllocationRequestDto, e: DomainError): BulkItemProblem {
  const status = statusForKind(e.kind);
  const failedChecks = (e.details as { failedChecks?: SuitabilityCheck[] } | undefined)?.failedChecks;
  return {
    index,
    prisonerId: item.prisonerId,
    activityId: item.activityId,
    status,
    message: e.message,
    ...(failedChecks ? { failedChecks } : {}),
  };
}
