import { Injectable } from '@nestjs/common';
import { ActivitiesService } from '../../activities/activities.service';
import { ActivityDto, ActivityListQueryDto } from '../../activities/dto/activity.dto';
import { AllocationPatternKind } from '../../allocations/allocation.enums';
import { AllocationsService } from '../../allocations/allocations.service';
import { AllocationRequestDto } from '../../allocations/dto/allocation.dto';
import type { Principal } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { InvalidInputError, NotFoundError } from '../../common/errors/domain-errors';
import { PrisonerListQueryDto } from '../../prisoners/dto/prisoner.dto';
import { PrisonersService } from '../../prisoners/prisoners.service';
import { CreateReferralDto, DeclineReferralDto, ReferralDto } from '../../referrals/dto/referral.dto';
import { ReferralsService } from '../../referrals/referrals.service';
import { ReferralStatus } from '../../referrals/referral.enums';
import { invalidFields, validateAs } from '../shared/forms';
import { PrisonChoice, PrisonRef } from '../shared/prison-choice';

export const ALLOCATE_PATTERNS = [AllocationPatternKind.ALL, AllocationPatternKind.AM_ONLY, AllocationPatternKind.PM_ONLY] as const;

export interface ReferralsView {
  prison: PrisonRef;
  prisons: PrisonRef[];
  activities: ActivityDto[];
  activity?: ActivityDto;
  waiting: ReferralDto[];
  today: string;
}

/** Referrals and the waiting list of an activity: create, approve, decline, allocate from the list. */
@Injectable()
export class ReferralTasksService {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly activities: ActivitiesService,
    private readonly allocations: AllocationsService,
    private readonly prisoners: PrisonersService,
    private readonly prisonChoice: PrisonChoice,
    private readonly clock: Clock,
  ) {}

  async view(principal: Principal, prisonId: string | undefined, activityId: string | undefined): Promise<ReferralsView> {
    // The activity's own prison when only the activity is named (a national administrator sees every prison).
    const wanted = prisonId ?? (activityId ? (await this.activities.get(activityId, principal)).prisonId : undefined);
    const { prison, prisons } = await this.prisonChoice.choose(principal, wanted);
    const q = Object.assign(new ActivityListQueryDto(), { prisonId: prison.id, page: 1, pageSize: 200 });
    const activities = (await this.activities.list(q, principal)).items.sort(
      (a, b) => Number(b.requiresReferral) - Number(a.requiresReferral) || a.name.localeCompare(b.name, 'nb'),
    );
    const activity = activityId ? activities.find((a) => a.id === activityId) : activities.find((a) => a.requiresReferral);
    if (activityId && !activity) throw new NotFoundError('Activity', activityId);
    const waiting = activity ? await this.referrals.listForActivity(activity.id, undefined, principal) : [];
    return { prison, prisons, activities, activity, waiting, today: this.clock.today() };
  }

  /** Refers the prisoner with this number (held at the activity's prison) to the activity. */
  async create(principal: Principal, activityId: string, number: string | undefined, requestedBy: string | undefined, note?: string) {
    const { prisonId } = await this.activities.get(activityId, principal);
    const wanted = (number ?? '').trim();
    if (wanted.length < 2) throw new InvalidInputError('prisonerNumber is required');
    const q = Object.assign(new PrisonerListQueryDto(), { prisonId, search: wanted, page: 1, pageSize: 20 });
    const match = (await this.prisoners.listHeld(q, principal)).items.find((p) => p.prisonerNumber.toLowerCase() === wanted.toLowerCase());
    if (!match) throw new NotFoundError('Prisoner with number', wanted);
    const form = validateAs(CreateReferralDto, { prisonerId: match.id, requestedBy, ...(note?.trim() ? { note } : {}) });
    if (!form.value) throw new InvalidInputError(form.errors.join('; '));
    return this.referrals.create(activityId, form.value, principal);
  }

  /** A referral of the activity in a given status (for the confirmation after a post/redirect/get). */
  async find(principal: Principal, activityId: string, id: string, status: ReferralStatus): Promise<ReferralDto | undefined> {
    return (await this.referrals.listForActivity(activityId, status, principal)).find((r) => r.id === id);
  }

  approve(principal: Principal, id: string): Promise<ReferralDto> {
    return this.referrals.approve(id, undefined, principal);
  }

  decline(principal: Principal, id: string, note: string | undefined): Promise<ReferralDto> {
    const form = validateAs(DeclineReferralDto, { note });
    // The field refused and why (the constraint), so the page can say at the field what is wrong.
    if (!form.value) throw new InvalidInputError(form.reason, invalidFields(form.reason));
    return this.referrals.decline(id, form.value.note, principal);
  }

  /** Allocates the referred prisoner (the allocation marks the approved referral ALLOCATED in the same transaction). */
  async allocate(principal: Principal, activityId: string, referralId: string, pattern: string | undefined, startDate: string | undefined) {
    const referral = (await this.referrals.listForActivity(activityId, undefined, principal)).find((r) => r.id === referralId);
    if (!referral) throw new NotFoundError('Referral', referralId);
    const form = validateAs(AllocationRequestDto, {
      prisonerId: referral.prisonerId,
      activityId,
      startDate: startDate || this.clock.today(),
      pattern: ALLOCATE_PATTERNS.find((p) => p === pattern) ?? AllocationPatternKind.ALL,
    });
    if (!form.value) throw new InvalidInputError(form.errors.join('; '));
    await this.allocations.allocate(form.value, principal);
    return referral;
  }
}
