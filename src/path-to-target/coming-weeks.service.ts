import { Injectable } from '@nestjs/common';
import { hasRole, Principal } from '../auth/principal';
import { Role } from '../auth/roles';
import { countedDaysBetween } from '../calendar/domain/counted-days';
import { isoWeekOf, parseIsoWeek } from '../calendar/domain/iso-week';
import { addDays } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { gapDays, targetBand } from './domain/gap';
import { ComingWeeksDto, ComingWeeksQueryDto, ComingWeeksScope, PlannedWeekDto } from './dto/path-to-target.dto';
import { PathToTargetRepository, PlannedWeekRow } from './path-to-target.repository';

const DEFAULT_WEEKS = 6;

/** The ISO weeks after the current one. */
export function comingWeeks(today: string, count: number): string[] {
  const { monday } = parseIsoWeek(isoWeekOf(today));
  return Array.from({ length: count }, (_, i) => isoWeekOf(addDays(monday, 7 * (i + 1))));
}

/** The planned rate of the coming ISO weeks for the nation, a region or a prison (issue 16, part 2). */
@Injectable()
export class ComingWeeksService {
  constructor(
    private readonly repo: PathToTargetRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async comingWeeks(q: ComingWeeksQueryDto, principal: Principal): Promise<ComingWeeksDto> {
    const scope = q.scope ?? ComingWeeksScope.NATIONAL;
    if (scope === ComingWeeksScope.NATIONAL && q.id !== undefined) throw new InvalidInputError('id must not be given with scope=national');
    if (scope !== ComingWeeksScope.NATIONAL && q.id === undefined) throw new InvalidInputError(`id is required with scope=${scope}`);
    // Aggregated figures, like GET /activity-rate: managers and national administrators for any scope.
    if (!hasRole(principal, Role.MANAGER, Role.NATIONAL_ADMIN)) throw new ForbiddenError('Managers and national administrators only');
    const prisons = await this.repo.prisonsWithRegion();
    let name = 'Norway';
    let inScope = prisons;
    if (scope === ComingWeeksScope.REGION) {
      inScope = prisons.filter((p) => p.regionId === q.id);
      if (inScope.length === 0) throw new NotFoundError('Region', q.id);
      name = inScope[0].regionName;
    } else if (scope === ComingWeeksScope.PRISON) {
      inScope = prisons.filter((p) => p.prisonId === q.id);
      if (inScope.length === 0) throw new NotFoundError('Prison', q.id);
      name = inScope[0].prisonName;
    }
    const weeks = comingWeeks(this.clock.today(), q.weeks ?? DEFAULT_WEEKS);
    const days = countedDaysBetween(parseIsoWeek(weeks[0]).monday, parseIsoWeek(weeks[weeks.length - 1]).sunday);
    const rows = await this.repo.plannedDaysByPrisonAndWeek(
      days,
      scope === ComingWeeksScope.NATIONAL ? null : inScope.map((p) => p.prisonId),
    );
    const target = this.config.ACTIVITY_TARGET;
    const total = this.byWeek(weeks, rows, target);
    const groupOf =
      scope === ComingWeeksScope.NATIONAL
        ? new Map(prisons.map((p) => [p.prisonId, { key: p.regionId, label: p.regionName }]))
        : scope === ComingWeeksScope.REGION
          ? new Map(inScope.map((p) => [p.prisonId, { key: p.prisonId, label: p.prisonName }]))
          : new Map<string, { key: string; label: string }>();
    const groups = new Map<string, { key: string; label: string; rows: PlannedWeekRow[] }>();
    for (const p of scope === ComingWeeksScope.PRISON ? [] : inScope) {
      const g = groupOf.get(p.prisonId)!;
      if (!groups.has(g.key)) groups.set(g.key, { ...g, rows: [] });
    }
    for (const r of rows) {
      const g = groupOf.get(r.prisonId);
      if (g) groups.get(g.key)?.rows.push(r);
    }
    return {
      scope,
      id: q.id ?? null,
      name,
      target,
      weeks: total,
      groups: [...groups.values()]
        .sort((a, b) => a.label.localeCompare(b.label, 'nb'))
        .map((g) => ({ key: g.key, label: g.label, weeks: this.byWeek(weeks, g.rows, target) })),
    };
  }

  private byWeek(weeks: readonly string[], rows: readonly PlannedWeekRow[], target: number): PlannedWeekDto[] {
    return weeks.map((week) => {
      let prisonerDays = 0;
      let planned = 0;
      for (const r of rows)
        if (r.week === week) {
          prisonerDays += r.prisonerDays;
          planned += r.plannedActiveDays;
        }
      const plannedRate = prisonerDays > 0 ? planned / prisonerDays : null;
      return {
        week,
        prisonerDays,
        plannedActiveDays: planned,
        plannedRate,
        gapDays: gapDays(prisonerDays, planned, target),
        band: targetBand(plannedRate, target),
      };
    });
  }
}
