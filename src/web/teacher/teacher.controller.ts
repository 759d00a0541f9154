import { Body, Get, Param, Post, Query, Redirect, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { isoWeekOf, parseIsoWeek } from '../../calendar/domain/iso-week';
import { addDays, parseIsoDate } from '../../calendar/domain/oslo-time';
import { Clock } from '../../common/clock';
import { ConflictError } from '../../common/errors/domain-errors';
import { readCookie } from '../../auth/web-session';
import { field } from '../shared/forms';
import { refusalText } from '../shared/task-errors';
import { WebPageError } from '../shared/web-errors';
import { CALENDAR_PAGE, calendarPage } from './calendar.page';
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
import { cookieOptions } from '../shared/web-request';
import type { WebRequest } from '../shared/web-request';
import { teacherRosterPage, timetablePage } from './teacher.page';

type RedirectTo = { url: string; statusCode: number };
// Anyone who runs sessions (teachers first; officers and managers are staff members too).
const STAFF = [Role.TEACHER, Role.OFFICER, Role.MANAGER];
const FEED_COOKIE = 'ka_feed';
const FEED_COOKIE_MINUTES = 15;

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
    return timetablePage(ctx, { week, sessions: await this.sessionsOf(principal, week) });
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

  /** The calendar link on a page of its own (see issueFeed for how the link survives the redirect). */
  @Get('calendar')
  @Allow(...STAFF)
  async calendar(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Req() req: WebRequest,
    @Query() q: Record<string, unknown>,
  ): Promise<string> {
    return calendarPage(ctx, { ...(await this.calendarView(principal, req)), flash: this.calendarFlash(ctx, q) });
  }

  /**
   * Creates the calendar feed, or (only when confirmed) replaces it, then redirects to the calendar page
   * (post/redirect/get: a reload shows the page again and changes nothing). Only the token's hash is
   * stored, so the link travels to that page in a short-lived HTTP-only cookie for this page alone.
   */
  @Post('calendar-feed')
  @Allow(...STAFF)
  @Redirect(CALENDAR_PAGE, 303)
  async issueFeed(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const exists = await this.calendarFeeds.exists(principal);
    if (exists && field(body, 'confirm') !== 'yes') {
      const error = new ConflictError('A calendar link exists; making a new one needs confirm=yes');
      throw new WebPageError(calendarPage(ctx, { ...(await this.calendarView(principal, req)), error: refusalText(ctx, error) }), 409);
    }
    const { url } = await this.calendarFeeds.issue(principal);
    res.cookie(FEED_COOKIE, url.replace(/^\/calendar-feeds\//, '').replace(/\.ics$/, ''), {
      ...cookieOptions(req),
      path: CALENDAR_PAGE,
      maxAge: FEED_COOKIE_MINUTES * 60_000,
    });
    return { url: `${CALENDAR_PAGE}?${exists ? 'rotated' : 'made'}=1`, statusCode: 303 };
  }

  @Post('calendar-feed/revoke')
  @Allow(...STAFF)
  @Redirect(CALENDAR_PAGE, 303)
  async revokeFeed(
    @CurrentPrincipal() principal: Principal,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RedirectTo> {
    await this.calendarFeeds.revoke(principal);
    res.clearCookie(FEED_COOKIE, { ...cookieOptions(req), path: CALENDAR_PAGE });
    return { url: `${CALENDAR_PAGE}?revoked=1`, statusCode: 303 };
  }

  private async calendarView(principal: Principal, req: WebRequest) {
    const exists = await this.calendarFeeds.exists(principal);
    const token = readCookie(req, FEED_COOKIE);
    // The cookie's link is shown only while it is still the user's feed (not revoked or replaced elsewhere).
    const valid =
      exists && token !== undefined && /^[A-Za-z0-9_-]{43}$/.test(token) && (await this.calendarFeeds.isCurrent(principal, token));
    const feedUrl = valid ? `${req.protocol}://${req.get('host') ?? 'localhost'}/calendar-feeds/${token}.ics` : undefined;
    return { exists, feedUrl };
  }

  private calendarFlash(ctx: WebContext, q: Record<string, unknown>): string | undefined {
    if (queryString(q, 'made')) return ctx.t('cal.created');
    if (queryString(q, 'rotated')) return ctx.t('cal.rotated');
    if (queryString(q, 'revoked')) return ctx.t('teacher.ics.revoked');
    return undefined;
  }

  /** The week asked for; by default this week, or next week on Saturday and Sunday (this week is over). */
  private weekOf(week: string | undefined): string {
    const today = this.clock.today();
    if (week === undefined) return isoWeekOf(parseIsoDate(today).weekday >= 6 ? addDays(today, 7) : today);
    return checkedIsoWeek(week);
  }

  private sessionsOf(principal: Principal, week: string) {
    const { monday, sunday } = parseIsoWeek(week);
    return this.timetable.mySessions(Object.assign(new MySessionsQueryDto(), { from: monday, to: sunday }), principal);
  }
}
