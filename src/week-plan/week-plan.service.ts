import { Injectable } from '@nestjs/common';
import { canSeePrison, Principal, prisonScope } from '../auth/principal';
import { isCountedDay } from '../calendar/domain/counted-days';
import { IsoWeek, parseIsoWeek } from '../calendar/domain/iso-week';
import { publicHolidayOn } from '../calendar/domain/norwegian-holidays';
import { eachDate, IsoDate, parseIsoDate } from '../calendar/domain/oslo-time';
import { NotFoundError } from '../common/errors/domain-errors';
import { englishRule } from '../common/messages/english-rule';
import { RuleCode, RuleMessage, ruleMessage } from '../common/messages/rule-message';
import { Unavailability, unavailableDuring } from '../allocations/domain/suitability';
import { PrisonersService } from '../prisoners/prisoners.service';
import {
  ClashDto,
  ClashKind,
  NoActivityDayDto,
  NoActivityListDto,
  NoActivityReason,
  PlanActivityDto,
  PlanDayDto,
  PlanSessionDto,
  PrisonerWeekDto,
  WeekPlanDto,
} from './dto/week-plan.dto';
import { NoActivityRow, PlanSessionRow, UnavailabilityRow, WeekPlanRepository } from './week-plan.repository';
import { halfDayKey, plannedDates } from '../planning/domain/planned-now';
import { halfDaySpans, unavailableHalfDays } from '../planning/domain/week-input';
import type { HalfDayPeriod } from '../planning/engine';
import { groupBy } from '../common/collections/group-by';
import { VersionedCache } from '../read-version/versioned-cache';

/** A prison's plan version, read before the plan (see VersionedCache). */
export interface PlanVersion {
  prisonId: string;
  version: string | null;
  etag: string | null;
}

// Oslo's plan is ~440 KB of JSON: a few dozen prison-weeks are plenty for the weeks officers look at.
const PLAN_CACHE_ENTRIES = 48;

/** The officers' week views: the planner grid, a prisoner's timetable and the no-activity to-do list. */
@Injectable()
export class WeekPlanService {
  private readonly planJson = new VersionedCache<string>(PLAN_CACHE_ENTRIES);

  constructor(
    private readonly repo: WeekPlanRepository,
    private readonly prisoners: PrisonersService,
  ) {}

  async weekPlan(prisonId: string, week: IsoWeek, principal: Principal): Promise<WeekPlanDto> {
    await this.assertPrison(prisonId, principal);
    return this.buildWeekPlan(prisonId, week);
  }

  /**
   * The API's week plan in two steps. First the plan's version for the prison (access checked): its ETag
   * changes at every committed write to the plan's tables, in any process, so a client holding it needs
   * nothing computed. Then the JSON text, from a cache keyed by that version: a repeated read costs one
   * small query and no serialisation.
   */
  async planVersion(prisonId: string, principal: Principal): Promise<PlanVersion> {
    const { exists, version } = canSeePrison(principal, prisonId)
      ? await this.repo.prisonAndPlanVersion(prisonId)
      : { exists: false, version: null };
    if (!exists) throw new NotFoundError('Prison', prisonId);
    return { prisonId, version, etag: version === null ? null : `W/"wp-${version}"` };
  }

  weekPlanJson(week: IsoWeek, v: PlanVersion): Promise<string> {
    return this.planJson.get(`${v.prisonId}|${week}`, v.version, async () => JSON.stringify(await this.buildWeekPlan(v.prisonId, week)));
  }

  private async buildWeekPlan(prisonId: string, week: IsoWeek): Promise<WeekPlanDto> {
    const { monday, sunday } = parseIsoWeek(week);
    const [sessions, bookings] = [
      await this.repo.findSessions(prisonId, monday, sunday),
      await this.repo.findBookings(prisonId, monday, sunday),
    ];
    const prisonerIds = [...new Set(bookings.map((b) => b.prisonerId))];
    const [unavailability, pairs] = [
      await this.repo.findUnavailability(prisonerIds, monday, sunday),
      await this.repo.findNonAssociatedPairs(prisonerIds, monday, sunday),
    ];
    const unavailableOf = groupBy(unavailability, (u) => u.prisonerId);
    const apart = new Map<string, Array<{ other: string; fromDate: IsoDate; toDate: IsoDate | null }>>();
    for (const p of pairs) {
      (apart.get(p.a) ?? apart.set(p.a, []).get(p.a)!).push({ other: p.b, fromDate: p.fromDate, toDate: p.toDate });
      (apart.get(p.b) ?? apart.set(p.b, []).get(p.b)!).push({ other: p.a, fromDate: p.fromDate, toDate: p.toDate });
    }
    const bookingsOf = groupBy(bookings, (b) => b.sessionId);
    const names = new Map(bookings.map((b) => [b.prisonerId, b.name]));

    const activities = new Map<string, PlanActivityDto>();
    let clashCount = 0;
    for (const s of sessions) {
      const onSession = bookingsOf.get(s.sessionId) ?? [];
      const here = new Set(onSession.map((b) => b.prisonerId));
      const prisoners = onSession.map((b) => {
        const clashes: ClashDto[] = [];
        for (const u of unavailableOf.get(b.prisonerId) ?? []) {
          if (unavailableDuring(toUnavailability(u), s)) clashes.push(clash(ClashKind.UNAVAILABLE, describeUnavailability(u)));
        }
        for (const n of apart.get(b.prisonerId) ?? []) {
          if (here.has(n.other) && n.fromDate <= s.date && (n.toDate === null || n.toDate >= s.date)) {
            clashes.push(clash(ClashKind.NON_ASSOCIATION, ruleMessage(RuleCode.CLASH_KEPT_APART, { name: names.get(n.other) ?? '' })));
          }
        }
        clashCount += clashes.length;
        return { prisonerId: b.prisonerId, name: b.name, prisonerNumber: b.prisonerNumber, unitName: b.unitName, clashes };
      });
      const activity =
        activities.get(s.activityId) ??
        activities
          .set(s.activityId, { activityId: s.activityId, name: s.activityName, kind: s.kind, location: s.location, sessions: [] })
          .get(s.activityId)!;
      activity.sessions.push(toPlanSession(s, prisoners));
    }
    const all = [...activities.values()].flatMap((a) => a.sessions);
    const running = all.filter((s) => s.cancelled === null);
    return {
      prisonId,
      week,
      days: daysOf(monday, sunday),
      activities: [...activities.values()],
      totals: {
        sessions: all.length,
        cancelledSessions: all.length - running.length,
        places: running.reduce((n, s) => n + s.capacity, 0),
        allocated: running.reduce((n, s) => n + s.allocated, 0),
        clashes: clashCount,
      },
    };
  }

  /**
   * Prisoner-days of the week (counted days, held at the prison) that are not "planned now" (plannedDates,
   * the one definition the automatic planner uses too): not booked at all, unavailable all day or in every
   * half-day booked, or booked only on cancelled sessions. Covers every counted day of the week.
   */
  async noActivity(prisonId: string, week: IsoWeek, principal: Principal): Promise<NoActivityListDto> {
    const { countedDays, rows, away, planned } = await this.plannedNow(prisonId, week, principal);
    const days: NoActivityDayDto[] = [];
    for (const r of rows) {
      if (planned(r)) continue;
      const base = { date: r.date, prisonerId: r.prisonerId, name: r.name, prisonerNumber: r.prisonerNumber, unitName: r.unitName };
      // Booked on running sessions, yet not planned: unavailable in each of those half-days.
      const kinds = r.wholeDayUnavailability?.split(', ') ?? (r.bookedRunning > 0 ? away.kindsOn(r.prisonerId, r.date) : null);
      if (kinds)
        days.push({
          ...base,
          reason: NoActivityReason.UNAVAILABLE,
          ...explained(ruleMessage(RuleCode.NO_ACTIVITY_UNAVAILABLE, { kinds })),
        });
      else if (r.booked > 0)
        days.push({ ...base, reason: NoActivityReason.CANCELLED, ...explained(ruleMessage(RuleCode.NO_ACTIVITY_CANCELLED)) });
      else days.push({ ...base, reason: NoActivityReason.NO_ALLOCATION, ...explained(ruleMessage(RuleCode.NO_ACTIVITY_NONE)) });
    }
    return { prisonId, week, countedDays, prisonerDays: rows.length, plannedDays: rows.length - days.length, days };
  }

  /**
   * Days "planned now" this week per prisoner held at the prison (the same rule as noActivity; prisoners
   * with none are not in the map): the planner's candidate lists rank by it.
   */
  async plannedDaysByPrisoner(prisonId: string, week: IsoWeek, principal: Principal): Promise<Map<string, number>> {
    const { rows, planned } = await this.plannedNow(prisonId, week, principal);
    const out = new Map<string, number>();
    for (const r of rows) if (planned(r)) out.set(r.prisonerId, (out.get(r.prisonerId) ?? 0) + 1);
    return out;
  }

  /** The week's prisoner-days (counted days, held at the prison) and, for each, whether it is planned now (plannedDates). */
  private async plannedNow(prisonId: string, week: IsoWeek, principal: Principal) {
    await this.assertPrison(prisonId, principal);
    const { monday, sunday } = parseIsoWeek(week);
    const countedDays = eachDate(monday, sunday).filter((d) => isCountedDay(d));
    const rows = countedDays.length === 0 ? [] : await this.repo.findPrisonerDays(prisonId, countedDays);
    const away = await this.unavailableHalfDaysOf(prisonId, rows, monday, sunday);
    const planned = (r: NoActivityRow): boolean =>
      plannedDates(
        r.halfDays.map((h) => ({ date: r.date, period: h.period, running: h.running })),
        away.keys.get(r.prisonerId) ?? new Set(),
      ).has(r.date);
    return { countedDays, rows, away, planned };
  }

  /** Each booked prisoner's unavailable half-days of the week (the planner's rule: unavailableHalfDays), and the kinds on a day. */
  private async unavailableHalfDaysOf(prisonId: string, rows: readonly NoActivityRow[], monday: IsoDate, sunday: IsoDate) {
    const booked = [...new Set(rows.filter((r) => r.bookedRunning > 0).map((r) => r.prisonerId))];
    const unavailability = await this.repo.findUnavailability(booked, monday, sunday);
    const keys = new Map<string, Set<string>>();
    const byPrisoner = groupBy(unavailability, (u) => u.prisonerId);
    if (unavailability.length > 0) {
      const regime = await this.repo.findRegime(prisonId);
      const sessions = await this.repo.findSessions(prisonId, monday, sunday);
      const span = halfDaySpans(
        regime!,
        sessions.map((x) => ({ date: x.date, period: x.period as HalfDayPeriod, startTime: x.startTime, endTime: x.endTime })),
      );
      const daysOf = groupBy(rows, (r) => r.prisonerId);
      for (const [prisonerId, list] of byPrisoner) {
        const custodyDays = (daysOf.get(prisonerId) ?? []).map((r) => r.date);
        const halfDays = unavailableHalfDays(
          list.map((u) => ({ ...u, period: u.period as HalfDayPeriod | null })),
          custodyDays,
          span,
        );
        keys.set(prisonerId, new Set(halfDays.map(halfDayKey)));
      }
    }
    const kindsOn = (prisonerId: string, date: IsoDate): string[] => [
      ...new Set((byPrisoner.get(prisonerId) ?? []).filter((u) => u.fromDate <= date && u.toDate >= date).map((u) => u.kind)),
    ];
    return { keys, kindsOn };
  }

  /** A prisoner's week at the caller's prisons: sessions booked, unavailability, and whether held each day. */
  async prisonerWeek(prisonerId: string, week: IsoWeek, principal: Principal): Promise<PrisonerWeekDto> {
    await this.prisoners.assertVisible(prisonerId, principal);
    const { monday, sunday } = parseIsoWeek(week);
    const scope = prisonScope(principal);
    const stays = (await this.repo.findPrisonsHolding(prisonerId, monday, sunday)).filter((s) => canSeePrison(principal, s.prisonId));
    const sessions = await this.repo.findPrisonerSessions(prisonerId, scope, monday, sunday);
    const unavailability = await this.repo.findUnavailability([prisonerId], monday, sunday);
    return {
      prisonerId,
      week,
      days: daysOf(monday, sunday).map((d) => ({
        ...d,
        inCustody: stays.some((s) => s.fromDate <= d.date && (s.toDate === null || s.toDate > d.date)),
        sessions: sessions
          .filter((s) => s.date === d.date)
          .map((s) => ({
            period: s.period,
            sessionId: s.sessionId,
            activityId: s.activityId,
            activityName: s.activityName,
            location: s.location,
            startTime: s.startTime,
            endTime: s.endTime,
            cancelled: s.cancellationReason ? { reason: s.cancellationReason, note: s.cancellationNote } : null,
          })),
        unavailability: unavailability
          .filter((u) => u.fromDate <= d.date && u.toDate >= d.date)
          .map((u) => ({ kind: u.kind, period: u.period, startTime: u.startTime, endTime: u.endTime, note: u.note })),
      })),
    };
  }

  private async assertPrison(prisonId: string, principal: Principal): Promise<void> {
    if (!canSeePrison(principal, prisonId) || !(await this.repo.prisonExists(prisonId))) throw new NotFoundError('Prison', prisonId);
  }
}

function daysOf(from: IsoDate, to: IsoDate): PlanDayDto[] {
  return eachDate(from, to).map((date) => {
    const holiday = publicHolidayOn(date);
    return { date, weekday: parseIsoDate(date).weekday, counted: isCountedDay(date), ...(holiday ? { holiday: holiday.name } : {}) };
  });
}

function toPlanSession(s: PlanSessionRow, prisoners: PlanSessionDto['prisoners']): PlanSessionDto {
  return {
    sessionId: s.sessionId,
    date: s.date,
    period: s.period,
    startTime: s.startTime,
    endTime: s.endTime,
    capacity: s.capacity,
    allocated: s.booked,
    free: s.capacity - s.booked,
    staff: s.staffId ? { id: s.staffId, name: s.staffName ?? '' } : null,
    cancelled: s.cancellationReason ? { reason: s.cancellationReason, note: s.cancellationNote } : null,
    prisoners,
  };
}

function toUnavailability(u: UnavailabilityRow): Unavailability {
  return {
    date: u.fromDate,
    endDate: u.toDate,
    period: u.period,
    startTime: u.startTime,
    endTime: u.endTime,
    reason: u.kind,
    description: u.note || null,
  };
}

function describeUnavailability(u: UnavailabilityRow): RuleMessage {
  const when = u.startTime ? `${u.startTime}–${u.endTime}` : u.period ? u.period : 'ALL_DAY';
  return u.note
    ? ruleMessage(RuleCode.CLASH_UNAVAILABLE_NOTE, { kind: u.kind, when, note: u.note })
    : ruleMessage(RuleCode.CLASH_UNAVAILABLE, { kind: u.kind, when });
}

/** A code with its parameters and, for the API, the English built from them. */
function explained(m: RuleMessage): { rule: RuleCode; params: RuleMessage['params']; detail: string } {
  return { rule: m.rule, params: m.params, detail: englishRule(m) };
}

function clash(kind: ClashKind, m: RuleMessage): ClashDto {
  return { kind, ...explained(m) };
}
