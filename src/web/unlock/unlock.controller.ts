import { Get, Query } from '@nestjs/common';
import { DayPeriod } from '../../activities/activity.enums';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { Clock } from '../../common/clock';
import { checkedIsoDate } from '../../common/http/date-window';
import { UnlockListService } from '../../unlock-list/unlock-list.service';
import { PrisonChoice } from '../shared/prison-choice';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { WebController } from '../shared/web-guards';
import { unlockPage } from './unlock.page';

/** The unlock list for the officers who unlock the cells: the same roles and prison scoping as the planner's print view. */
@WebController('unlock')
export class UnlockPagesController {
  constructor(
    private readonly unlock: UnlockListService,
    private readonly prisonChoice: PrisonChoice,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow(Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'web.unlock-list.read', subjectType: 'prison' })
  async list(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const askedDate = queryString(q, 'date');
    if (askedDate !== undefined) checkedIsoDate(askedDate);
    const asked = queryString(q, 'period');
    const askedPeriod = asked === DayPeriod.AM || asked === DayPeriod.PM ? asked : undefined;
    const { prison, prisons } = await this.prisonChoice.choose(principal, queryString(q, 'prisonId'));
    // Without a choice: the next half-day that has not ended at the prison (tomorrow morning once today's
    // afternoon is over); a date without a half-day: its morning, or its afternoon if that is today's next.
    const now = this.clock.now();
    const next = await this.unlock.nextHalfDay(prison.id, this.clock.today(), now.toFormat('HH:mm'));
    const date = askedDate ?? next.date;
    const period = askedPeriod ?? (date === next.date ? next.period : DayPeriod.AM);
    const list = await this.unlock.halfDay(prison.id, date, period, principal);
    return unlockPage(ctx, { prison, prisons, list, unitId: queryString(q, 'unit') || undefined });
  }
}
