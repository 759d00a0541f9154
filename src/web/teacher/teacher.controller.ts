import { Get, Param, Post, Query, Redirect, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { isoWeekOf, parseIsoWeek } from '../../calendar/domain/iso-week';
import { Clock } from '../../common/clock';
import { attachmentDisposition, CSV_CONTENT_TYPE } from '../../common/csv/csv-writer';
import { rosterCsvText } from '../shared/csv-text';
import { checkedIsoWeek } from '../../common/http/date-window';
import { UuidParam } from '../../common/http/uuid-param';
import { MySessionsQueryDto } from '../../teaching/dto/my-session.dto';
import { TimetableService } from '../../teaching/timetable.service';
import { CalendarFeedService } from '../../calendar-feed/calendar-feed.service';
import { RosterService } from '../../teaching/roster.service';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { WebController } from '../shared/web-guards';
import { WEB_PREFIX } from '../shared/web-request';
import type { WebRequest } from '../shared/web-request';
import { teacherRosterPage, timetablePage } from './teacher.page';

type RedirectTo = { url: string; statusCode: number };
// Anyone who runs sessions (teachers first; officers and managers are staff members too).
const STAFF = [Role.TEACHER, Role.OFFICER, Role.MANAGER];

/** A teacher's own timetable, class lists (teacher-safe fields), the CSV download and the calendar link. */
@WebController('teacher')
export class TeacherPagesController {
  constructor(
    private readonly timetable: TimetableService,
    private readonly rosters: RosterService,
    private readonly calendarFeeds: CalendarFeedService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow(...STAFF)
  async week(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const week = this.weekOf(queryString(q, 'week'));
    const flash = queryString(q, 'revoked') ? ctx.t('teacher.ics.revoked') : undefined;
    return timetablePage(ctx, { week, sessions: await this.sessionsOf(principal, week), flash });
  }

  @Get('sessions/:id')
  @Allow(...STAFF)
  @Audited({ action: 'web.roster.read', subjectType: 'session' })
  async roster(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string): Promise<string> {
    return teacherRosterPage(ctx, await this.rosters.roster(id, principal));
  }

  @Get('sessions/:id/roster.csv')
  @Allow(...STAFF)
  @Audited({ action: 'web.roster.export', subjectType: 'session' })
  async rosterCsv(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const file = await this.rosters.rosterCsv(id, principal, rosterCsvText(ctx.lang));
    res.setHeader('Content-Type', CSV_CONTENT_TYPE);
    res.setHeader('Content-Disposition', attachmentDisposition(file.filename));
    return file.content;
  }

  /** Creates (or replaces) the calendar feed and shows its URL once, on this response only. */
  @Post('calendar-feed')
  @Allow(...STAFF)
  async issueFeed(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Req() req: WebRequest): Promise<string> {
    const { url } = await this.calendarFeeds.issue(principal);
    const week = this.weekOf(undefined);
    return timetablePage(ctx, {
      week,
      sessions: await this.sessionsOf(principal, week),
      feedUrl: `${req.protocol}://${req.get('host') ?? 'localhost'}${url}`,
    });
  }

  @Post('calendar-feed/revoke')
  @Allow(...STAFF)
  @Redirect(`${WEB_PREFIX}/teacher`, 303)
  async revokeFeed(@CurrentPrincipal() principal: Principal): Promise<RedirectTo> {
    await this.calendarFeeds.revoke(principal);
    return { url: `${WEB_PREFIX}/teacher?revoked=1`, statusCode: 303 };
  }

  private weekOf(week: string | undefined): string {
    if (week === undefined) return isoWeekOf(this.clock.today());
    return checkedIsoWeek(week);
  }

  private sessionsOf(principal: Principal, week: string) {
    const { monday, sunday } = parseIsoWeek(week);
    return this.timetable.mySessions(Object.assign(new MySessionsQueryDto(), { from: monday, to: sunday }), principal);
  }
}
