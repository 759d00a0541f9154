import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { canSeePrison, hasRole, Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { addDays } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { statusForKind } from '../common/errors/domain-exception.filter';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleBrokenError,
} from '../common/errors/domain-errors';
import { PrisonersService } from '../prisoners/prisoners.service';
import { ReferralsService } from '../referrals/referrals.service';
import { AllocationPatternKind, DeallocationReason } from './allocation.enums';
import { AllocationChecks, ProposedAllocation } from './allocation-checks';
import { AllocationRow, AllocationsRepository } from './allocations.repository';
import { BookingsMaterialiser } from './bookings-materialiser';
import { allocationPatternProblems, WeekdayPeriod } from './domain/allocation-pattern';
import { DayPeriod } from '../activities/activity.enums';
import { SuitabilityCheck, SuitabilityCode, suitabilityPassed } from './domain/suitability';
import { AllocationRequestDto, AllocationResultDto, EndAllocationDto, SuitabilityDto, SuitabilityQueryDto } from './dto/allocation.dto';

const PG_CHECK_VIOLATION = '23514';
const PG_UNIQUE_VIOLATION = '23505';
const PG_EXCLUSION_VIOLATION = '23P01';

/** Failed checks of one item of a bulk request. */
export interface BulkItemProblem {
  index: number;
  prisonerId: string;
  activityId: string;
  status: number;
  message: string;
  failedChecks?: SuitabilityCheck[];
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
    private readonly dataSource: DataSource,
    private readonly repo: AllocationsRepository,
    private readonly checks: AllocationChecks,
    private readonly bookings: BookingsMaterialiser,
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
    const { checks, covered } = await this.checks.run(this.dataSource.manager, proposal, { lock: false });
    return { suitable: suitabilityPassed(checks), checks, sessionsCovered: covered.length };
  }

  async allocate(dto: AllocationRequestDto, principal: Principal): Promise<AllocationResultDto> {
    await this.assertCanPlan(toProposal(dto), principal);
    return this.dataSource.transaction((em) => this.allocateIn(em, dto, principal));
  }

  /** All items are allocated, or none: the first failures are reported per item and nothing is written. */
  async allocateMany(items: AllocationRequestDto[], principal: Principal): Promise<AllocationResultDto[]> {
    for (const item of items) await this.assertCanPlan(toProposal(item), principal);
    const problems: BulkItemProblem[] = [];
    const results: AllocationResultDto[] = [];
    try {
      await this.dataSource.transaction(async (em) => {
        for (const [index, item] of items.entries()) {
          try {
            // A savepoint per item lets the batch report every failing item, then roll everything back.
            await em.query('SAVEPOINT bulk_item');
            results.push(await this.allocateIn(em, item, principal));
            await em.query('RELEASE SAVEPOINT bulk_item');
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            await em.query('ROLLBACK TO SAVEPOINT bulk_item');
            problems.push(problemOf(index, item, e));
          }
        }
        if (problems.length > 0) throw new BulkRejected();
      });
    } catch (e) {
      if (e instanceof BulkRejected) {
        throw new RuleBrokenError(`${problems.length} of ${items.length} allocations cannot be made; nothing was allocated`, problems);
      }
      throw e;
    }
    return results;
  }

  /** Allocates inside the caller's transaction (a use case made of more than one write, e.g. moving off a cancelled session). */
  async allocateWithin(em: EntityManager, dto: AllocationRequestDto, principal: Principal): Promise<AllocationResultDto> {
    await this.assertCanPlan(toProposal(dto), principal);
    return this.allocateIn(em, dto, principal);
  }

  async end(id: string, dto: EndAllocationDto, principal: Principal): Promise<AllocationResultDto> {
    if (dto.reason === DeallocationReason.OTHER && !dto.note) throw new InvalidInputError('A note is required when the reason is OTHER');
    const today = this.clock.today();
    if (dto.endDate < addDays(today, -1))
      throw new RuleBrokenError(`An allocation can end yesterday at the earliest (the last day taken part); ${dto.endDate} is in the past`);
    return this.dataSource.transaction(async (em) => {
      const current = await this.visibleAllocation(em, id, principal, true);
      if (current.endDate !== null && current.endDate <= dto.endDate && current.endedReason) {
        throw new ConflictError(`The allocation already ended on ${current.endDate}`);
      }
      if (dto.endDate < current.startDate) {
        throw new RuleBrokenError(`The allocation starts on ${current.startDate}; its last day can be that day at the earliest`);
      }
      await em.query(
        `UPDATE allocation SET end_date = $2, ended_reason = $3, ended_note = $4, ended_by_user_id = $5, updated_at = now() WHERE id = $1`,
        [id, dto.endDate, dto.reason, dto.note ?? null, principal.userId],
      );
      await this.bookings.removeFrom(em, id, addDays(dto.endDate, 1));
      return { ...(await this.mustFind(em, id)), checks: [] };
    });
  }

  /** Withdraws an allocation that has not started yet: it goes, with its bookings (nothing has happened on them). */
  async withdrawBeforeStart(id: string, principal: Principal): Promise<AllocationRow> {
    const today = this.clock.today();
    return this.dataSource.transaction(async (em) => {
      const current = await this.visibleAllocation(em, id, principal, true);
      if (current.startDate <= today) {
        throw new ConflictError(`The allocation started on ${current.startDate}; end it with a last day and a reason instead`);
      }
      await em.query(`DELETE FROM allocation WHERE id = $1`, [id]);
      return current;
    });
  }

  async setLocked(id: string, locked: boolean, principal: Principal): Promise<AllocationResultDto> {
    return this.dataSource.transaction(async (em) => {
      await this.visibleAllocation(em, id, principal, true);
      await em.query(`UPDATE allocation SET locked = $2, updated_at = now() WHERE id = $1`, [id, locked]);
      return { ...(await this.mustFind(em, id)), checks: [] };
    });
  }

  async get(id: string, principal: Principal): Promise<AllocationRow> {
    return this.visibleAllocation(this.dataSource.manager, id, principal, false);
  }

  async listForPrisoner(prisonerId: string, includeEnded: boolean, principal: Principal): Promise<AllocationRow[]> {
    await this.prisoners.assertVisible(prisonerId, principal);
    const rows = await this.repo.findAllocationsOfPrisoner(this.dataSource.manager, prisonerId, this.clock.today(), includeEnded);
    // Allocations held at other prisons (before a transfer) are not the caller's to see.
    return rows.filter((r) => canSeePrison(principal, r.prisonId));
  }

  async listForActivity(activityId: string, includeEnded: boolean, principal: Principal): Promise<AllocationRow[]> {
    const em = this.dataSource.manager;
    const activity = await this.repo.findActivity(em, activityId);
    if (!activity || !canSeePrison(principal, activity.prisonId)) throw new NotFoundError('Activity', activityId);
    return this.repo.findAllocationsOfActivity(em, activityId, this.clock.today(), includeEnded);
  }

  private async allocateIn(em: EntityManager, dto: AllocationRequestDto, principal: Principal): Promise<AllocationResultDto> {
    const proposal = toProposal(dto);
    this.assertWellFormed(proposal);
    const { activity, checks } = await this.checks.run(em, proposal, { lock: true });
    const failed = checks.filter((c) => !c.passed);
    const overriding =
      failed.length > 0 && failed.every((c) => c.code === SuitabilityCode.NON_ASSOCIATION) && dto.overrideReason !== undefined;
    if (dto.overrideReason !== undefined && !hasRole(principal, Role.MANAGER, Role.NATIONAL_ADMIN)) {
      throw new ForbiddenError('Only a prison manager can override a non-association');
    }
    if (failed.length > 0 && !overriding) {
      const onlyCapacity = failed.every((c) => c.code === SuitabilityCode.CAPACITY);
      const message = `Cannot allocate: ${failed.map((c) => c.message).join('; ')}`;
      throw onlyCapacity ? new ConflictError(message, { failedChecks: failed }) : new RuleBrokenError(message, { failedChecks: failed });
    }
    let id: string;
    try {
      const [row] = await em.query<Array<{ id: string }>>(
        `INSERT INTO allocation (prisoner_id, activity_id, prison_id, start_date, end_date, pattern, chosen_slots, override_reason, created_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          proposal.prisonerId,
          activity.id,
          activity.prisonId,
          proposal.startDate,
          proposal.endDate,
          proposal.pattern,
          proposal.pattern === AllocationPatternKind.CHOSEN ? JSON.stringify(proposal.chosenSlots) : null,
          overriding ? dto.overrideReason : null,
          principal.userId,
        ],
      );
      id = row.id;
      await this.bookings.materialise(em, { from: proposal.startDate, to: proposal.endDate ?? '2999-12-31', allocationIds: [id] });
      if (activity.requiresReferral) {
        await this.referrals.markAllocated(em, proposal.prisonerId, activity.id);
      }
    } catch (e) {
      throw translateWriteError(e);
    }
    return { ...(await this.mustFind(em, id)), checks };
  }

  private assertWellFormed(p: ProposedAllocation): void {
    const today = this.clock.today();
    const problems = allocationPatternProblems({ kind: p.pattern, chosen: p.chosenSlots ?? null });
    if (p.startDate < today) problems.push(`startDate ${p.startDate} is in the past; allocations start today (${today}) or later`);
    if (p.endDate !== null && p.endDate < p.startDate) problems.push('endDate is before startDate');
    if (problems.length > 0) throw new InvalidInputError(problems.join('; '));
  }

  /** The activity and the prisoner must both be of the caller's prisons (else: not found, as if they did not exist). */
  private async assertCanPlan(p: ProposedAllocation, principal: Principal): Promise<void> {
    const prisonId = (await this.repo.findActivity(this.dataSource.manager, p.activityId))?.prisonId;
    if (!prisonId || !canSeePrison(principal, prisonId)) throw new NotFoundError('Activity', p.activityId);
    await this.prisoners.assertVisible(p.prisonerId, principal);
  }

  private async visibleAllocation(em: EntityManager, id: string, principal: Principal, lock: boolean): Promise<AllocationRow> {
    const row = await this.repo.findAllocation(em, id, this.clock.today(), lock);
    if (!row || !canSeePrison(principal, row.prisonId)) throw new NotFoundError('Allocation', id);
    return row;
  }

  private async mustFind(em: EntityManager, id: string): Promise<AllocationRow> {
    const row = await this.repo.findAllocation(em, id, this.clock.today());
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

/** What the database refused, in the officer's words. */
function translateWriteError(e: unknown): unknown {
  const err = ((e as { driverError?: unknown }).driverError ?? e) as { code?: string; constraint?: string };
  if (err.code === PG_CHECK_VIOLATION && err.constraint === 'session_booked_within_capacity') {
    return new ConflictError('A session filled up while allocating; no place was taken. Check suitability again.');
  }
  if (err.code === PG_EXCLUSION_VIOLATION && err.constraint === 'allocation_no_overlap') {
    return new ConflictError('The prisoner is already allocated to this activity for some of these dates; end that allocation first');
  }
  if (err.code === PG_UNIQUE_VIOLATION && err.constraint === 'booking_prisoner_half_day_key') {
    return new ConflictError('The prisoner was booked elsewhere at one of these times meanwhile; nothing was allocated');
  }
  return e;
}
