import { Injectable } from '@nestjs/common';
import { countedDaysBetween } from '../calendar/domain/counted-days';
import { IsoWeek, parseIsoWeek } from '../calendar/domain/iso-week';
import { IsoDate } from '../calendar/domain/oslo-time';
import { NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { buildPlanningInput, DraftInput, fingerprintOf } from './domain/week-input';
import { ActivityInfo, PlanningInputRepository, PrisonerInfo } from './planning-input.repository';

export interface BuiltInput {
  input: DraftInput;
  fingerprint: string;
  /** Names to show with the result (not part of the input). */
  prisoners: ReadonlyMap<string, Pick<PrisonerInfo, 'name' | 'prisonerNumber'>>;
  activities: ReadonlyMap<string, Pick<ActivityInfo, 'name' | 'kind' | 'requiresReferral'>>;
}

/** The days a draft for the week plans: its counted days from today on (past days are not re-planned). */
export function daysToPlan(week: IsoWeek, today: IsoDate): IsoDate[] {
  const { monday, sunday } = parseIsoWeek(week);
  return countedDaysBetween(monday, sunday).filter((d) => d >= today);
}

/** Reads a prison's week through the caller's manager and turns it into the engine's input. */
@Injectable()
export class PlanningInputBuilder {
  constructor(private readonly repo: PlanningInputRepository) {}

  async build(prisonId: string, week: IsoWeek, today: IsoDate): Promise<BuiltInput> {
    const regime = await this.repo.findRegime(prisonId);
    if (!regime) throw new NotFoundError('Prison', prisonId);
    const days = daysToPlan(week, today);
    if (days.length === 0) throw new RuleBrokenError(`Week ${week} has no counted days left to plan (today is ${today})`);
    const [first, last] = [days[0], days[days.length - 1]];

    const sessions = await this.repo.findSessions(prisonId, days);
    const activities = await this.repo.findActivities([...new Set(sessions.map((s) => s.activityId))]);
    const custody = await this.repo.findCustody(prisonId, first, last);
    const prisonerIds = [...new Set(custody.map((c) => c.prisonerId))];
    const prisoners = await this.repo.findPrisoners(prisonerIds);
    const unavailability = await this.repo.findUnavailability(prisonerIds, first, last);
    const referrals = await this.repo.findReferrals(
      prisonerIds,
      activities.map((a) => a.id),
    );
    const nonAssociations = await this.repo.findNonAssociations(prisonerIds, first, last);
    const bookings = await this.repo.findBookings(sessions.map((s) => s.id));
    const lockedAllocations = await this.repo.findLockedAllocations(prisonId, prisonerIds, first, last);

    const input = buildPlanningInput({
      prisonId,
      week,
      days,
      regime,
      activities,
      sessions,
      prisoners,
      custody,
      unavailability,
      referrals,
      nonAssociations,
      bookings,
      lockedAllocations,
    });
    return {
      input,
      fingerprint: fingerprintOf(input),
      prisoners: new Map(prisoners.map((p) => [p.id, { name: p.name, prisonerNumber: p.prisonerNumber }])),
      activities: new Map(activities.map((a) => [a.id, { name: a.name, kind: a.kind, requiresReferral: a.requiresReferral }])),
    };
  }
}
