import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { canSeePrison, Principal, prisonScope } from '../auth/principal';
import { Clock } from '../common/clock';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { isConstraintViolation } from '../database/pg-errors';
import { ConflictError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { PrisonersService } from '../prisoners/prisoners.service';
import { OPEN_REFERRAL_STATUSES, statusesAllowedBefore } from './domain/referral-status';
import { CreateReferralDto, ReferralDto } from './dto/referral.dto';
import { ReferralStatus } from './referral.enums';
import { ActivityRef, ReferralsRepository, ReferralState } from './referrals.repository';

const OPEN_INDEX = 'referral_one_open_per_activity';

/** Referrals: the waiting list of each activity, and the guarded status machine of each referral. */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly repo: ReferralsRepository,
    private readonly prisoners: PrisonersService,
    private readonly clock: Clock,
  ) {}

  async create(activityId: string, dto: CreateReferralDto, principal: Principal): Promise<ReferralDto> {
    const activity = await this.visibleActivity(activityId, principal);
    await this.prisoners.assertVisible(dto.prisonerId, principal);
    const today = this.clock.today();
    if (!(await this.repo.isHeldAt(dto.prisonerId, activity.prisonId, today)))
      throw new RuleBrokenError(ruleMessage(RuleCode.REFERRAL_PRISONER_NOT_HELD));
    if (activity.endDate !== null && activity.endDate < today)
      throw new RuleBrokenError(ruleMessage(RuleCode.REFERRAL_ACTIVITY_ENDED, { endDate: activity.endDate }));
    const open = await this.repo.findOpen(dto.prisonerId, activityId);
    if (open) throw openConflict(open);
    let id: string;
    try {
      id = await this.repo.insert({
        prisonerId: dto.prisonerId,
        activityId,
        requestedBy: dto.requestedBy,
        note: dto.note ?? '',
        createdByUserId: principal.userId,
        createdAt: this.clock.now().toJSDate(),
      });
    } catch (e) {
      // Two requests at once: the unique partial index lets only one open referral in.
      if (e instanceof QueryFailedError && isConstraintViolation(e, OPEN_INDEX)) {
        const winner = await this.repo.findOpen(dto.prisonerId, activityId);
        if (winner) throw openConflict(winner);
      }
      throw e;
    }
    return this.get(id);
  }

  approve(id: string, note: string | undefined, principal: Principal): Promise<ReferralDto> {
    return this.move(id, ReferralStatus.APPROVED, note, principal);
  }

  decline(id: string, note: string, principal: Principal): Promise<ReferralDto> {
    return this.move(id, ReferralStatus.DECLINED, note, principal);
  }

  withdraw(id: string, note: string | undefined, principal: Principal): Promise<ReferralDto> {
    return this.move(id, ReferralStatus.WITHDRAWN, note, principal);
  }

  /** The waiting list (default: open referrals), oldest first. */
  async listForActivity(activityId: string, status: ReferralStatus | undefined, principal: Principal): Promise<ReferralDto[]> {
    await this.visibleActivity(activityId, principal);
    return this.repo.findViews({ activityId, statuses: status ? [status] : OPEN_REFERRAL_STATUSES }, this.clock.today());
  }

  /** A prisoner's referrals to activities of the caller's prisons, newest first. */
  async listForPrisoner(prisonerId: string, principal: Principal): Promise<ReferralDto[]> {
    await this.prisoners.assertVisible(prisonerId, principal);
    return this.repo.findViews({ prisonerId, prisonIds: prisonScope(principal) }, this.clock.today());
  }

  /**
   * For the allocation use case: the prisoner's approved referral to the activity becomes ALLOCATED,
   * inside the caller's transaction. Returns whether there was one.
   */
  markAllocated(prisonerId: string, activityId: string): Promise<boolean> {
    return this.repo.markAllocated(prisonerId, activityId, statusesAllowedBefore(ReferralStatus.ALLOCATED), this.clock.now().toJSDate());
  }

  /** markAllocated for many (prisoner, activity) pairs at once (the draft apply). */
  markAllocatedMany(pairs: ReadonlyArray<{ prisonerId: string; activityId: string }>): Promise<number> {
    return this.repo.markAllocatedMany(pairs, statusesAllowedBefore(ReferralStatus.ALLOCATED), this.clock.now().toJSDate());
  }

  private async move(id: string, to: ReferralStatus, note: string | undefined, principal: Principal): Promise<ReferralDto> {
    const before = await this.repo.findState(id);
    if (!before || !canSeePrison(principal, before.prisonId)) throw new NotFoundError('Referral', id);
    const moved = await this.repo.transition(id, to, statusesAllowedBefore(to), {
      note: note ?? null,
      userId: principal.userId,
      at: this.clock.now().toJSDate(),
    });
    if (!moved) {
      // Read again: a concurrent decision may have changed it since we looked.
      const now = (await this.repo.findState(id)) ?? before;
      throw new ConflictError(ruleMessage(RuleCode.REFERRAL_STATUS_REFUSED, { status: now.status, requested: to }), {
        status: now.status,
        requested: to,
      });
    }
    return this.get(id);
  }

  private async get(id: string): Promise<ReferralDto> {
    const [referral] = await this.repo.findViews({ id }, this.clock.today());
    if (!referral) throw new NotFoundError('Referral', id);
    return referral;
  }

  private async visibleActivity(id: string, principal: Principal): Promise<ActivityRef> {
    const activity = await this.repo.findActivity(id);
    // Another prison's activity answers as if it did not exist.
    if (!activity || !canSeePrison(principal, activity.prisonId)) throw new NotFoundError('Activity', id);
    return activity;
  }
}

function openConflict(open: ReferralState): ConflictError {
  return new ConflictError(ruleMessage(RuleCode.REFERRAL_ALREADY_OPEN, { status: open.status }), {
    referralId: open.id,
    status: open.status,
  });
}
