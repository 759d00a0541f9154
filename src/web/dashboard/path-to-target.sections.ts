import { Injectable } from '@nestjs/common';
import { isNationalAdmin, Principal } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { RuleBrokenError } from '../../common/errors/domain-errors';
import { comingWeeks, ComingWeeksService } from '../../path-to-target/coming-weeks.service';
import { ComingWeeksQueryDto, ComingWeeksScope } from '../../path-to-target/dto/path-to-target.dto';
import { PathToTargetService } from '../../path-to-target/path-to-target.service';
import type { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';
import type { PathToTargetView } from './path-to-target.section';

/** Reads the dashboards' path-to-target parts through the same services (and scoping) as the API. */
@Injectable()
export class PathToTargetSections {
  constructor(
    private readonly weeks: ComingWeeksService,
    private readonly path: PathToTargetService,
    private readonly clock: Clock,
  ) {}

  private nextWeek(): string {
    return comingWeeks(this.clock.today(), 1)[0];
  }

  async forPrison(ctx: WebContext, principal: Principal, prisonId: string): Promise<PathToTargetView> {
    const week = this.nextWeek();
    const cw = await this.weeks.comingWeeks(
      Object.assign(new ComingWeeksQueryDto(), { scope: ComingWeeksScope.PRISON, id: prisonId }),
      principal,
    );
    // Nothing to plan next week (no prisoners or sessions) is a message on the page, not an error page.
    const analysis = await this.path.weekAnalysis(prisonId, week, principal).catch((e: unknown) => {
      if (e instanceof RuleBrokenError) return { week, error: ctx.t('dash.noData') };
      throw e;
    });
    return { comingWeeks: cw, analysis, offerWeek: week, offerAllowed: false, offerUrl: '' };
  }

  async forNation(principal: Principal, computeOffer: boolean, range: { from: string; to: string; by: string }): Promise<PathToTargetView> {
    const week = this.nextWeek();
    const cw = await this.weeks.comingWeeks(Object.assign(new ComingWeeksQueryDto(), { scope: ComingWeeksScope.NATIONAL }), principal);
    const offerAllowed = isNationalAdmin(principal);
    // The offer shortfall plans every prison twice: computed when asked for, not on every visit.
    const offer = offerAllowed && computeOffer ? await this.path.nationalOffer(week, principal) : undefined;
    const offerUrl = `${WEB_PREFIX}/dashboard?from=${range.from}&to=${range.to}&by=${range.by}&offer=1#offer`;
    return { comingWeeks: cw, offer, offerWeek: week, offerAllowed, offerUrl };
  }
}
