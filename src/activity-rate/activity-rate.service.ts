import { Injectable } from '@nestjs/common';
import { canSeePrison, hasRole, Principal, prisonScope } from '../auth/principal';
import { Role } from '../auth/roles';
import { addDays, IsoDate, parseIsoDate, toIsoDate } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { ReadVersionRepository } from '../read-version/read-version.repository';
import { VersionedCache } from '../read-version/versioned-cache';
import { ActivityRateRepository, KeyedRateRow, RateFilter } from './activity-rate.repository';
import { PrisonerDaysService } from './prisoner-days.service';
import { gapDays, targetBand } from '../path-to-target/domain/gap';
import { aggregateRate, InactiveReasonCode, RateRow } from './domain/prisoner-day';
import {
  ActivityRateDto,
  ActivityRateQueryDto,
  DateRangeQueryDto,
  RebuildPrisonerDaysDto,
  RebuildResultDto,
  LeastActiveDto,
  LeastActiveQueryDto,
  PrisonerDayDto,
  PrisonerDaysDto,
  RateFiguresDto,
  RateScope,
} from './dto/activity-rate.dto';

const MAX_RANGE_YEARS = 5;
const RATE_CACHE_ENTRIES = 500;

/** The activity rate for a scope and range, and the managers' drill-down to prisoners and days. */
@Injectable()
export class ActivityRateService {
  // Figures by scope, range and grouping: a national year by kind reads ~1M prisoner-days, the same for every caller.
  private readonly rateRows = new VersionedCache<KeyedRateRow[]>(RATE_CACHE_ENTRIES);

  constructor(
    private readonly versions: ReadVersionRepository,
    private readonly repo: ActivityRateRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly prisonerDays: PrisonerDaysService,
  ) {}

  /** Recomputes prisoner-days for a range (national, or the prisoners of one prison), month by month. */
  async rebuild(dto: RebuildPrisonerDaysDto): Promise<RebuildResultDto> {
    const { from, to } = this.range(dto);
    if (dto.prisonId !== undefined && !(await this.repo.prison(dto.prisonId))) throw new NotFoundError('Prison', dto.prisonId);
    return this.prisonerDays.rebuild({ from, to, prisonIds: dto.prisonId === undefined ? undefined : [dto.prisonId] });
  }

  async rate(q: ActivityRateQueryDto, principal: Principal): Promise<ActivityRateDto> {
    const { from, to } = this.range(q);
    // Without a scope: the nation for managers and administrators, their own prison for officers.
    const scope = q.scope ?? (hasRole(principal, Role.MANAGER, Role.NATIONAL_ADMIN) ? RateScope.NATIONAL : RateScope.PRISON);
    // A prison scope without an id means the one prison the user serves, if there is exactly one.
    const id = q.id ?? (scope === RateScope.PRISON && principal.prisonIds.length === 1 ? principal.prisonIds[0] : undefined);
    const { filter, name } = await this.resolveScope(scope, id, principal, from, to);
    // Cached by the rate's read version (read first), which moves with every committed refresh of prisoner-days.
    const version = await this.versions.current('activity-rate');
    const rows = await this.rateRows.get(JSON.stringify([filter, q.groupBy ?? null]), version, () =>
      this.repo.rateGroups(filter, q.groupBy ?? null),
    );
    return {
      scope,
      id: id ?? null,
      name,
      from,
      to,
      groupBy: q.groupBy ?? null,
      total: this.figures(rows),
      groups: q.groupBy ? rows.map((r) => ({ key: r.key, label: r.label, ...this.figures([r]) })) : [],
    };
  }

  /**
   * The latest day from `from` to `to` on which the prison lost days as absent, and as not recorded: where the
   * dashboard's "attendance registers" lead for each reason (null when the range has none).
   */
  async latestAttendanceLosses(prisonId: string, from: string, to: string, principal: Principal) {
    if (!canSeePrison(principal, prisonId)) throw new NotFoundError('Prison', prisonId);
    return this.repo.latestAttendanceLosses(prisonId, from, to);
  }

  async leastActive(prisonId: string, q: LeastActiveQueryDto, principal: Principal): Promise<LeastActiveDto> {
    const { from, to } = this.range(q);
    if (!canSeePrison(principal, prisonId) || !(await this.repo.prison(prisonId))) throw new NotFoundError('Prison', prisonId);
    const rows = await this.repo.leastActive(prisonId, from, to, q.limit ?? 20);
    return {
      prisonId,
      from,
      to,
      prisoners: rows.map((r) => {
        const f = this.figures([r]);
        return {
          prisonerId: r.prisonerId,
          prisonerNumber: r.prisonerNumber,
          firstName: r.firstName,
          lastName: r.lastName,
          unitId: r.unitId,
          unitName: r.unitName,
          prisonerDays: f.prisonerDays,
          plannedActiveDays: f.plannedActiveDays,
          realisedActiveDays: f.realisedActiveDays,
          realisedRate: f.realisedRate ?? 0,
          nonActiveByReason: f.nonActiveByReason,
        };
      }),
    };
  }

  async daysOf(prisonerId: string, q: DateRangeQueryDto, principal: Principal): Promise<PrisonerDaysDto> {
    const { from, to } = this.range(q);
    const visible = prisonScope(principal);
    if (!(await this.repo.prisonerHeldAt(prisonerId, visible))) throw new NotFoundError('Prisoner', prisonerId);
    const days = (await this.repo.prisonerDays(prisonerId, from, to, visible)) as PrisonerDayDto[];
    const row: RateRow = { prisonerDays: days.length, plannedActiveDays: 0, realisedActiveDays: 0, reasons: {} };
    for (const d of days) {
      if (d.plannedActive) row.plannedActiveDays++;
      if (d.realisedActive) row.realisedActiveDays++;
      if (d.reason) row.reasons[d.reason] = (row.reasons[d.reason] ?? 0) + 1;
    }
    return { prisonerId, from, to, total: this.figures([row]), days };
  }

  /** The requested range, defaulted (the year up to yesterday) and checked: from ≤ to, at most five years. */
  range(q: { from?: string; to?: string }): { from: IsoDate; to: IsoDate } {
    const to = q.to ?? addDays(this.clock.today(), -1);
    const from = q.from ?? toIsoDate(parseIsoDate(to).minus({ years: 1 }).plus({ days: 1 }));
    if (from > to) throw new InvalidInputError(`from (${from}) must not be after to (${to})`);
    if (from < toIsoDate(parseIsoDate(to).minus({ years: MAX_RANGE_YEARS })))
      throw new InvalidInputError(`The range may be at most ${MAX_RANGE_YEARS} years`);
    return { from, to };
  }

  // Aggregated figures are not personal data: managers and national administrators may see any scope;
  // officers only their own prisons (another prison's id answers 404, as if it did not exist).
  private async resolveScope(
    scope: RateScope,
    id: string | undefined,
    principal: Principal,
    from: IsoDate,
    to: IsoDate,
  ): Promise<{ filter: RateFilter; name: string }> {
    const anyScope = hasRole(principal, Role.MANAGER, Role.NATIONAL_ADMIN);
    if (scope === RateScope.NATIONAL) {
      if (id !== undefined) throw new InvalidInputError('id must not be given with scope=national');
      if (!anyScope) throw new ForbiddenError('Officers see the activity rate of their own prison');
      return { filter: { from, to }, name: 'Norway' };
    }
    if (id === undefined) throw new InvalidInputError(`id is required with scope=${scope}`);
    if (scope === RateScope.REGION) {
      const name = await this.repo.regionName(id);
      if (name === null) throw new NotFoundError('Region', id);
      if (!anyScope) throw new ForbiddenError('Officers see the activity rate of their own prison');
      return { filter: { from, to, regionId: id }, name };
    }
    if (scope === RateScope.PRISON) {
      const prison = await this.repo.prison(id);
      if (!prison || (!anyScope && !canSeePrison(principal, id))) throw new NotFoundError('Prison', id);
      return { filter: { from, to, prisonId: id }, name: prison.name };
    }
    const unit = await this.repo.unit(id);
    if (!unit || (!anyScope && !canSeePrison(principal, unit.prisonId))) throw new NotFoundError('Unit', id);
    return { filter: { from, to, unitId: id }, name: unit.name };
  }

  /** Sums of numerators over sums of denominators (never a mean of percentages), with the target. */
  private figures(rows: readonly RateRow[]): RateFiguresDto {
    const s = aggregateRate(rows);
    const target = this.config.ACTIVITY_TARGET;
    return {
      prisonerDays: s.prisonerDays,
      plannedActiveDays: s.plannedActiveDays,
      realisedActiveDays: s.realisedActiveDays,
      plannedRate: s.plannedRate,
      realisedRate: s.realisedRate,
      target,
      gapToTarget: s.realisedRate === null ? null : target - s.realisedRate,
      gapDays: gapDays(s.prisonerDays, s.realisedActiveDays, target),
      plannedGapDays: gapDays(s.prisonerDays, s.plannedActiveDays, target),
      band: targetBand(s.realisedRate, target),
      nonActiveByReason: s.reasons as Record<InactiveReasonCode, number>,
    };
  }
}
