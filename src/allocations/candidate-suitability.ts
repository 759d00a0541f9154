import { Injectable } from '@nestjs/common';
import { DayPeriod } from '../activities/activity.enums';
import { canSeePrison, Principal } from '../auth/principal';
import { IsoDate, parseIsoDate } from '../calendar/domain/oslo-time';
import { NotFoundError } from '../common/errors/domain-errors';
import { AllocationPatternKind } from './allocation.enums';
import type { ActivityRow, SessionRow } from './allocations.repository';
import { CandidateSuitabilityRepository } from './candidate-suitability.repository';
import { sessionsCoveredBy } from './domain/allocation-pattern';
import { checkSuitability, SuitabilityCheck } from './domain/suitability';

/** One session of the half-day, with its activity. */
export type HalfDaySession = SessionRow & { activity: ActivityRow };

/** The suitability of each candidate for each session of the half-day ("this session only"), by prisoner id, then session id. */
export interface HalfDaySuitability {
  sessions: HalfDaySession[];
  checks: Map<string, Map<string, SuitabilityCheck[]>>;
}

/**
 * The same suitability rules as an allocation (checkSuitability), for many prisoners at once: every
 * candidate × every session of one half-day, each as a one-off allocation to that session. The
 * inputs are read in bulk (CandidateSuitabilityRepository), so 390 prisoners × 44 sessions take a
 * few queries and pure computation. What it says is what "Add" would answer at that moment: the
 * allocation itself re-runs the checks in its own locked transaction.
 */
@Injectable()
export class CandidateSuitability {
  constructor(private readonly repo: CandidateSuitabilityRepository) {}

  async forHalfDay(
    prisonId: string,
    date: IsoDate,
    period: DayPeriod,
    prisonerIds: string[],
    principal: Principal,
    onlySessionIds?: readonly string[],
  ): Promise<HalfDaySuitability> {
    if (!canSeePrison(principal, prisonId)) throw new NotFoundError('Prison', prisonId);
    const all = await this.repo.sessionsOn(prisonId, date, period);
    const sessions = onlySessionIds ? all.filter((s) => onlySessionIds.includes(s.id)) : all;
    const checks = new Map<string, Map<string, SuitabilityCheck[]>>();
    if (prisonerIds.length === 0 || sessions.length === 0) return { sessions, checks };
    const activityIds = [...new Set(sessions.map((s) => s.activityId))];
    const [births, custody, unavailability, bookings, nonAssociations, referrals] = [
      await this.repo.birthDates(prisonerIds),
      await this.repo.custody(prisonerIds),
      await this.repo.unavailability(prisonerIds, date),
      await this.repo.bookingsOn(prisonerIds, date),
      await this.repo.nonAssociations(prisonerIds, date),
      await this.repo.referrals(prisonerIds, activityIds),
    ];
    const weekday = parseIsoDate(date).weekday;
    for (const prisonerId of prisonerIds) {
      const dateOfBirth = births.get(prisonerId);
      if (!dateOfBirth) continue;
      const spans = custody.get(prisonerId) ?? [];
      const perSession = new Map<string, SuitabilityCheck[]>();
      for (const session of sessions) {
        const span = {
          activityId: session.activityId,
          startDate: date,
          endDate: date,
          pattern: { kind: AllocationPatternKind.CHOSEN, chosen: [{ weekday, period }] },
        };
        const covered = sessionsCoveredBy(span, [session]);
        const stay = spans.find((c) => c.prisonId === prisonId && c.fromDate <= date && (c.toDate === null || c.toDate > date));
        perSession.set(
          session.id,
          checkSuitability({
            prisoner: { id: prisonerId, dateOfBirth, unitSecurityLevel: stay?.unitSecurityLevel ?? null, custodyPeriods: spans },
            activity: session.activity,
            allocation: { startDate: date, endDate: date },
            coveredSessions: covered,
            unavailability: unavailability.get(prisonerId) ?? [],
            otherSessions: (bookings.get(prisonerId) ?? []).filter((b) => !covered.some((c) => c.id === b.sessionId)),
            nonAssociations: nonAssociations.get(prisonerId) ?? [],
            referrals: referrals.get(prisonerId) ?? [],
          }),
        );
      }
      checks.set(prisonerId, perSession);
    }
    return { sessions, checks };
  }
}
