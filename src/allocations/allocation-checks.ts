import { Injectable } from '@nestjs/common';
import { IsoDate } from '../calendar/domain/oslo-time';
import { NotFoundError } from '../common/errors/domain-errors';
import { AllocationPatternKind } from './allocation.enums';
import { ActivityRow, AllocationsRepository, SessionRow } from './allocations.repository';
import { AllocationPattern, sessionsCoveredBy } from './domain/allocation-pattern';
import { englishRule } from '../common/messages/english-rule';
import { SecurityLevel } from '../organisation/organisation.enums';
import {
  checkSuitability,
  CustodySpan,
  NonAssociation,
  OtherSession,
  Referral,
  SuitabilityCheck,
  Unavailability,
} from './domain/suitability';

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
    const sessions = await this.repo.findSessions(activity.id, proposal.startDate, to, options.lock);
    const custody = await this.repo.findCustody(prisoner.id);
    const [unavailability, otherBookings, nonAssociations, referrals] = [
      await this.repo.findUnavailability(prisoner.id, proposal.startDate, to),
      await this.repo.findOtherBookings(prisoner.id, proposal.startDate, to),
      await this.repo.findNonAssociations(prisoner.id, proposal.startDate, to),
      await this.repo.findReferrals(prisoner.id, activity.id),
    ];
    return judge(
      proposal,
      { activity, prisoner, sessions, custody, unavailability, otherBookings, nonAssociations, referrals },
      options.ignoreAllocationId,
    );
  }

  /**
   * `run` with `lock` for many proposals at once (the draft apply), answered in their order: the same
   * facts read for all of them in one query each (rows locked: prisoners and sessions, in id order),
   * then each proposal judged by the same code on its own part. A missing activity or prisoner is
   * reported for the first proposal that names one, as `run` would.
   */
  async runMany(proposals: readonly ProposedAllocation[]): Promise<CheckedAllocation[]> {
    if (proposals.length === 0) return [];
    const activityIds = [...new Set(proposals.map((p) => p.activityId))];
    const prisonerIds = [...new Set(proposals.map((p) => p.prisonerId))];
    const activities = new Map((await this.repo.findActivities(activityIds)).map((a) => [a.id, a]));
    const prisoners = new Map((await this.repo.lockPrisoners(prisonerIds)).map((p) => [p.id, p]));
    for (const p of proposals) {
      if (!activities.has(p.activityId)) throw new NotFoundError('Activity', p.activityId);
      if (!prisoners.has(p.prisonerId)) throw new NotFoundError('Prisoner', p.prisonerId);
    }
    const from = proposals.map((p) => p.startDate).reduce((a, b) => (b < a ? b : a));
    const to = proposals.map((p) => p.endDate ?? FAR_FUTURE).reduce((a, b) => (b > a ? b : a));
    const sessions = groupBy(await this.repo.findSessionsOfActivities(activityIds, from, to, true), (s) => s.activityId);
    const custody = groupBy(await this.repo.findCustodyOfPrisoners(prisonerIds), (c) => c.prisonerId);
    const unavailability = groupBy(await this.repo.findUnavailabilityOfPrisoners(prisonerIds, from, to), (u) => u.prisonerId);
    const otherBookings = groupBy(await this.repo.findOtherBookingsOfPrisoners(prisonerIds, from, to), (b) => b.prisonerId);
    const nonAssociations = await this.repo.findNonAssociationsOfPrisoners(prisonerIds, from, to);
    const nonAssociationsOf = new Map<string, typeof nonAssociations>();
    for (const na of nonAssociations) {
      for (const id of new Set([na.a, na.b])) (nonAssociationsOf.get(id) ?? nonAssociationsOf.set(id, []).get(id)!).push(na);
    }
    const referrals = groupBy(await this.repo.findReferralsOfPairs(proposals), (r) => `${r.prisonerId}|${r.activityId}`);

    return proposals.map((p) => {
      const start = p.startDate;
      const end = p.endDate ?? FAR_FUTURE;
      const prisonerId = p.prisonerId;
      // Each proposal's part of the facts, as run's queries select it.
      return judge(p, {
        activity: activities.get(p.activityId)!,
        prisoner: prisoners.get(prisonerId)!,
        sessions: (sessions.get(p.activityId) ?? []).filter((s) => s.date >= start && s.date <= end),
        custody: (custody.get(prisonerId) ?? []).map(({ prisonerId: _, ...c }) => c),
        unavailability: (unavailability.get(prisonerId) ?? [])
          .filter((u) => u.date <= end && u.endDate! >= start)
          .map(({ prisonerId: _, ...u }) => u),
        otherBookings: (otherBookings.get(prisonerId) ?? [])
          .filter((b) => b.date >= start && b.date <= end)
          .map(({ prisonerId: _, ...b }) => b),
        nonAssociations: (nonAssociationsOf.get(prisonerId) ?? [])
          .filter((na) => na.fromDate <= end && (na.toDate === null || na.toDate >= start))
          .map((na) => ({ prisonerId, otherPrisonerId: na.a === prisonerId ? na.b : na.a, active: true })),
        referrals: (referrals.get(`${prisonerId}|${p.activityId}`) ?? []).map((r) => ({ activityId: r.activityId, status: r.status })),
      });
    });
  }
}

/** What the rules look at for one proposal (the reads of `run`). */
interface CheckFacts {
  activity: ActivityRow;
  prisoner: { id: string; dateOfBirth: IsoDate };
  /** The activity's sessions from the start to the end (or far future), with who is booked. */
  sessions: SessionRow[];
  custody: Array<CustodySpan & { unitSecurityLevel: SecurityLevel }>;
  unavailability: Unavailability[];
  otherBookings: Array<OtherSession & { allocationId: string }>;
  nonAssociations: NonAssociation[];
  referrals: Referral[];
}

function judge(proposal: ProposedAllocation, facts: CheckFacts, ignore?: string): CheckedAllocation {
  const { activity, prisoner, custody } = facts;
  const span = {
    activityId: activity.id,
    startDate: proposal.startDate,
    endDate: proposal.endDate,
    pattern: { kind: proposal.pattern, chosen: proposal.chosenSlots ?? null },
  };
  const covered = sessionsCoveredBy(span, facts.sessions);
  const stay = custody.find(
    (c) => c.prisonId === activity.prisonId && c.fromDate <= proposal.startDate && (c.toDate === null || c.toDate > proposal.startDate),
  );
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
    unavailability: facts.unavailability,
    otherSessions: facts.otherBookings.filter((b) => b.allocationId !== ignore && !covered.some((c) => c.id === b.sessionId)),
    nonAssociations: facts.nonAssociations,
    referrals: facts.referrals,
  });
  return { activity, checks: checks.map(withMessage), covered };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) (out.get(key(row)) ?? out.set(key(row), []).get(key(row))!).push(row);
  return out;
}
