import { Get, Param, Query } from '@nestjs/common';
import {
  ActivityRateDto,
  ActivityRateQueryDto,
  DateRangeQueryDto,
  LeastActiveQueryDto,
  RateGroupBy,
  RateScope,
} from '../../activity-rate/dto/activity-rate.dto';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { countedDaysBetween } from '../../calendar/domain/counted-days';
import { addDays, parseIsoDate, toIsoDate } from '../../calendar/domain/oslo-time';
import { Clock } from '../../common/clock';
import { DemoHistoryStatus } from '../../demo-data/demo-history-status';
import { NotFoundError } from '../../common/errors/domain-errors';
import { checkedIsoDate } from '../../common/http/date-window';
import { UuidParam } from '../../common/http/uuid-param';
import { PrisonersService } from '../../prisoners/prisoners.service';
import { ActivityRateService } from '../../activity-rate/activity-rate.service';
import { FactCatchUpService } from '../../activity-rate/fact-catch-up.service';
import { PrisonChoice, PrisonRef } from '../shared/prison-choice';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { WebController } from '../shared/web-guards';
import { dashboardPage, prisonerDaysPage, TrendBy } from './dashboard.page';
import { PathToTargetSections } from './path-to-target.sections';

const MANAGERS = [Role.MANAGER, Role.NATIONAL_ADMIN];

/** The managers' activity-rate dashboard and the drill-down to a prisoner's days. */
@WebController('dashboard')
export class DashboardController {
  constructor(
    private readonly rates: ActivityRateService,
    private readonly prisoners: PrisonersService,
    private readonly prisonChoice: PrisonChoice,
    private readonly clock: Clock,
    private readonly demoHistory: DemoHistoryStatus,
    private readonly pathToTarget: PathToTargetSections,
    private readonly facts: FactCatchUpService,
  ) {}

  @Get()
  @Allow(...MANAGERS)
  @Audited({ action: 'web.dashboard.read', subjectType: 'prison' })
  async dashboard(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const by: TrendBy = queryString(q, 'by') === 'week' ? 'week' : 'month';
    const { from, to } = this.range(queryString(q, 'from'), queryString(q, 'to'), by);
    const prisons = await this.prisonChoice.visible(principal);
    const requested = queryString(q, 'prisonId');
    // Default: a manager's own prison; national administrators (and managers of no prison) the nation.
    const prison: PrisonRef | undefined = requested
      ? (await this.prisonChoice.choose(principal, requested)).prison
      : principal.roles.includes(Role.NATIONAL_ADMIN)
        ? undefined
        : prisons[0];
    const rate = (scope: RateScope, groupBy: RateGroupBy, id?: string): Promise<ActivityRateDto> =>
      this.rates.rate(Object.assign(new ActivityRateQueryDto(), { scope, id, from, to, groupBy }), principal);
    const scope = prison ? RateScope.PRISON : RateScope.NATIONAL;
    const trendBy = by === 'week' ? RateGroupBy.WEEK : RateGroupBy.MONTH;
    const trend = await rate(scope, trendBy, prison?.id);
    const national = prison ? await rate(RateScope.NATIONAL, trendBy) : trend;
    const byKind = await rate(scope, RateGroupBy.KIND, prison?.id);
    const history = await this.demoHistory.current();
    const historyLoadingPercent = history && !history.finished ? history.percent : undefined;
    const facts = principal.roles.includes(Role.NATIONAL_ADMIN) ? await this.factsFreshness() : undefined;
    const view = {
      scopeName: prison?.name ?? ctx.t('dash.national'),
      prison,
      prisons,
      // The nation as a choice only where choosing it shows it: a manager's empty choice means their own prison.
      nationalAllowed: principal.roles.includes(Role.NATIONAL_ADMIN) || prisons.length === 0,
      from,
      to,
      by,
      trend,
      national,
      byKind,
      historyLoadingPercent,
      facts,
      registersDays: await this.registersDays(prison?.id, from, to, principal),
    };
    if (prison) {
      const byUnit = await rate(RateScope.PRISON, RateGroupBy.UNIT, prison.id);
      const leastActive = await this.rates.leastActive(
        prison.id,
        Object.assign(new LeastActiveQueryDto(), { from, to, limit: 20 }),
        principal,
      );
      const path = await this.pathToTarget.forPrison(ctx, principal, prison.id);
      return dashboardPage(ctx, { ...view, byUnit, leastActive, path });
    }
    const byRegion = await rate(RateScope.NATIONAL, RateGroupBy.REGION);
    const byPrison = await rate(RateScope.NATIONAL, RateGroupBy.PRISON);
    const path = await this.pathToTarget.forNation(principal, queryString(q, 'offer') === '1', { from, to, by });
    return dashboardPage(ctx, { ...view, byRegion, byPrison, path });
  }

  @Get('prisoners/:id')
  @Allow(...MANAGERS)
  @Audited({ action: 'web.prisoner.days.read', subjectType: 'prisoner', subjectIsPrisoner: true })
  async prisonerDays(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() q: Record<string, unknown>,
  ): Promise<string> {
    const { from, to } = this.range(queryString(q, 'from'), queryString(q, 'to'), 'month');
    const days = await this.rates.daysOf(id, Object.assign(new DateRangeQueryDto(), { from, to }), principal);
    const prisoner = await this.prisoners.get(id, principal).catch((e: unknown) => {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    });
    return prisonerDaysPage(ctx, prisoner ? `${prisoner.lastName}, ${prisoner.firstName} (${prisoner.prisonerNumber})` : id, days);
  }

  /** The range asked for, else up to yesterday: the last 12 months (by month) or 26 weeks (by week). */
  private async factsFreshness(): Promise<{ lastCompleteDay: string | null; daysBehind: number }> {
    const lastCompleteDay = await this.facts.lastCompleteDay();
    const yesterday = addDays(this.clock.today(), -1);
    const daysBehind =
      lastCompleteDay === null ? 0 : Math.max(0, Math.round(parseIsoDate(yesterday).diff(parseIsoDate(lastCompleteDay), 'days').days));
    return { lastCompleteDay, daysBehind };
  }

  /**
   * Where "attendance registers" lead for each reason: the latest day of the period up to yesterday on which
   * the prison lost days as absent (or as not recorded) — the register to look at —, else the latest counted
   * day of the period (a weekday that is not a public holiday — the only days those reasons occur on), so a
   * period ending on a Sunday never opens an empty Sunday.
   */
  private async registersDays(
    prisonId: string | undefined,
    from: string,
    to: string,
    principal: Principal,
  ): Promise<Record<'ABSENT' | 'NOT_RECORDED', string>> {
    const yesterday = addDays(this.clock.today(), -1);
    const end = to < yesterday ? to : yesterday;
    const fallback = countedDaysBetween(from, end).pop() ?? end;
    const latest = prisonId && from <= end ? await this.rates.latestAttendanceLosses(prisonId, from, end, principal) : undefined;
    return { ABSENT: latest?.absent ?? fallback, NOT_RECORDED: latest?.notRecorded ?? fallback };
  }

  private range(fromParam: string | undefined, toParam: string | undefined, by: TrendBy): { from: string; to: string } {
    if (fromParam !== undefined) checkedIsoDate(fromParam, 'from');
    if (toParam !== undefined) checkedIsoDate(toParam, 'to');
    const to = toParam ?? addDays(this.clock.today(), -1);
    const end = parseIsoDate(to);
    const from =
      fromParam ??
      (by === 'week' ? toIsoDate(end.minus({ weeks: 25 }).startOf('week')) : toIsoDate(end.minus({ months: 11 }).startOf('month')));
    return { from, to };
  }
}
