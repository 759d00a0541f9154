import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Allow, CurrentPrincipal, Public } from '../auth/policy.decorators';
import type { Principal } from '../auth/principal';
import { ALL_ROLES } from '../auth/roles';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarFeedUrlDto } from './dto/calendar-feed.dto';

@ApiTags('calendar feed')
@Controller()
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Post('me/calendar-feed')
  @Allow(...ALL_ROLES)
  @ApiOperation({
    summary: 'Create my private ICS feed, or replace its secret URL (the old one stops working). The URL is shown only now.',
  })
  @ApiCreatedResponse({ type: CalendarFeedUrlDto })
  @ApiUnprocessableEntityResponse({ description: 'The user is not linked to a staff member' })
  issue(@CurrentPrincipal() principal: Principal): Promise<CalendarFeedUrlDto> {
    return this.feeds.issue(principal);
  }

  @Delete('me/calendar-feed')
  @HttpCode(204)
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'Revoke my ICS feed (idempotent)' })
  @ApiNoContentResponse()
  async revoke(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.feeds.revoke(principal);
  }

  // The one deliberate exception to sign-in: calendar apps cannot send a bearer token, so the secret
  // in the path is the credential. The feed holds no prisoner names, only booked counts.
  @Get('calendar-feeds/:token.ics')
  @Public()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Content-Disposition', 'inline; filename="timetable.ics"')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary:
      'A staff member’s timetable as an RFC 5545 calendar (4 weeks back to the session horizon). Public: the secret token is the credential.',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'VCALENDAR with a Europe/Oslo VTIMEZONE and one VEVENT per session', schema: { type: 'string' } })
  @ApiNotFoundResponse({ description: 'Unknown or revoked token' })
  feed(@Param('token') token: string): Promise<string> {
    return this.feeds.feed(token);
  }
}
