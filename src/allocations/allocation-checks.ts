import { Injectable } from '@nestjs/common';
import { IsoDate } from '../calendar/domain/oslo-time';
import { NotFoundError } from '../common/errors/domain-errors';
import { AllocationPatternKind } from './allocation.enums';
import { ActivityRow, AllocationsRepository, SessionRow } from './allocations.repository';
import { AllocationPattern, sessionsCoveredBy } from './domain/allocation-pattern';
import { englishRule } from '../common/messages/english-rule';
import { checkSuitability, SuitabilityCheck } from './domain/suitability';

export interface ProposedAllocation {
  prisonerId: string;
  activityId: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  pattern: AllocationPatternKind;
  chosenSlots?: AllocationPattern['chosen'];
}

/** A check as the API shows it: the domain's code and parameters, and the English `message` built from them. */
export type ExplainedCheck = SuitabilityCheck & { message: string };

export function withMessage(check: SuitabilityCheck): ExplainedCheck {
  return { ...check, message: englishRule(check) };
}

export interface CheckedAllocation {
  activity: ActivityRow;
  checks: ExplainedCheck[];
  covered: SessionRow[];
}

// Checks and sessions are looked at up to this far ahead of the start when the allocation is open-ended:
// sessions only exist within the rolling horizon anyway.
const FAR_FUTURE: IsoDate = '2999-12-31';

/**
 * Gathers everything the suitability rules need for one proposed allocation and runs them — the same
 * code for the read-only suitability answer and inside the allocating transaction (with `lock`).
 */
@Injectable()
export class AllocationChecks {
  constructor(private readonly repo: AllocationsRepository) {}

  async run(proposal: ProposedAllocation, options: { lock: boolean; ignoreAllocationId?: string }): Promise<CheckedAllocation> {
    const activity = await this.repo.findActivity(proposal.activityId);
    if (!activity) throw new NotFoundError('Activity', proposal.activityId);
    const prisoner = options.lock ? await this.repo.lockPrisoner(proposal.prisonerId) : await this.repo.findPrisoner(proposal.prisonerId);
    if (!prisoner) throw new NotFoundError('Prisoner', proposal.prisonerId);

    const to = proposal.endDate ?? FAR_FUTURE;
    const span = {
      activityId: activity.id,
      startDate: proposal.startDate,
      endDate: proposal.endDate,
      pattern: { kind: proposal.pattern, chosen: proposal.chosenSlots ?? null },
    };
    const sessions = await this.repo.findSessions(activity.id, proposal.startDate, to, options.lock);
    const covered = sessionsCoveredBy(span, sessions);
    const custody = await this.repo.findCustody(prisoner.id);
    const stay = custody.find(
      (c) => c.prisonId === activity.prisonId && c.fromDate <= proposal.startDate && (c.toDate === null || c.toDate > proposal.startDate),
    );
    const [unavailability, otherBookings, nonAssociations, referrals] = [
      await this.repo.findUnavailability(prisoner.id, proposal.startDate, to),
      await this.repo.findOtherBookings(prisoner.id, proposal.startDate, to),
      await this.repo.findNonAssociations(prisoner.id, proposal.startDate, to),
      await this.repo.findReferrals(prisoner.id, activity.id),
    ];
    const ignore = options.ignoreAllocationId;
    const checks = checkSuitability({
      prisoner: {
        id: prisoner.id,
        dateOfBirth: prisoner.dateOfBirth,
        unitSecurityLevel: stay?.unitSecurityLevel ?? null,
        custodyPeriods: custody,
      },
      activity,
      allocation: { startDate: proposal.startDate, endDate: proposal.endDate },
      coveredSessions: covered,
      unavailability,
      otherSessions: otherBookings.filter((b) => b.allocationId !== ignore && !covered.some((c) => c.id === b.sessionId)),
      nonAssociations,
      referrals,
    });
    return { activity, checks: checks.map(withMessage), covered };
  }
}
