import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { canSeePrison, isNationalAdmin, Principal } from '../auth/principal';
import { IsoWeek, isoWeekOf, parseIsoWeek } from '../calendar/domain/iso-week';
import { addDays } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { ForbiddenError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import type { PlanningInput } from '../planning/engine';
import { PlannerEngine } from '../planning/planner-engine';
import { PlanningInputBuilder } from '../planning/planning-input.builder';
import { currentPlan, plannedActiveDays } from '../planning/domain/draft-diff';
import { applyOfferChanges, capacityWhatIf, WhatIfResult } from './domain/capacity-what-if';
import { targetDays as daysForTarget } from './domain/gap';
import { placesByHalfDay, splitGap } from './domain/gap-split';
import { NationalOfferDto, PlacesByKindDto, PrisonOfferDto, RegionOfferDto, WeekAnalysisDto } from './dto/path-to-target.dto';
import { PathToTargetRepository, WhatIfActivityRow } from './path-to-target.repository';

// The realised loss of booked days is averaged over this many weeks before today.
const HISTORY_WEEKS = 12;

/** One prison's coming week: current plan, planner, ceiling, target and the capacity what-if (confirmed). */
export interface PrisonWeek {
  input: PlanningInput;
  prisonerDays: number;
  targetDays: number;
  currentDays: number;
  plannerDays: number;
  ceilingDays: number;
  whatIf: WhatIfResult;
  confirmedDays: number;
  confirmedBoundDays: number;
  activities: Map<string, WhatIfActivityRow>;
  timings: { planMs: number; whatIfMs: number; confirmMs: number };
}

/**
 * The path to the target for a coming week (issue 16, parts 3–5): the three-part split of the gap and
 * the smallest offer changes that lift the ceiling to the target, confirmed by the planner.
 */
@Injectable()
export class PathToTargetService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly builder: PlanningInputBuilder,
    private readonly engine: PlannerEngine,
    private readonly repo: PathToTargetRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async weekAnalysis(prisonId: string, week: IsoWeek, principal: Principal): Promise<WeekAnalysisDto> {
    if (!canSeePrison(principal, prisonId)) throw new NotFoundError('Prison', prisonId);
    const prison = (await this.repo.prisonsWithRegion()).find((p) => p.prisonId === prisonId);
    if (!prison) throw new NotFoundError('Prison', prisonId);
    const w = await this.analysePrison(prisonId, week);
    const today = this.clock.today();
    const historyTo = addDays(today, -1);
    const historyFrom = addDays(parseIsoWeek(isoWeekOf(today)).monday, -7 * HISTORY_WEEKS);
    const h = await this.repo.lossHistory(prisonId, historyFrom, historyTo);
    const split = splitGap(w, {
      bookedDays: h.bookedDays,
      realisedActiveDays: h.realisedActiveDays,
      byReason: { ABSENT: h.absent, SESSION_CANCELLED: h.sessionCancelled, NOT_RECORDED: h.notRecorded, EXCLUDED: h.excluded },
    });
    const opened = w.whatIf.changes.filter((c) => c.kind === 'OPEN_SLOT');
    const free = await this.repo.staffFree(
      [...new Set(opened.map((c) => c.activityId))],
      opened.map((c) => ({ activityId: c.activityId, date: c.date, period: c.period })),
    );
    const rate = (days: number) => (w.prisonerDays > 0 ? days / w.prisonerDays : null);
    return {
      prisonId,
      prisonName: prison.prisonName,
      week,
      days: [...w.input.days],
      target: this.config.ACTIVITY_TARGET,
      prisonerDays: w.prisonerDays,
      targetDays: w.targetDays,
      current: { activeDays: w.currentDays, rate: rate(w.currentDays) },
      planner: { activeDays: w.plannerDays, rate: rate(w.plannerDays) },
      ceiling: { activeDays: w.ceilingDays, rate: rate(w.ceilingDays), tight: w.ceilingDays === w.plannerDays },
      split: { ...split, historyFrom, historyTo },
      whatIf: {
        predictedCeiling: { activeDays: w.whatIf.predictedCeiling, rate: rate(w.whatIf.predictedCeiling) },
        confirmed: { activeDays: w.confirmedDays, rate: rate(w.confirmedDays) },
        reachableCeilingDays: w.whatIf.reachableCeiling,
        reachesTarget: w.whatIf.reachesTarget,
        placesAdded: w.whatIf.placesAdded,
        changes: w.whatIf.changes.map((c) => ({
          ...c,
          activityName: w.activities.get(c.activityId)?.name ?? c.activityId,
          staffFree: c.kind === 'OPEN_SLOT' ? free.has(`${c.activityId}|${c.date}|${c.period}`) : null,
        })),
      },
    };
  }

  /** National administrators: every prison whose ceiling is below the target next week (or the given one), by days gained. */
  async nationalOffer(week: IsoWeek, principal: Principal, regionId?: string): Promise<NationalOfferDto> {
    if (!isNationalAdmin(principal)) throw new ForbiddenError('National administrators only');
    const prisons = (await this.repo.prisonsWithRegion()).filter((p) => regionId === undefined || p.regionId === regionId);
    if (regionId !== undefined && prisons.length === 0) throw new NotFoundError('Region', regionId);
    const out: PrisonOfferDto[] = [];
    for (const p of prisons) {
      const w = await this.analysePrison(p.prisonId, week).catch((e: unknown) => {
        if (e instanceof RuleBrokenError) return null; // nothing to plan (no sessions or prisoners)
        throw e;
      });
      if (!w || w.ceilingDays >= w.targetDays) continue;
      const places = placesByHalfDay(w.whatIf.changes);
      out.push({
        prisonId: p.prisonId,
        prisonName: p.prisonName,
        regionId: p.regionId,
        regionName: p.regionName,
        prisonerDays: w.prisonerDays,
        targetDays: w.targetDays,
        ceilingDays: w.ceilingDays,
        predictedCeilingDays: w.whatIf.predictedCeiling,
        confirmedDays: w.confirmedDays,
        daysGained: w.whatIf.predictedCeiling - w.ceilingDays,
        placesAdded: w.whatIf.placesAdded,
        reachesTarget: w.whatIf.reachesTarget,
        placesByKind: byKind(places),
        places,
      });
    }
    out.sort((a, b) => b.daysGained - a.daysGained || a.prisonName.localeCompare(b.prisonName, 'nb'));
    const regions = new Map<string, RegionOfferDto>();
    for (const p of out) {
      const r = regions.get(p.regionId) ?? {
        regionId: p.regionId,
        regionName: p.regionName,
        prisonsShort: 0,
        daysGained: 0,
        placesAdded: 0,
        placesByKind: { WORK: 0, EDUCATION: 0, PROGRAMME: 0 },
      };
      r.prisonsShort++;
      r.daysGained += p.daysGained;
      r.placesAdded += p.placesAdded;
      for (const k of ['WORK', 'EDUCATION', 'PROGRAMME'] as const) r.placesByKind[k] += p.placesByKind[k];
      regions.set(p.regionId, r);
    }
    return {
      week,
      target: this.config.ACTIVITY_TARGET,
      prisons: out,
      regions: [...regions.values()].sort((a, b) => b.daysGained - a.daysGained || a.regionName.localeCompare(b.regionName, 'nb')),
      placesAdded: out.reduce((s, p) => s + p.placesAdded, 0),
      daysGained: out.reduce((s, p) => s + p.daysGained, 0),
      placesByKind: byKind(out.flatMap((p) => p.places)),
    };
  }

  /** The week's input from the database, the planner on it, the what-if, and the planner on the changed week. */
  async analysePrison(prisonId: string, week: IsoWeek): Promise<PrisonWeek> {
    const today = this.clock.today();
    if (week <= isoWeekOf(today)) throw new RuleBrokenError(`Week ${week} is not a coming week (today is ${today})`);
    // One snapshot for the whole input, on TransactionHost, so the builder's reads share it.
    const built = await this.txHost.withTransaction({ isolationLevel: 'REPEATABLE READ' }, () => this.builder.build(prisonId, week, today));
    const input = built.input;
    const t0 = Date.now();
    const plan = await this.engine.plan(input);
    const t1 = Date.now();
    const activities = new Map((await this.repo.activities([...built.activities.keys()])).map((a) => [a.id, a]));
    const prisonerDays = plan.metrics.prisonerDays;
    const target = daysForTarget(prisonerDays, this.config.ACTIVITY_TARGET);
    const whatIf = capacityWhatIf(input, { targetDays: target, activities: [...activities.values()] });
    const t2 = Date.now();
    let confirmedDays = plan.metrics.activeDays;
    let confirmedBoundDays = plan.metrics.upperBound;
    if (whatIf.changes.length > 0) {
      const changed = applyOfferChanges(input, whatIf.changes);
      const confirmed = await this.engine.plan(changed);
      confirmedDays = confirmed.metrics.activeDays;
      confirmedBoundDays = confirmed.metrics.upperBound;
    }
    return {
      input,
      prisonerDays,
      targetDays: target,
      // "Planned now" (the one definition: the week plan's and the drafts'), so that the planner's days, which never
      // count a half-day the prisoner is unavailable, are compared with today's bookings counted the same way.
      currentDays: plannedActiveDays(input, currentPlan(input)),
      plannerDays: plan.metrics.activeDays,
      ceilingDays: plan.metrics.upperBound,
      whatIf,
      confirmedDays,
      confirmedBoundDays,
      activities,
      timings: { planMs: t1 - t0, whatIfMs: t2 - t1, confirmMs: Date.now() - t2 },
    };
  }
}

function byKind(places: ReadonlyArray<{ kind: string; places: number }>): PlacesByKindDto {
  const out = { WORK: 0, EDUCATION: 0, PROGRAMME: 0 };
  for (const p of places) out[p.kind as keyof typeof out] += p.places;
  return out;
}
